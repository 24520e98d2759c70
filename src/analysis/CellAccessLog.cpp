#include "CellAccessLog.h"

#include <algorithm>
#include <map>
#include <utility>

namespace conlab {

void CellAccessLog::reset(const TraceMeta &meta)
{
    m_cells.clear();
    for (const ObjectInfo &object : meta.objects) {
        if (object.kind == "cell")
            m_cells.push_back(object);
    }
    m_accesses.clear();
    m_judged = true;
}

void CellAccessLog::append(const Event *events, std::size_t count)
{
    if (m_cells.empty())
        return;
    for (std::size_t i = 0; i < count; ++i) {
        const Event &e = events[i];
        if (e.kind != EventKind::CellRead && e.kind != EventKind::CellWritten)
            continue;
        Access access;
        access.timeNs = e.timeNs;
        access.worker = e.worker;
        access.cell = e.object;
        access.value = e.arg;
        if (e.kind == EventKind::CellRead) {
            access.kind = Kind::Read;
        } else if (e.reason == kCellAdd) {
            access.kind = Kind::Add;
            access.delta = std::int32_t(e.value);
        } else {
            access.kind = Kind::Write;
        }
        if (m_accesses.empty() || m_accesses.back().timeNs <= access.timeNs) {
            m_accesses.push_back(access);
        } else {
            const auto at =
                std::upper_bound(m_accesses.begin(), m_accesses.end(), access.timeNs,
                                 [](std::uint64_t t, const Access &a) { return t < a.timeNs; });
            m_accesses.insert(at, access);
        }
        m_judged = false;
    }
}

const std::vector<CellAccessLog::Access> &CellAccessLog::accesses() const
{
    if (!m_judged)
        judge();
    return m_accesses;
}

std::size_t CellAccessLog::staleWrites() const
{
    const auto &all = accesses();
    return std::size_t(
        std::count_if(all.begin(), all.end(), [](const Access &a) { return a.stale; }));
}

void CellAccessLog::judge() const
{
    // Per cell: its value now and who wrote it; per (worker, cell): the value last read.
    struct Current
    {
        std::int64_t value = 0;
        std::uint32_t writer = 0;
    };
    std::map<std::uint32_t, Current> current;
    for (const ObjectInfo &cell : m_cells)
        current[cell.id] = {cell.capacity, 0};
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::int64_t> lastRead;
    for (Access &access : m_accesses) {
        Current &now = current[access.cell];
        access.stale = false;
        switch (access.kind) {
        case Kind::Read:
            lastRead[{access.worker, access.cell}] = access.value;
            break;
        case Kind::Add:
            now = {access.value, access.worker};
            break;
        case Kind::Write: {
            const auto read = lastRead.find({access.worker, access.cell});
            // Judged by value, not by which event came first: a read can be stamped a moment
            // before the write it already saw.
            if (read != lastRead.end() && read->second != now.value) {
                access.stale = true;
                access.readValue = read->second;
                access.overwritten = now.value;
                access.overwriter = now.writer;
            }
            now = {access.value, access.worker};
            break;
        }
        }
    }
    m_judged = true;
}

} // namespace conlab
