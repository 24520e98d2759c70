#include "OutputPaths.h"

#include "analysis/ChromeTraceWriter.h"
#include "analysis/IntervalCsv.h"
#include "analysis/RunRecording.h"
#include "analysis/StateTimeline.h"
#include "trace/TraceFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace conlab {

bool OutputPaths::canWrite(const std::string &path, std::string &error)
{
    struct stat info = {};
    if (stat(path.c_str(), &info) == 0) {
        if (S_ISDIR(info.st_mode)) {
            error = "is a folder";
            return false;
        }
        // A pipe or a device may have no reader yet; whether it takes writes is its own affair.
        if (!S_ISREG(info.st_mode)) {
            if (access(path.c_str(), W_OK) == 0)
                return true;
            error = std::strerror(errno);
            return false;
        }
        const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            error = std::strerror(errno);
            return false;
        }
        close(fd);
        return true;
    }
    if (errno != ENOENT) {
        error = std::strerror(errno);
        return false;
    }
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    close(fd);
    unlink(path.c_str());
    return true;
}

bool OutputPaths::check(const RunOptions &options)
{
    for (const auto &[option, path] :
         {std::pair{"--trace", &options.tracePath}, std::pair{"--csv", &options.csvPath},
          std::pair{"--chrome-trace", &options.chromeTracePath}}) {
        std::string why;
        if (!path->empty() && !canWrite(*path, why)) {
            std::fprintf(stderr, "conlab-runner: %s %s: cannot write there: %s\n", option,
                         path->c_str(), why.c_str());
            return false;
        }
    }
    return true;
}

namespace {

// Keeps the first failure of one output, naming the file when the writer said nothing.
void failed(std::string &error, const std::string &path)
{
    if (error.empty())
        error = "cannot write " + path;
    std::fprintf(stderr, "conlab-runner: %s\n", error.c_str());
}

} // namespace

OutputPaths::Errors OutputPaths::write(const RunOptions &options, const Trace &trace,
                                       std::uint64_t openUntilNs)
{
    Errors errors;
    if (!options.tracePath.empty() && !TraceFile::write(options.tracePath, trace, &errors.trace))
        failed(errors.trace, options.tracePath);
    if (!options.csvPath.empty()) {
        StateTimeline timeline;
        timeline.reset(trace.meta);
        timeline.append(trace.events);
        if (openUntilNs != 0)
            timeline.extendOpenTo(openUntilNs);
        if (!IntervalCsv::write(options.csvPath, timeline, &errors.csv))
            failed(errors.csv, options.csvPath);
    }
    if (!options.chromeTracePath.empty()) {
        // What the window would show of this trace: the same lanes, holds and arrows.
        RunRecording recording;
        recording.load(trace);
        if (!ChromeTraceWriter::write(options.chromeTracePath, recording, &errors.chromeTrace))
            failed(errors.chromeTrace, options.chromeTracePath);
    }
    return errors;
}

} // namespace conlab
