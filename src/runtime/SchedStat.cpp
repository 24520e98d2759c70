#include "SchedStat.h"

#include "ProcFile.h"

#include <charconv>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace conlab {

namespace {

bool nextNumber(std::string_view &text, std::uint64_t &value)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc())
        return false;
    text.remove_prefix(std::size_t(result.ptr - text.data()));
    return true;
}

} // namespace

bool SchedStat::parse(std::string_view text, SchedStat &out)
{
    SchedStat parsed;
    if (!nextNumber(text, parsed.onCpuNs) || !nextNumber(text, parsed.runDelayNs) ||
        !nextNumber(text, parsed.slices))
        return false;
    parsed.processor = out.processor;
    out = parsed;
    return true;
}

int SchedStat::parseProcessor(std::string_view statLine)
{
    // Fields after the command start at "state", field 3; the CPU is field 39.
    const auto close = statLine.rfind(')');
    if (close == std::string_view::npos)
        return -1;
    std::string_view rest = statLine.substr(close + 1);
    int field = 2;
    while (!rest.empty()) {
        while (!rest.empty() && rest.front() == ' ')
            rest.remove_prefix(1);
        ++field;
        const auto space = rest.find(' ');
        const std::string_view word = rest.substr(0, space);
        if (field == 39) {
            int cpu = -1;
            const auto result = std::from_chars(word.data(), word.data() + word.size(), cpu);
            return result.ec == std::errc() ? cpu : -1;
        }
        if (space == std::string_view::npos)
            break;
        rest.remove_prefix(space);
    }
    return -1;
}

bool SchedStat::read(pid_t tid, SchedStat &out)
{
    char path[64];
    char buffer[1024];
    std::snprintf(path, sizeof path, "/proc/self/task/%d/schedstat", int(tid));
    if (!parse(ProcFile::readOnce(path, buffer, sizeof buffer), out))
        return false;
    std::snprintf(path, sizeof path, "/proc/self/task/%d/stat", int(tid));
    out.processor = parseProcessor(ProcFile::readOnce(path, buffer, sizeof buffer));
    return true;
}

} // namespace conlab
