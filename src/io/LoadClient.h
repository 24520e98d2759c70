#pragma once

#include "LatencyHistogram.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

struct epoll_event;

namespace conlab {

class IoLane;
class WorkerContext;

// One client thread driving many loopback connections with one epoll set, as load generators
// do (a thousand client threads would measure the clients). Each connection sends a message,
// waits for the whole echo, checks it byte for byte, and after the think time sends the next,
// until the load window ends; then it waits for the replies still due, bounded, and closes.
// Every message's bytes depend on its connection and sequence number, so a reply that is
// wrong, truncated, stale or meant for another connection does not compare equal.
class LoadClient
{
public:
    // After the window, how long replies still due may take before they count as missing.
    static constexpr std::uint64_t kDrainNs = 5'000'000'000;
    static constexpr std::uint64_t kConnectNs = 5'000'000'000;
    // Messages one connection sends at most in one window.
    static constexpr std::uint64_t kMaxMessages = 10'000'000;

    struct Options
    {
        std::uint16_t port = 0;            // on 127.0.0.1
        std::uint32_t firstConnection = 0; // numbers this client's connections for the pattern
        std::uint32_t connections = 0;
        std::size_t messageBytes = 64;
        std::uint64_t durationNs = 0;
        std::uint64_t thinkNs = 0;
        std::uint32_t socketsObject = 0; // the trace object the lane waits on
        // Set to the window's start by the first client of a design to get there.
        std::atomic<std::uint64_t> *windowStart = nullptr;
    };

    struct Result
    {
        std::uint64_t sent = 0;            // messages started
        std::uint64_t replies = 0;         // correct replies
        std::uint64_t repliesInWindow = 0; // of those, completed before the window ended
        std::uint64_t wrong = 0;           // replies that differed from the message
        std::uint64_t missing = 0;         // messages whose reply never came
        std::uint64_t connectFailures = 0; // connections never made (each a missing reply)
        LatencyHistogram latency;          // of the correct replies
        std::uint64_t windowStartNs = 0;
        std::uint64_t windowEndNs = 0;
        bool stopped = false; // the run stopped it; what was due then is not counted missing
        std::string error;
        std::uint64_t bad() const { return wrong + missing + connectFailures; }
    };

    explicit LoadClient(Options options);
    ~LoadClient();
    LoadClient(const LoadClient &) = delete;
    LoadClient &operator=(const LoadClient &) = delete;

    // Connects, loads, drains and closes every socket, on the client's lane. False if it could
    // not run (result().error) or the run stopped it.
    bool run(WorkerContext &context);
    const Result &result() const { return m_result; }

private:
    struct Connection
    {
        int fd = -1;
        std::uint32_t id = 0;
        std::uint64_t seq = 0;
        std::uint64_t seed = 0; // of the message in flight
        std::size_t sent = 0;
        std::size_t got = 0;
        std::uint64_t sentAtNs = 0;
        bool outstanding = false;
        bool wrong = false;
        bool wantsOutput = false;
        bool connecting = false;
        bool open = false;
    };

    bool setUp();
    bool connectAll(IoLane &lane);
    bool load(IoLane &lane);
    void start(Connection &connection);
    void sendMore(Connection &connection);
    void readReplies(Connection &connection);
    void check(Connection &connection, const char *data, std::size_t size);
    void complete(Connection &connection);
    // The server closed it or it failed: a reply still due is missing.
    void lose(Connection &connection);
    bool watch(Connection &connection, std::uint32_t events, int op);
    void armTimer(std::uint64_t atNs);
    // Waits (recorded on `lane`) for ready connections or the timer. Returns how many events
    // arrived; 0 when the run stopped, -1 on an error (both recorded in the result).
    int waitEvents(IoLane &lane, epoll_event *events);
    // The timer fired: read its count so it can fire again.
    void consumeTimer();
    void closeAll();

    Options m_options;
    Result m_result;
    WorkerContext *m_context = nullptr;
    std::vector<Connection> m_connections;
    std::deque<std::pair<std::uint64_t, std::size_t>> m_thinking; // (due, connection), in order
    std::vector<char> m_out;
    std::vector<char> m_in;
    int m_epoll = -1;
    int m_timer = -1;
    std::uint64_t m_timerAt = 0;
    std::uint64_t m_outstanding = 0;
    std::uint64_t m_deadline = 0;
};

} // namespace conlab
