// server-models' epoll design against a bare epoll echo server, under the same load: the CPU
// time the serving thread spends per echoed message. The two are run in turn, several times,
// in one process, and the ratio is taken from the medians of the same run, so that the load
// the other engineers put on the machine weighs on both alike.
#include "io/EchoServer.h"
#include "io/LoadClient.h"
#include "runtime/CpuGate.h"
#include "runtime/Futex.h"
#include "runtime/WorkerContext.h"
#include "runtime/WorkerTable.h"
#include "trace/Arena.h"
#include "trace/EventClock.h"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <benchmark/benchmark.h>
#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <string>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace conlab;

namespace {

// server-models' defaults (conlab-runner --list): 100 clients, 64-byte messages, no think
// time, spread over two client lanes.
constexpr std::uint32_t kClientLanes = 2;
constexpr std::uint64_t kWindowNs = 1'000'000'000;

std::uint64_t threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000ull + std::uint64_t(ts.tv_nsec);
}

// The baseline: one thread, level-triggered epoll, non-blocking sockets, one recv and its send
// per readiness. No lane, no events, no stop flag but its eventfd.
class BareEpollServer
{
public:
    explicit BareEpollServer(int listener) : m_listener(listener) {}
    ~BareEpollServer()
    {
        if (m_stop >= 0)
            ::close(m_stop);
    }

    void stop()
    {
        const std::uint64_t one = 1;
        if (::write(m_stop, &one, sizeof one) < 0)
            return;
    }

    void run()
    {
        const int set = epoll_create1(EPOLL_CLOEXEC);
        fcntl(m_listener, F_SETFL, fcntl(m_listener, F_GETFL) | O_NONBLOCK);
        add(set, m_listener, -1);
        add(set, m_stop, -2);
        std::vector<int> open;
        char buffer[EchoServer::kBufferBytes];
        epoll_event events[256];
        for (bool serving = true; serving;) {
            const int n = epoll_wait(set, events, 256, -1);
            for (int i = 0; i < n && serving; ++i) {
                const int key = events[i].data.fd;
                if (key == -2) {
                    serving = false;
                } else if (key == -1) {
                    for (int fd; (fd = accept4(m_listener, nullptr, nullptr,
                                               SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0;) {
                        const int one = 1;
                        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                        add(set, fd, fd);
                        open.push_back(fd);
                    }
                } else {
                    const ssize_t got = ::recv(key, buffer, sizeof buffer, 0);
                    if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
                        epoll_ctl(set, EPOLL_CTL_DEL, key, nullptr);
                        continue;
                    }
                    // The clients wait for each echo, so the socket always has room for it.
                    for (ssize_t sent = 0; got > 0 && sent < got;) {
                        const ssize_t n =
                            ::send(key, buffer + sent, std::size_t(got - sent), MSG_NOSIGNAL);
                        if (n < 0 && errno != EAGAIN && errno != EINTR)
                            break;
                        sent += std::max<ssize_t>(n, 0);
                    }
                }
            }
        }
        for (const int fd : open)
            ::close(fd);
        ::close(set);
    }

private:
    static void add(int set, int fd, int key)
    {
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = key;
        epoll_ctl(set, EPOLL_CTL_ADD, fd, &event);
    }

    int m_listener;
    int m_stop = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
};

// One design's load: the arena and lanes of a run (server lane 0, client lanes after it) with
// a collector draining the rings as the runner's does, so that the instrumented server records
// into rings that never fill.
struct Measurement
{
    std::uint64_t messages = 0;
    std::uint64_t serverCpuNs = 0;
    std::uint64_t events = 0; // recorded by the server's lane
    std::uint64_t dropped = 0;
    bool ok = false;
};

Measurement measure(bool instrumented, std::uint32_t connections, std::size_t messageBytes)
{
    Measurement out;
    Arena::Layout layout;
    layout.workerCount = 1 + kClientLanes;
    layout.objectBytes = 256 * 1024;
    std::string error;
    auto arena = Arena::create(layout, &error);
    if (!arena)
        return out;
    arena->header().clock = std::uint32_t(EventClock::kind());
    auto *table = arena->make<WorkerTable>();
    auto *gate = arena->make<CpuGate>(CpuGate::kMaxCpus, SchedulingPolicy::Fcfs);

    const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener < 0 || bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) ||
        listen(listener, int(connections) + 64) ||
        getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length)) {
        if (listener >= 0)
            ::close(listener);
        return out;
    }

    std::atomic<bool> collecting{true};
    std::vector<std::uint64_t> drained(layout.workerCount, 0);
    std::thread collector([&] {
        std::vector<Event> buffer(4096);
        auto &doorbell = arena->header().doorbell;
        while (collecting.load()) {
            const std::uint32_t rung = doorbell.load();
            for (std::uint32_t w = 0; w < layout.workerCount; ++w)
                while (const std::size_t n = arena->ring(w)->drain(buffer.data(), buffer.size()))
                    drained[w] += n;
            futexWait(doorbell, rung, 10);
        }
    });

    std::unique_ptr<EchoServer> server;
    std::unique_ptr<BareEpollServer> bare;
    if (instrumented) {
        EchoServer::Options options;
        options.listener = listener;
        options.socketsObject = 1;
        server = EchoServer::create(EchoServer::Design::Epoll, options);
    } else {
        bare = std::make_unique<BareEpollServer>(listener);
    }
    bool served = true;
    std::thread serving([&] {
        // Named for `perf report --comms`.
        pthread_setname_np(pthread_self(), instrumented ? "epoll-server" : "bare-server");
        const std::uint64_t start = threadCpuNs();
        if (instrumented) {
            WorkerContext lane(*arena, *gate, *table, 0);
            lane.started();
            served = server->run(lane);
            lane.exit(ExitCause::Normal);
        } else {
            bare->run();
        }
        out.serverCpuNs = threadCpuNs() - start;
    });

    std::vector<std::unique_ptr<LoadClient>> clients;
    std::vector<std::thread> loading;
    std::uint32_t first = 0;
    for (std::uint32_t i = 0; i < kClientLanes; ++i) {
        LoadClient::Options options;
        options.port = ntohs(address.sin_port);
        options.firstConnection = first;
        options.connections = connections / kClientLanes + (i < connections % kClientLanes);
        options.messageBytes = messageBytes;
        options.durationNs = kWindowNs;
        options.socketsObject = 2;
        first += options.connections;
        clients.push_back(std::make_unique<LoadClient>(options));
        loading.emplace_back([&, i] {
            pthread_setname_np(pthread_self(), "load-client");
            WorkerContext lane(*arena, *gate, *table, 1 + i);
            lane.started();
            clients[i]->run(lane);
            lane.exit(ExitCause::Normal);
        });
    }
    for (std::thread &thread : loading)
        thread.join();
    if (server)
        server->stop();
    else
        bare->stop();
    serving.join();
    collecting.store(false);
    collector.join();
    ::close(listener);

    out.ok = served;
    for (const auto &client : clients) {
        out.messages += client->result().replies;
        out.ok = out.ok && client->result().bad() == 0 && client->result().error.empty();
    }
    out.events = drained[0];
    out.dropped = arena->ring(0)->dropped();
    return out;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Arguments: connections, message bytes, rounds (each round: bare, then instrumented, 1 s each).
void BM_EpollEchoServerCpu(benchmark::State &state)
{
    EventClock::use(EventClock::choose());
    const auto connections = std::uint32_t(state.range(0));
    const auto messageBytes = std::size_t(state.range(1));
    const auto rounds = std::size_t(state.range(2));
    std::vector<double> bare, instrumented;
    double messagesBare = 0, messagesInstrumented = 0, events = 0, dropped = 0;
    for (auto _ : state) {
        for (std::size_t r = 0; r < rounds; ++r) {
            const Measurement b = measure(false, connections, messageBytes);
            const Measurement i = measure(true, connections, messageBytes);
            if (!b.ok || !i.ok || b.messages == 0 || i.messages == 0) {
                state.SkipWithError("a design did not serve every reply");
                return;
            }
            bare.push_back(double(b.serverCpuNs) / double(b.messages));
            instrumented.push_back(double(i.serverCpuNs) / double(i.messages));
            messagesBare += double(b.messages);
            messagesInstrumented += double(i.messages);
            events += double(i.events);
            dropped += double(i.dropped);
        }
    }
    const double bareNs = median(bare);
    const double instrumentedNs = median(instrumented);
    state.counters["bare_cpu_ns_per_msg"] = bareNs;
    state.counters["epoll_cpu_ns_per_msg"] = instrumentedNs;
    state.counters["ratio"] = instrumentedNs / bareNs;
    std::vector<double> ratios;
    for (std::size_t r = 0; r < bare.size(); ++r)
        ratios.push_back(instrumented[r] / bare[r]);
    std::sort(ratios.begin(), ratios.end());
    state.counters["ratio_min"] = ratios.front();
    state.counters["ratio_max"] = ratios.back();
    state.counters["bare_msgs_per_s"] = messagesBare / double(bare.size()) * 1e9 / kWindowNs;
    state.counters["epoll_msgs_per_s"] =
        messagesInstrumented / double(instrumented.size()) * 1e9 / kWindowNs;
    state.counters["epoll_events_per_msg"] = events / messagesInstrumented;
    state.counters["epoll_events_dropped"] = dropped;
}
// server-models' default load, then fewer connections: the fewer messages each wake-up of the
// server finds, the more the lane's wait and wake (events, the CPU gate) weigh per message.
BENCHMARK(BM_EpollEchoServerCpu)
    ->Args({100, 64, 5})
    ->Args({10, 64, 5})
    ->Args({1, 64, 5})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace

BENCHMARK_MAIN();
