#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct epoll_event;

namespace conlab {

class Arena;
class HandlerLanes;
class IoLane;
class WorkerContext;

// An echo server on a listening socket it is given, built one of five ways. run() serves on
// the calling thread, the server's own lane (the acceptor, dispatcher or event loop), until
// stop() or the run's stop; it returns only once every connection it accepted is closed and
// every thread or process it started has ended, so nothing outlives a design.
class EchoServer
{
public:
    enum class Design {
        ProcessPerConnection,
        ThreadPerConnection,
        ThreadPool,
        Epoll,
        Coroutines,
        IoUring
    };

    // What one read takes at most: a fixed buffer, as a server that doesn't know its clients'
    // message size would have.
    static constexpr std::size_t kBufferBytes = 16384;

    struct Options
    {
        int listener = -1;               // listening on 127.0.0.1; the caller closes it
        std::size_t poolSize = 4;        // thread-pool's workers
        std::uint32_t socketsObject = 0; // the trace object the server's lanes wait on
        HandlerLanes *lanes = nullptr;   // for the threads or processes it creates, if any
        // Process-per-connection: the run's arena, which its forker attaches, and the program
        // run as the forker (empty: this executable, which is conlab-runner).
        Arena *arena = nullptr;
        std::string forkerProgram;
        // Coroutines design: lanes for its first connections' coroutines, nested in the
        // server's lane and recorded by the loop itself.
        std::vector<std::uint32_t> coroutineLanes;
    };

    static std::unique_ptr<EchoServer> create(Design design, Options options);
    // The `design` parameter's value, e.g. "thread-pool".
    static const char *name(Design design);
    // The summary figures' prefix, e.g. "thread_pool".
    static const char *prefix(Design design);
    // Whether the design creates handlers (threads or processes) that may get lanes.
    static bool hasHandlers(Design design);
    // Whether this build and kernel can run the design; if not, `why` says so.
    static bool available(Design design, std::string *why);

    virtual ~EchoServer();
    EchoServer(const EchoServer &) = delete;
    EchoServer &operator=(const EchoServer &) = delete;

    // False on a failure that ended serving early (error() says which).
    virtual bool run(WorkerContext &lane) = 0;
    // From any thread; serving ends soon after.
    void stop();
    Design design() const { return m_design; }
    // Threads or processes that handled connections (the acceptor or dispatcher excluded).
    std::uint64_t workers() const { return m_workers.load(); }
    // Child processes alive now (process-per-connection only).
    virtual std::vector<int> processes() const { return {}; }
    // Children still alive after run() returned: 0 unless one could not be ended.
    virtual std::uint64_t leftBehind() const { return 0; }
    const std::string &error() const { return m_error; }

    // Echoes on a blocking socket until the peer closes it, as the tutorials' handler does
    // (a forked handler of process-per-connection runs it in another program's child):
    // recv(), then send() all of it. A recv that would block is recorded as a wait on `lane`.
    // False if the run stopped while it waited.
    static bool echoBlocking(int fd, IoLane &lane, char *buffer, std::size_t size);

protected:
    EchoServer(Design design, Options options);

    bool stopRequested() const { return m_stop.load(std::memory_order_acquire); }
    // An eventfd that becomes readable once stop() is called, for the server's wait sets.
    int stopFd() const { return m_stopFd; }
    // Keeps the first failure.
    void fail(const std::string &what, int error);

    static void setNoDelay(int fd);
    // The next pending connection (with TCP_NODELAY set), or -1 when none is pending or
    // accepting failed; `*failed` tells which. The listener is non-blocking here.
    int acceptNext(bool nonBlocking, bool *failed);
    // An epoll set watching the listener (made non-blocking) under `listenerKey` and the stop
    // eventfd under `stopKey`; -1, with the failure recorded, if it cannot be made.
    int openEventSet(std::uint64_t listenerKey, std::uint64_t stopKey);
    // Waits, recorded on `lane`, for events of the epoll set `set`: how many came, 0 once the
    // run stops, or -1 with the failure recorded.
    int waitForEvents(int set, epoll_event *events, int capacity, IoLane &lane);
    // Records the failure and returns false if the listener cannot be made non-blocking.
    bool setListenerNonBlocking();
    // Sends all of `size` bytes on a non-blocking socket, waiting (recorded on `lane`) for room
    // when the peer's window is full. False if the peer is gone or the run or server stops.
    bool sendAllNonBlocking(int fd, const char *data, std::size_t size, IoLane &lane) const;

    Options m_options;
    std::atomic<std::uint64_t> m_workers{0};

private:
    Design m_design;
    int m_stopFd = -1;
    std::atomic<bool> m_stop{false};
    std::string m_error;
};

} // namespace conlab
