#pragma once

#include "trace/Event.h"

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace conlab {

class RoundBarrier;
class WorkerContext;

// The receiving end of one loopback connection, and the trace object that stands for it.
struct IoConnection
{
    int fd = -1;
    std::uint32_t object = 0;
};

// One of the five IO models, receiving each round's payload on its connections. Each records
// when it began to wait (IoWaitBegin), every try that found nothing (IoAttempt), when
// readiness or completion reached it (IoNotified), the calls that moved the bytes
// (IoCopyBegin..IoCopyEnd), and per round its system calls and the CPU time its waiting cost
// (IoRoundDone). Its state (blocked, or running its own work) is recorded by the runtime as
// for any worker.
class IoReceiver
{
public:
    enum class Model { Blocking, NonBlocking, Multiplexing, SignalDriven, Async };
    enum class Result { Received, Stopped, Failed };

    // The grain of a receiver's own work: how often one that works while it waits looks for
    // its data (signal flag, completion), so its notice lags the event by at most this.
    static constexpr std::uint64_t kWorkSliceNs = 50'000;

    struct Options
    {
        std::vector<IoConnection> connections;
        std::size_t payloadBytes = 0; // per connection and round
        std::uint64_t pollIntervalNs = 0;
        std::string multiplexer = "epoll"; // "epoll", "poll" or "select"
        bool ioUring = true;               // async: io_uring, else POSIX AIO
    };

    virtual ~IoReceiver() = default;

    // Sets up what belongs to the receiving thread (handlers, rings, wait sets). Called on it.
    virtual bool begin(WorkerContext &worker) = 0;
    // One round: every connection's payload, waited for and copied in the model's way.
    virtual Result receive(WorkerContext &worker, std::uint32_t round, RoundBarrier &barrier) = 0;
    // Undoes begin() on the same thread, after the last round or a stop. Nothing the kernel
    // could still write into is left pending.
    virtual void end(WorkerContext &worker) {}

    const std::string &error() const { return m_error; }
    Model model() const { return m_model; }

    static std::unique_ptr<IoReceiver> create(Model model, Options options);
    // The lane name, which contains the model's name as the command-line contract says.
    static std::string laneName(Model model, const Options &options);
    // A one-word role for the trace header.
    static const char *role(Model model);

protected:
    IoReceiver(Model model, Options options);

    struct Call
    {
        long bytes = 0; // > 0 moved, 0 end of stream, < 0 failed (see `error`)
        int error = 0;
        std::uint64_t startNs = 0;
        std::uint64_t endNs = 0;
        std::uint64_t cpuNs = 0; // thread CPU time the call took
        bool empty() const { return bytes < 0 && (error == EAGAIN || error == EWOULDBLOCK); }
        bool interrupted() const { return bytes < 0 && error == EINTR; }
    };

    // Records IoWaitBegin on the first connection.
    void startRound(WorkerContext &worker, std::uint32_t round);
    // The caller has learned that data is there.
    void endWait() { m_waitEnded = true; }
    bool waitEnded() const { return m_waitEnded; }
    // CPU time a call made to wait for or look for data took, counted while the wait lasts.
    // Only such calls are counted: the caller's own work between them is not waiting.
    void addWaitCpu(std::uint64_t ns)
    {
        if (!m_waitEnded)
            m_waitCpu += ns;
    }
    bool work(WorkerContext &worker, std::uint64_t ns);
    // Takes a virtual CPU again after a blocking wait.
    bool resume(WorkerContext &worker);
    void blockOn(WorkerContext &worker, std::uint32_t object);
    // One recv() for connection `index`, which the model's socket flags make wait or not.
    Call receiveOnce(std::size_t index);
    // Bytes have reached the caller's buffer for connection `index`: records IoCopyBegin at
    // `copyBeginNs` for the round's first, IoCopyEnd once the payload is complete. True then.
    bool moved(WorkerContext &worker, std::size_t index, std::size_t bytes,
               std::uint64_t copyBeginNs);
    bool complete(std::size_t index) const { return m_got[index] >= m_options.payloadBytes; }
    std::size_t remaining(std::size_t index) const { return m_options.payloadBytes - m_got[index]; }
    // Records IoRoundDone with the round's system calls and waiting CPU.
    void finishRound(WorkerContext &worker);
    // Records at `timeNs` (taken earlier), never before an event already recorded.
    void recordAt(WorkerContext &worker, std::uint64_t timeNs, EventKind kind, std::uint32_t object,
                  std::uint32_t value = 0, std::int64_t arg = 0);
    // A call failed or found the connection closed: a stop (which shuts every socket down)
    // or a real failure, kept in error().
    Result failure(WorkerContext &worker, const std::string &what, int error);
    // For begin(): keeps `what` and errno's text in error(); returns false.
    bool setupFailed(const std::string &what);
    std::uint32_t object(std::size_t index) const { return m_options.connections[index].object; }
    int fd(std::size_t index) const { return m_options.connections[index].fd; }

    static std::uint64_t threadCpuNs();

    Options m_options;
    std::vector<char> m_buffer;
    std::uint32_t m_round = 0;
    std::uint32_t m_syscalls = 0;

private:
    Model m_model;
    std::string m_error;
    std::vector<std::size_t> m_got;
    bool m_waitEnded = false;
    std::uint64_t m_waitCpu = 0;
    std::uint64_t m_floorNs = 0;
};

} // namespace conlab
