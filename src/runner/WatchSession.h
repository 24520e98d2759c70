#pragma once

#include "ProgramWatcher.h"
#include "RunOptions.h"
#include "StreamWriter.h"
#include "scenarios/ParameterSet.h"
#include "trace/Trace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace conlab {

class JsonWriter;

// One run that watches a program instead of running a scenario: `--exec` launches a command
// (in a process group of its own, killed with it on Stop or the time limit, and dying with the
// runner), `--attach` follows a running process (never killed: Stop detaches). A
// ProgramWatcher samples it; the trace, the CSV, the live stream and the final JSON line are
// those of any run, with scenario "exec" or "attach".
//
// Lane 0 ("watch") is the runner's own: asleep between samples, it carries the program's
// output (its stdout and stderr, one Output event per line) and the watcher's notes (a
// possible deadlock). The launched process's main thread takes lane 1.
class WatchSession
{
public:
    explicit WatchSession(RunOptions options);
    ~WatchSession();

    // 0 for a run that ran, 1 if an output could not be written, 2 for bad input (a missing
    // command, a pid that is not there or not readable, a bad parameter; said on stderr).
    int run();

    // Async-signal-safe: asks the current watch to stop.
    static void requestStop();

private:
    enum class Outcome { Completed, Stopped, TimedOut };

    bool prepare();
    bool checkCommand();
    bool checkProcess();
    bool launch();
    void loop();
    void readOutput(std::uint64_t nowNs, bool flush);
    void reapChildren(std::uint64_t nowNs);
    void stopProgram(std::uint64_t nowNs, ExitCause cause);
    void flush();
    void finish();
    std::string summary(const Trace &trace, bool checksPassed,
                        const std::vector<std::string> &violations) const;
    void writeProcesses(JsonWriter &json) const;

    RunOptions m_options;
    ParameterSet m_values;
    TraceMeta m_meta;
    std::string m_executable; // the command's program, as found on PATH
    std::optional<ProgramWatcher> m_watcher;
    std::optional<StreamWriter> m_stream;
    std::vector<Event> m_events;
    std::size_t m_streamed = 0; // events already sent to the GUI
    Outcome m_outcome = Outcome::Completed;
    pid_t m_child = 0; // the launched process, until reaped
    pid_t m_pid = 0;   // the launched or attached process
    bool m_childReaped = false;
    int m_exitCode = -1;
    int m_exitSignal = 0;
    int m_outputFd = -1;
    std::string m_partialLine;
    std::uint64_t m_outputLines = 0;
    std::uint64_t m_outputLinesDropped = 0;
    std::uint64_t m_startNs = 0;
    std::uint64_t m_endNs = 0;
    std::uint64_t m_sampleNs = 0;
    std::string m_traceError;
    std::string m_csvError;
    std::string m_chromeTraceError;
};

} // namespace conlab
