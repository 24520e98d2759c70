#include "EventClock.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace conlab {

namespace {

bool hasFlags(const std::string &cpuinfo, std::initializer_list<const char *> wanted)
{
    std::istringstream lines(cpuinfo);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("flags", 0) != 0)
            continue;
        std::istringstream words(line.substr(line.find(':') + 1));
        std::string word;
        std::size_t found = 0;
        while (words >> word)
            for (const char *flag : wanted)
                found += word == flag;
        return found == wanted.size();
    }
    return false;
}

} // namespace

bool EventClock::tscUsable()
{
#if defined(__x86_64__)
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::stringstream text;
    text << cpuinfo.rdbuf();
    if (!hasFlags(text.str(), {"constant_tsc", "nonstop_tsc"}))
        return false;
    // The flags describe the CPU, not the machine: a hypervisor or a kernel that found the
    // TSCs of its CPUs out of step falls back to another clocksource (kvm-clock, hpet), and
    // then so must we, or stamps from different CPUs would not compare.
    std::ifstream source("/sys/devices/system/clocksource/clocksource0/current_clocksource");
    std::string current;
    source >> current;
    return current == "tsc";
#else
    return false;
#endif
}

ClockKind EventClock::choose()
{
    const char *forced = std::getenv("CONLAB_CLOCK");
    if (forced && std::strcmp(forced, "monotonic") == 0)
        return ClockKind::Monotonic;
    return tscUsable() ? ClockKind::Tsc : ClockKind::Monotonic;
}

const char *EventClock::name(ClockKind kind)
{
    return kind == ClockKind::Tsc ? "tsc" : "monotonic";
}

bool EventClock::parse(std::string_view name, ClockKind &kind)
{
    if (name == "tsc")
        kind = ClockKind::Tsc;
    else if (name == "monotonic")
        kind = ClockKind::Monotonic;
    else
        return false;
    return true;
}

} // namespace conlab
