#include "ServerModelsScenario.h"

#include "ScenarioParameters.h"
#include "ServerDesignPlan.h"
#include "io/CoroutineServer.h"
#include "io/HandlerLanes.h"
#include "io/LatencyHistogram.h"
#include "io/LoadClient.h"
#include "io/ProcessResources.h"
#include "runtime/CpuGate.h"
#include "runtime/SharedEvent.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"
#include "trace/Clock.h"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace conlab {

namespace {

using Design = EchoServer::Design;

// Main's polling while a design runs; resident memory is sampled less often, and for
// forked children (one /proc read each) less often still.
constexpr std::uint64_t kPollNs = 5'000'000;
constexpr std::uint64_t kSampleNs = 50'000'000;
constexpr std::uint64_t kProcessSampleNs = 200'000'000;
constexpr std::uint64_t kHostedNs = 2'000'000'000;
// After a stop, how long main lets a design's lanes leave; below the runner's grace period.
constexpr std::uint64_t kLeaveNs = 500'000'000;
// Beyond the clients' own bounds (connect, window, drain), when main gives up on them.
constexpr std::uint64_t kClientSlackNs = 5'000'000'000;

void pause(std::uint64_t ns)
{
    const timespec ts = {time_t(ns / 1'000'000'000ull), long(ns % 1'000'000'000ull)};
    nanosleep(&ts, nullptr);
}

} // namespace

struct ServerModelsScenario::DesignRun
{
    ServerDesignPlan plan;
    SharedEvent *start = nullptr; // in the arena; set by main when the design begins
    std::unique_ptr<HandlerLanes> lanes;
    std::unique_ptr<EchoServer> server;
    std::vector<std::unique_ptr<LoadClient>> clients; // by client lane
    int listener = -1;
    std::uint16_t port = 0;
    std::atomic<bool> skip{false}; // the design can't run here: its lanes end at once
    std::atomic<std::uint32_t> clientsDone{0};
    std::atomic<bool> serverDone{false};
    std::atomic<std::uint64_t> windowStart{0};

    // Measured, for the summary.
    bool ran = false;
    bool available = true;
    std::string failure;
    std::uint64_t replies = 0;
    std::uint64_t repliesInWindow = 0;
    std::uint64_t wrong = 0;
    std::uint64_t missing = 0;
    std::int64_t throughput = 0;
    std::int64_t p50 = 0;
    std::int64_t p99 = 0;
    std::int64_t rssKib = 0;
    std::int64_t privateKib = -1;
    std::int64_t workers = 0;
    std::int64_t unlaned = 0;
    std::int64_t leftBehind = 0;

    std::uint64_t bad() const { return wrong + missing; }
};

ServerModelsScenario::ServerModelsScenario() = default;

ServerModelsScenario::~ServerModelsScenario()
{
    for (const auto &run : m_runs)
        if (run->listener >= 0)
            ::close(run->listener);
}

Scenario::Info ServerModelsScenario::info() const
{
    return {"server-models",
            "Server designs: processes, threads, pool, epoll, coroutines, io_uring", 8,
            "IO models"};
}

std::vector<ParameterSpec> ServerModelsScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::choice("design", "Server design",
                  {"all", "process-per-connection", "thread-per-connection", "thread-pool", "epoll",
                   "coroutines", "io_uring"},
                  {"all six in turn", "a process per connection (fork)", "a thread per connection",
                   "a thread pool", "one epoll loop", "a coroutine per connection, one thread",
                   "one io_uring loop"},
                  "Which echo server to load; all six in turn compare them in one run."),
        P::integer("clients", "Clients", "", 1, double(kMaxClients), 100,
                   "Loopback connections, each sending a message and waiting for its echo."),
        P::integer("pool-size", "Pool threads", "", 1, 64, 4,
                   "Worker threads of the thread-pool design."),
        P::integer("duration", "Duration", "ms", 50, 30000, 1000,
                   "How long the clients send, per design."),
        P::integer("message", "Message", "bytes", 1, 65536, 64, "Bytes in each message."),
        P::integer("think-time", "Think time", "ms", 0, 1000, 0,
                   "How long a client waits after a reply before its next message."),
        timeScaleParameter(),
    };
}

TraceMeta ServerModelsScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    meta.cpus = CpuGate::kMaxCpus;
    for (const ServerDesignPlan &plan : ServerDesignPlan::of(values))
        plan.describe(meta);
    return meta;
}

bool ServerModelsScenario::setup(Arena &arena, const ParameterSet &values)
{
    m_clients = std::uint32_t(values.integer("clients"));
    m_poolSize = std::size_t(values.integer("pool-size"));
    m_messageBytes = std::size_t(values.integer("message"));
    const double scale = values.real("time-scale");
    m_durationNs = std::uint64_t(double(values.integer("duration")) * scale * 1e6);
    m_thinkNs = std::uint64_t(double(values.integer("think-time")) * scale * 1e6);

    // Both ends of every connection live in this process (the forking acceptor keeps its copy
    // of each), plus rings, epoll sets and the runner's own.
    std::string error;
    if (!ProcessResources::ensureOpenFiles(2 * std::uint64_t(m_clients) + 128, &error)) {
        std::fprintf(stderr, "conlab-runner: server-models: clients=%u %s\n", m_clients,
                     error.c_str());
        return false;
    }
    m_socketsAtSetup = ProcessResources::openSockets();

    m_workerCount = 1;
    for (ServerDesignPlan &plan : ServerDesignPlan::of(values)) {
        auto run = std::make_unique<DesignRun>();
        run->start = arena.make<SharedEvent>(plan.startObject);
        if (!run->start)
            return false;
        // Coroutine lanes are the loop's to record; no runtime thread hosts them.
        const bool hosted = plan.design != Design::Coroutines;
        if (!plan.handlers.empty() && hosted)
            run->lanes = std::make_unique<HandlerLanes>(plan.handlers);
        const std::size_t index = m_runs.size();
        m_roles[plan.server] = {index, {Role::Server, 0}};
        for (std::size_t i = 0; i < plan.handlers.size() && hosted; ++i)
            m_roles[plan.handlers[i]] = {index, {Role::Handler, i}};
        for (std::size_t i = 0; i < plan.clients.size(); ++i)
            m_roles[plan.clients[i]] = {index, {Role::Client, i}};
        m_workerCount +=
            std::uint32_t(1 + (hosted ? plan.handlers.size() : 0) + plan.clients.size());
        run->clients.resize(plan.clients.size());
        run->plan = std::move(plan);
        m_runs.push_back(std::move(run));
    }
    return true;
}

void ServerModelsScenario::runWorker(WorkerContext &worker)
{
    const auto found = m_roles.find(worker.id());
    if (found == m_roles.end()) {
        worker.exit(ExitCause::Failed, -1);
        return;
    }
    DesignRun &run = *m_runs[found->second.first];
    switch (found->second.second.first) {
    case Role::Server:
        return runServer(worker, run);
    case Role::Handler:
        return run.lanes->host(worker);
    case Role::Client:
        return runClient(worker, run, found->second.second.second);
    }
}

void ServerModelsScenario::runServer(WorkerContext &worker, DesignRun &run)
{
    // Done is said before the lane ends: main, once it has joined the lane, closes the
    // listener and counts the sockets left open.
    // A design that never serves still ends its coroutine lanes, which only its loop records.
    const auto endCoroutineLanes = [&](ExitCause cause) {
        if (run.plan.design == Design::Coroutines)
            CoroutineServer::endUnusedLanes(worker, run.plan.handlers, cause);
    };
    if (run.start->wait(worker, 0) != SharedEvent::Result::Set) {
        endCoroutineLanes(worker.stopCause());
        run.serverDone.store(true, std::memory_order_release);
        worker.exit(worker.stopCause());
    } else if (run.skip.load()) {
        endCoroutineLanes(ExitCause::Failed);
        run.serverDone.store(true, std::memory_order_release);
        worker.exit(ExitCause::Failed, ENOSYS);
    } else {
        const bool ok = run.server->run(worker);
        run.serverDone.store(true, std::memory_order_release);
        if (worker.shouldStop())
            worker.exit(worker.stopCause());
        else
            worker.exit(ok ? ExitCause::Normal : ExitCause::Failed, ok ? 0 : 1);
    }
}

void ServerModelsScenario::runClient(WorkerContext &worker, DesignRun &run, std::size_t index)
{
    if (run.start->wait(worker, 0) != SharedEvent::Result::Set) {
        run.clientsDone.fetch_add(1, std::memory_order_acq_rel);
        worker.exit(worker.stopCause());
    } else if (run.skip.load()) {
        run.clientsDone.fetch_add(1, std::memory_order_acq_rel);
        worker.exit(ExitCause::Normal);
    } else {
        const auto lanes = std::uint32_t(run.plan.clients.size());
        LoadClient::Options options;
        options.port = run.port;
        options.connections = m_clients / lanes + (index < m_clients % lanes ? 1 : 0);
        for (std::size_t i = 0; i < index; ++i)
            options.firstConnection += m_clients / lanes + (i < m_clients % lanes ? 1 : 0);
        options.messageBytes = m_messageBytes;
        options.durationNs = m_durationNs;
        options.thinkNs = m_thinkNs;
        options.socketsObject = run.plan.clientObject;
        options.windowStart = &run.windowStart;
        run.clients[index] = std::make_unique<LoadClient>(options);
        const bool ok = run.clients[index]->run(worker);
        run.clientsDone.fetch_add(1, std::memory_order_acq_rel);
        if (worker.shouldStop())
            worker.exit(worker.stopCause());
        else
            worker.exit(ok ? ExitCause::Normal : ExitCause::Failed, ok ? 0 : 1);
    }
}

bool ServerModelsScenario::openListener(DesignRun &run)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    // A backlog for every client: they all connect at once, before the slowest design (a fork
    // per connection) has accepted many.
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        listen(fd, int(m_clients) + 64) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        run.failure = std::string("listen on 127.0.0.1: ") + std::strerror(errno);
        if (fd >= 0)
            ::close(fd);
        return false;
    }
    run.listener = fd;
    run.port = ntohs(address.sin_port);
    return true;
}

void ServerModelsScenario::sample(DesignRun &run, bool withPrivate)
{
    std::int64_t resident = ProcessResources::residentKib(0);
    std::int64_t privateTotal = 0;
    for (const int pid : run.server->processes()) {
        const std::int64_t rss = ProcessResources::residentKib(pid);
        if (rss > 0)
            resident += rss;
        if (withPrivate) {
            const std::int64_t own = ProcessResources::privateKib(pid);
            if (own > 0)
                privateTotal += own;
        }
    }
    run.rssKib = std::max(run.rssKib, resident);
    if (withPrivate)
        run.privateKib = privateTotal;
}

bool ServerModelsScenario::joinLanes(WorkerContext &main, DesignRun &run)
{
    std::vector<std::uint32_t> lanes = run.plan.clients;
    lanes.push_back(run.plan.server);
    lanes.insert(lanes.end(), run.plan.handlers.begin(), run.plan.handlers.end());
    for (const std::uint32_t lane : lanes) {
        if (main.join(lane))
            continue;
        // Stopping: the lanes leave by themselves (their sockets are shut down); give them a
        // moment so that they have closed everything before main ends.
        const std::uint64_t deadline = monotonicNs() + kLeaveNs;
        while (monotonicNs() < deadline &&
               !(run.serverDone.load() && run.clientsDone.load() == run.plan.clients.size()))
            pause(kPollNs);
        return false;
    }
    return true;
}

void ServerModelsScenario::collect(DesignRun &run)
{
    LatencyHistogram latency;
    for (const auto &client : run.clients) {
        if (!client)
            continue;
        const LoadClient::Result &result = client->result();
        run.replies += result.replies;
        run.repliesInWindow += result.repliesInWindow;
        run.wrong += result.wrong;
        run.missing += result.missing + result.connectFailures;
        latency.merge(result.latency);
        if (!result.error.empty() && run.failure.empty())
            run.failure = "client: " + result.error;
    }
    if (m_durationNs > 0)
        run.throughput =
            std::int64_t(std::llround(double(run.repliesInWindow) * 1e9 / double(m_durationNs)));
    run.p50 = std::int64_t(latency.percentile(0.50));
    run.p99 = std::int64_t(latency.percentile(0.99));
    if (run.server) {
        run.workers = std::int64_t(run.server->workers());
        // The event loops' one worker is the server's own lane.
        const std::int64_t laned =
            run.lanes ? std::int64_t(run.lanes->taken()) : std::min<std::int64_t>(run.workers, 1);
        run.unlaned = std::max<std::int64_t>(0, run.workers - laned);
        run.leftBehind = std::int64_t(run.server->leftBehind());
        if (!run.server->error().empty() && run.failure.empty())
            run.failure = "server: " + run.server->error();
    }
}

std::string ServerModelsScenario::problemOf(const DesignRun &run)
{
    const std::string name = EchoServer::name(run.plan.design);
    if (run.bad() > 0)
        return name + ": " + std::to_string(run.bad()) + " bad replies (" +
               std::to_string(run.wrong) + " wrong, " + std::to_string(run.missing) + " missing)";
    if (!run.failure.empty())
        return name + ": " + run.failure;
    if (run.leftBehind > 0)
        return name + ": " + std::to_string(run.leftBehind) + " child processes could not be ended";
    if (run.ran && run.replies == 0)
        return name + ": no replies at all";
    return {};
}

bool ServerModelsScenario::runDesign(WorkerContext &main, DesignRun &run, std::size_t index)
{
    const char *name = EchoServer::name(run.plan.design);
    if (!main.compute(0))
        return false;
    std::string why;
    if (!EchoServer::available(run.plan.design, &why)) {
        run.available = false;
        run.failure = "unavailable here: " + why;
    }
    const bool runnable = run.available && openListener(run);
    if (runnable) {
        EchoServer::Options options;
        options.listener = run.listener;
        options.poolSize = m_poolSize;
        options.socketsObject = run.plan.serverObject;
        options.lanes = run.lanes.get();
        options.arena = &main.arena();
        if (run.plan.design == Design::Coroutines)
            options.coroutineLanes = run.plan.handlers;
        run.server = EchoServer::create(run.plan.design, options);
        run.ran = true;
    } else {
        std::fprintf(stderr, "conlab-runner: server-models: %s: %s\n", name, run.failure.c_str());
        run.skip.store(true);
    }
    // The design begins: its server and client lanes were waiting for this event.
    run.start->set(main);

    bool stopping = false;
    if (runnable) {
        main.block(BlockReason::Sleep, 0);
        const std::uint64_t giveUp = monotonicNs() + m_durationNs + LoadClient::kConnectNs +
                                     LoadClient::kDrainNs + kClientSlackNs;
        const bool forked = run.plan.design == Design::ProcessPerConnection;
        std::uint64_t nextSample = 0;
        bool privateSampled = !forked;
        while (run.clientsDone.load(std::memory_order_acquire) < run.plan.clients.size()) {
            if (main.shouldStop()) {
                stopping = true;
                break;
            }
            const std::uint64_t now = monotonicNs();
            if (now > giveUp) {
                run.failure = "the clients did not finish in time";
                break;
            }
            const std::uint64_t window = run.windowStart.load();
            // Mid-window, the children's private memory once; late rather than never if this
            // thread got no core in time (a hundred busy children share two), as long as the
            // clients still hold their connections and so the children live.
            const bool privateDue = window && !privateSampled && now >= window + m_durationNs / 2;
            if (privateDue || (window && now < window + m_durationNs && now >= nextSample)) {
                sample(run, privateDue);
                privateSampled = privateSampled || privateDue;
                nextSample = now + (forked ? kProcessSampleNs : kSampleNs);
            }
            pause(kPollNs);
        }
        run.server->stop();
    }
    if (run.lanes)
        run.lanes->close();
    const bool joined = joinLanes(main, run);
    if (run.ran)
        collect(run);
    // Progress for the window: which design ended (value, from 1) and its correct replies.
    main.recorder().record(EventKind::EventCleared, 0, run.plan.startObject,
                           std::uint32_t(index + 1), std::int64_t(run.replies));
    if (run.serverDone.load() && run.listener >= 0) {
        ::close(run.listener);
        run.listener = -1;
    }
    return joined && !stopping && !main.shouldStop();
}

void ServerModelsScenario::runMain(WorkerContext &main, RunServices &)
{
    m_baselineRssKib = ProcessResources::residentKib(0);
    bool going = main.waitForStart(m_workerCount);
    for (const auto &run : m_runs)
        if (going && run->lanes && !run->lanes->waitHosted(kHostedNs))
            std::fprintf(stderr, "conlab-runner: server-models: handler lanes not ready; "
                                 "their handlers run unlaned\n");
    for (std::size_t i = 0; i < m_runs.size() && going; ++i)
        going = runDesign(main, *m_runs[i], i);
    m_socketsLeftOpen = std::max(0, ProcessResources::openSockets() - m_socketsAtSetup);

    if (main.shouldStop()) {
        main.exit(main.stopCause());
        return;
    }
    std::uint64_t bad = 0;
    for (const auto &run : m_runs) {
        bad += run->bad();
        const std::string problem = problemOf(*run);
        if (problem.empty())
            continue;
        // An unavailable design said so when it was skipped.
        if (run->ran)
            std::fprintf(stderr, "conlab-runner: server-models: %s\n", problem.c_str());
        if (m_failure.empty())
            m_failure = problem;
    }
    if (m_failure.empty())
        main.exit(ExitCause::Normal);
    else
        main.exit(ExitCause::Failed, std::int64_t(std::max<std::uint64_t>(bad, 1)));
}

std::vector<std::pair<std::string, std::int64_t>> ServerModelsScenario::figures(const Trace &) const
{
    // Measured by the run itself: per-message times and /proc samples are far too many, and
    // too far from any one lane, to be events.
    std::vector<std::pair<std::string, std::int64_t>> out;
    std::int64_t bad = 0;
    std::int64_t ran = 0;
    std::int64_t failed = 0;
    for (const auto &run : m_runs) {
        bad += std::int64_t(run->bad());
        ran += run->ran ? 1 : 0;
        failed += problemOf(*run).empty() ? 0 : 1;
    }
    out.emplace_back("bad_replies", bad);
    out.emplace_back("designs_run", ran);
    out.emplace_back("designs_failed", failed);
    out.emplace_back("rss_baseline_kib", m_baselineRssKib);
    out.emplace_back("sockets_left_open", m_socketsLeftOpen);
    for (const auto &run : m_runs) {
        const std::string p = EchoServer::prefix(run->plan.design);
        if (run->plan.design == Design::IoUring)
            out.emplace_back("io_uring_available", run->available ? 1 : 0);
        if (!run->ran)
            continue;
        out.emplace_back(p + "_throughput_msgs_per_s", run->throughput);
        out.emplace_back(p + "_latency_p50_ns", run->p50);
        out.emplace_back(p + "_latency_p99_ns", run->p99);
        out.emplace_back(p + "_rss_kib", run->rssKib);
        if (run->plan.design == Design::ProcessPerConnection) {
            out.emplace_back(p + "_private_kib", run->privateKib);
            out.emplace_back(p + "_children_left", run->leftBehind);
        }
        out.emplace_back(p + "_workers", run->workers);
        out.emplace_back(p + "_workers_without_lane", run->unlaned);
        out.emplace_back(p + "_replies", std::int64_t(run->replies));
        out.emplace_back(p + "_bad_replies", std::int64_t(run->bad()));
        out.emplace_back(p + "_wrong_replies", std::int64_t(run->wrong));
        out.emplace_back(p + "_missing_replies", std::int64_t(run->missing));
    }
    return out;
}

} // namespace conlab
