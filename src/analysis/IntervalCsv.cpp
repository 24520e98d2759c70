#include "IntervalCsv.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace conlab {

namespace {
std::string quoted(const std::string &field)
{
    if (field.find_first_of(",\"\n") == std::string::npos)
        return field;
    std::string out = "\"";
    for (const char c : field)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}
} // namespace

std::string IntervalCsv::header()
{
    return "worker,name,pid,tid,state,reason,object,start_ns,end_ns";
}

std::string IntervalCsv::reasonText(const StateInterval &interval)
{
    if (interval.state == WorkerState::Blocked)
        return toString(interval.reason);
    if (interval.state == WorkerState::Terminated) {
        std::string text = toString(interval.exitCause);
        if (interval.exitCause == ExitCause::Signal ||
            (interval.exitCause == ExitCause::DaemonEnded && interval.exitArg != 0))
            text += (interval.exitCause == ExitCause::Signal ? " " : " (signal ") +
                    std::to_string(interval.exitArg) +
                    (interval.exitCause == ExitCause::Signal ? "" : ")");
        else if (interval.exitCause == ExitCause::Failed)
            text += " (exit code " + std::to_string(interval.exitArg) + ")";
        return text;
    }
    return {};
}

std::string IntervalCsv::format(const StateTimeline &timeline)
{
    std::string out = header() + "\n";
    const std::uint64_t start = timeline.meta().startNs;
    for (std::size_t i = 0; i < timeline.laneCount(); ++i) {
        const auto &lane = timeline.lane(i);
        const std::string name = timeline.meta().workerName(lane.worker);
        for (const auto &interval : lane.intervals) {
            out += std::to_string(lane.worker) + ',' + quoted(name) + ',' +
                   std::to_string(lane.pid) + ',' + std::to_string(lane.tid) + ',' +
                   toString(interval.state) + ',' + quoted(reasonText(interval)) + ',' +
                   (interval.state == WorkerState::Blocked ? std::to_string(interval.object)
                                                           : std::string()) +
                   ',' + std::to_string(interval.startNs - start) + ',' +
                   std::to_string(interval.endNs - start) + '\n';
        }
    }
    return out;
}

bool IntervalCsv::write(const std::string &path, const StateTimeline &timeline, std::string *error)
{
    std::ofstream out(path, std::ios::trunc);
    if (!out) {
        if (error)
            *error = path + ": cannot open for writing: " + std::strerror(errno);
        return false;
    }
    out << format(timeline);
    if (!out) {
        if (error)
            *error = path + ": write failed";
        return false;
    }
    return true;
}

} // namespace conlab
