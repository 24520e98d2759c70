// server-models' epoll design against a bare epoll echo server, under the same load: the CPU
// time the serving thread spends per echoed message. The two are run in turn, several times,
// in one process, and the ratio is taken round by round, so that the load other programs put
// on the machine weighs on both alike.
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
#include <cstdio>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <string>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace conlab;

namespace {

// server-models' defaults (conlab-runner --list): 100 clients, 64-byte messages, no think
// time, spread over two client lanes.
constexpr std::uint32_t kClientLanes = 2;
constexpr std::uint64_t kWindowNs = 500'000'000;

std::uint64_t threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000ull + std::uint64_t(ts.tv_nsec);
}

// Counts the calling thread's system calls (the raw_syscalls:sys_enter tracepoint), or -1 where
// tracefs or perf events are not available. Each counted call costs a little more, so the CPU
// figures are taken without it.
class SyscallCounter
{
public:
    SyscallCounter()
    {
        std::FILE *file = std::fopen("/sys/kernel/tracing/events/raw_syscalls/sys_enter/id", "r");
        unsigned long long id = 0;
        if (!file)
            return;
        const bool read = std::fscanf(file, "%llu", &id) == 1;
        std::fclose(file);
        if (!read)
            return;
        perf_event_attr attr{};
        attr.size = sizeof attr;
        attr.type = PERF_TYPE_TRACEPOINT;
        attr.config = id;
        m_fd = int(syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC));
    }
    ~SyscallCounter()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    std::int64_t count() const
    {
        std::uint64_t value = 0;
        if (m_fd < 0 || ::read(m_fd, &value, sizeof value) != sizeof value)
            return -1;
        return std::int64_t(value);
    }

private:
    int m_fd = -1;
};

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
    std::int64_t serverSyscalls = -1; // when counted
    std::uint64_t events = 0;         // recorded by the server's lane
    std::uint64_t dropped = 0;
    bool ok = false;
};

Measurement measure(bool instrumented, std::uint32_t connections, std::size_t messageBytes,
                    bool countSyscalls = false)
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
        std::unique_ptr<SyscallCounter> syscalls;
        if (countSyscalls)
            syscalls = std::make_unique<SyscallCounter>();
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
        if (syscalls)
            out.serverSyscalls = syscalls->count();
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

// Arguments: connections, message bytes, rounds. A round loads each server for 0.5 s, the bare
// one first in even rounds and second in odd ones, so that a change of the machine's load
// during a round weighs on both alike; the ratio is the median of the rounds' ratios.
void BM_EpollEchoServerCpu(benchmark::State &state)
{
    EventClock::use(EventClock::choose());
    const auto connections = std::uint32_t(state.range(0));
    const auto messageBytes = std::size_t(state.range(1));
    const auto rounds = std::size_t(state.range(2));
    std::vector<double> bare, instrumented, ratios;
    double messagesBare = 0, messagesInstrumented = 0, events = 0, dropped = 0;
    for (auto _ : state) {
        for (std::size_t r = 0; r < rounds; ++r) {
            Measurement b, i;
            if (r % 2 == 0) {
                b = measure(false, connections, messageBytes);
                i = measure(true, connections, messageBytes);
            } else {
                i = measure(true, connections, messageBytes);
                b = measure(false, connections, messageBytes);
            }
            if (!b.ok || !i.ok || b.messages == 0 || i.messages == 0) {
                state.SkipWithError("a design did not serve every reply");
                return;
            }
            bare.push_back(double(b.serverCpuNs) / double(b.messages));
            instrumented.push_back(double(i.serverCpuNs) / double(i.messages));
            ratios.push_back(instrumented.back() / bare.back());
            messagesBare += double(b.messages);
            messagesInstrumented += double(i.messages);
            events += double(i.events);
            dropped += double(i.dropped);
        }
    }
    state.counters["bare_cpu_ns_per_msg"] = median(bare);
    state.counters["epoll_cpu_ns_per_msg"] = median(instrumented);
    state.counters["ratio"] = median(ratios);
    std::sort(ratios.begin(), ratios.end());
    state.counters["ratio_q1"] = ratios[ratios.size() / 4];
    state.counters["ratio_q3"] = ratios[ratios.size() * 3 / 4];
    const double seconds = double(rounds) * double(kWindowNs) / 1e9;
    state.counters["bare_msgs_per_s"] = messagesBare / seconds;
    state.counters["epoll_msgs_per_s"] = messagesInstrumented / seconds;
    state.counters["epoll_events_per_msg"] = events / messagesInstrumented;
    state.counters["epoll_events_dropped"] = dropped;
}
// server-models' default load, then fewer connections: the fewer messages each wake-up of the
// server finds, the more the lane's wait and wake (events, the CPU gate) weigh per message.
BENCHMARK(BM_EpollEchoServerCpu)
    ->Args({100, 64, 11})
    ->Args({10, 64, 11})
    ->Args({1, 64, 11})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// What the CPU figures are mostly made of: the serving thread's system calls per message, one
// load of each server, counted by the kernel.
void BM_EpollEchoServerSyscalls(benchmark::State &state)
{
    EventClock::use(EventClock::choose());
    const auto connections = std::uint32_t(state.range(0));
    Measurement b, i;
    for (auto _ : state) {
        b = measure(false, connections, 64, true);
        i = measure(true, connections, 64, true);
    }
    if (!b.ok || !i.ok || b.messages == 0 || i.messages == 0) {
        state.SkipWithError("a design did not serve every reply");
        return;
    }
    if (b.serverSyscalls < 0 || i.serverSyscalls < 0) {
        state.SkipWithError("system calls not countable here (tracefs, perf events)");
        return;
    }
    state.counters["bare_syscalls_per_msg"] = double(b.serverSyscalls) / double(b.messages);
    state.counters["epoll_syscalls_per_msg"] = double(i.serverSyscalls) / double(i.messages);
}
BENCHMARK(BM_EpollEchoServerSyscalls)
    ->Arg(100)
    ->Arg(10)
    ->Arg(1)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace

BENCHMARK_MAIN();
