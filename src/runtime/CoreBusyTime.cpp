#include "CoreBusyTime.h"

#include "ProcFile.h"

#include <array>
#include <charconv>
#include <string>
#include <unistd.h>

namespace conlab {

namespace {

bool readNumber(std::string_view &text, std::uint64_t &value)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc())
        return false;
    text.remove_prefix(std::size_t(end - text.data()));
    return true;
}

} // namespace

bool CoreBusyTime::parse(std::string_view procStat, const cpu_set_t &cpus, long ticksPerSecond,
                         std::uint64_t &busyNs)
{
    if (ticksPerSecond <= 0)
        return false;
    std::uint64_t ticks = 0;
    int found = 0;
    while (!procStat.empty()) {
        const std::size_t newline = procStat.find('\n');
        std::string_view line = procStat.substr(0, newline);
        procStat.remove_prefix(newline == std::string_view::npos ? procStat.size() : newline + 1);
        // "cpuN user nice system idle iowait irq softirq steal ..."; "cpu " is the total.
        if (line.size() < 4 || line.substr(0, 3) != "cpu" || line[3] < '0' || line[3] > '9')
            continue;
        line.remove_prefix(3);
        std::uint64_t cpu = 0;
        if (!readNumber(line, cpu))
            return false;
        if (cpu >= CPU_SETSIZE || !CPU_ISSET(int(cpu), &cpus))
            continue;
        std::array<std::uint64_t, 8> fields{};
        for (std::uint64_t &field : fields)
            if (!readNumber(line, field))
                return false;
        // user, nice, system; irq, softirq, steal. Guest time is inside user already.
        ticks += fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
        ++found;
    }
    if (found != CPU_COUNT(&cpus))
        return false;
    busyNs = ticks * (1000000000ull / std::uint64_t(ticksPerSecond));
    return true;
}

bool CoreBusyTime::read(const cpu_set_t &cpus, std::uint64_t &busyNs)
{
    std::string text;
    return ProcFile::readAll("/proc/stat", text) && parse(text, cpus, sysconf(_SC_CLK_TCK), busyNs);
}

} // namespace conlab
