#include "IoModelsScenario.h"

#include "ScenarioParameters.h"
#include "analysis/IoPhases.h"
#include "io/IoReceiver.h"
#include "io/LoopbackLinks.h"
#include "io/LoopbackSender.h"
#include "io/RoundBarrier.h"
#include "runtime/WorkerContext.h"
#include "trace/Clock.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

namespace conlab {

namespace {

using Model = IoReceiver::Model;

// Lane order, from worker kFirstReceiverId on.
constexpr Model kModels[] = {Model::Blocking, Model::NonBlocking, Model::Multiplexing,
                             Model::SignalDriven, Model::Async};
// How long main lets the workers leave after a stop before it gives up on closing sockets;
// below the runner's grace period, so main still ends by itself.
constexpr std::uint64_t kLeaveNs = 500'000'000;

// Which models run, and which links each one receives on. Links are numbered in the order the
// sender writes them: the one-socket models first, then the multiplexer's. A link's trace
// object id is its index + 1.
struct Layout
{
    std::vector<Model> models;                   // lane order
    std::vector<std::vector<std::size_t>> links; // parallel to models
    std::size_t linkCount = 0;
};

Layout layoutOf(const ParameterSet &values)
{
    Layout layout;
    const std::string chosen = values.text("models");
    for (const Model model : kModels)
        if (chosen == "all" || chosen == IoReceiver::role(model))
            layout.models.push_back(model);
    const auto sockets = std::size_t(values.integer("sockets"));
    layout.links.resize(layout.models.size());
    for (const bool multiplexed : {false, true}) {
        for (std::size_t i = 0; i < layout.models.size(); ++i) {
            if ((layout.models[i] == Model::Multiplexing) != multiplexed)
                continue;
            for (std::size_t k = 0; k < (multiplexed ? sockets : 1); ++k)
                layout.links[i].push_back(layout.linkCount++);
        }
    }
    return layout;
}

IoReceiver::Options baseOptions(const ParameterSet &values)
{
    IoReceiver::Options options;
    options.payloadBytes = std::size_t(values.integer("payload"));
    options.pollIntervalNs =
        std::uint64_t(values.real("poll-interval") * values.real("time-scale") * 1e6);
    options.multiplexer = values.text("multiplexer");
    options.ioUring = values.text("async-api") == "io_uring";
    return options;
}

// Figure names: snake_case, one prefix per model.
const char *prefixOf(const std::string &role)
{
    if (role == "blocking")
        return "blocking";
    if (role == "non-blocking")
        return "nonblocking";
    if (role == "multiplexing")
        return "multiplexing";
    if (role == "signal-driven")
        return "signal_driven";
    if (role == "async")
        return "async";
    return nullptr;
}

std::int64_t mean(std::uint64_t total, std::size_t count)
{
    return count ? std::int64_t(std::llround(double(total) / double(count))) : 0;
}

} // namespace

IoModelsScenario::IoModelsScenario() = default;
IoModelsScenario::~IoModelsScenario() = default;

Scenario::Info IoModelsScenario::info() const
{
    return {"io-models", "IO models: blocking to asynchronous", 8, "IO models"};
}

std::vector<ParameterSpec> IoModelsScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        P::integer("delay", "Send after", "ms", 0, 10000, 300,
                   "How long the sender waits, once every receiver is waiting, before it writes."),
        // The largest payload by default: its copy takes milliseconds, wide enough to see on
        // the whole run's timeline; 64 KiB copies in microseconds.
        P::integer("payload", "Payload", "bytes", 1, double(kMaxPayload), double(kMaxPayload),
                   "Bytes each connection gets per round; megabytes make the copy phase visible."),
        P::integer("poll-interval", "Poll interval", "ms", 1, 1000, 20,
                   "Own work the non-blocking receiver does between two tries."),
        P::integer("sockets", "Multiplexed sockets", "", 1, 64, 4,
                   "Connections the multiplexing receiver serves with its one thread."),
        P::integer("rounds", "Rounds", "", 1, 100, 3, "Messages each connection gets."),
        P::choice("multiplexer", "Multiplexer", {"epoll", "poll", "select"},
                  {"epoll", "poll", "select"}, "The call the multiplexing receiver waits in."),
        P::choice("async-api", "Async API", {"io_uring", "posix-aio"}, {"io_uring", "POSIX AIO"},
                  "io_uring where the kernel allows it (else POSIX AIO, and the lane says so)."),
        P::choice("models", "Receivers",
                  {"all", "blocking", "non-blocking", "multiplexing", "signal-driven", "async"},
                  {"all five", "blocking only", "non-blocking only", "multiplexing only",
                   "signal-driven only", "async only"},
                  "All five side by side, or one alone (three of the five compute while they "
                  "wait; alone, a model has the machine's cores to itself)."),
        timeScaleParameter(),
    };
}

TraceMeta IoModelsScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const Layout layout = layoutOf(values);
    // One virtual CPU for each worker that runs: the lesson is how each model waits, so none
    // of them should also wait for a CPU.
    meta.cpus = std::uint32_t(1 + layout.models.size());
    meta.workers.push_back({kSenderId, "sender", "sender"});
    const IoReceiver::Options options = baseOptions(values);
    std::vector<ObjectInfo> objects(layout.linkCount);
    for (std::size_t i = 0; i < layout.models.size(); ++i) {
        const Model model = layout.models[i];
        meta.workers.push_back({kFirstReceiverId + std::uint32_t(i), IoReceiver::role(model),
                                IoReceiver::laneName(model, options)});
        const auto &links = layout.links[i];
        for (std::size_t k = 0; k < links.size(); ++k) {
            std::string name = std::string(IoReceiver::role(model)) + " conn";
            if (model == Model::Multiplexing)
                name += " " + std::to_string(k + 1);
            objects[links[k]] = {std::uint32_t(links[k] + 1), "connection", 0, name};
        }
    }
    meta.objects = std::move(objects);
    return meta;
}

bool IoModelsScenario::setup(Arena &, const ParameterSet &values)
{
    const Layout layout = layoutOf(values);
    m_rounds = std::uint32_t(values.integer("rounds"));
    m_delayNs = std::uint64_t(values.real("delay") * values.real("time-scale") * 1e6);
    m_workers = std::uint32_t(1 + layout.models.size());
    m_links = std::make_unique<LoopbackLinks>();
    std::string error;
    if (!m_links->open(int(layout.linkCount), &error)) {
        std::fprintf(stderr, "conlab-runner: io-models: %s\n", error.c_str());
        return false;
    }
    const auto &links = m_links->links();
    std::vector<IoConnection> senderEnds;
    for (std::size_t i = 0; i < links.size(); ++i)
        senderEnds.push_back({links[i].sender, std::uint32_t(i + 1)});
    m_sender = std::make_unique<LoopbackSender>(std::move(senderEnds),
                                                std::size_t(values.integer("payload")));
    m_barrier = std::make_unique<RoundBarrier>(std::uint32_t(layout.models.size()));
    for (std::size_t i = 0; i < layout.models.size(); ++i) {
        IoReceiver::Options options = baseOptions(values);
        for (const std::size_t link : layout.links[i])
            options.connections.push_back({links[link].receiver, std::uint32_t(link + 1)});
        m_receivers.push_back(IoReceiver::create(layout.models[i], std::move(options)));
    }
    return true;
}

void IoModelsScenario::leave(WorkerContext &worker, ExitCause cause, std::int64_t arg)
{
    m_finished.fetch_add(1);
    worker.exit(cause, arg);
}

void IoModelsScenario::fail(WorkerContext &worker, const std::string &message)
{
    // Only the first failure is news; the others follow from the sockets shut down here.
    if (!m_barrier->aborted())
        std::fprintf(stderr, "conlab-runner: io-models: %s: %s\n",
                     worker.id() == kSenderId
                         ? "sender"
                         : IoReceiver::role(m_receivers[worker.id() - kFirstReceiverId]->model()),
                     message.c_str());
    m_barrier->abort();
    m_links->shutdownAll();
    leave(worker, ExitCause::Failed, 1);
}

void IoModelsScenario::runWorker(WorkerContext &worker)
{
    if (worker.id() == kSenderId)
        return runSender(worker);
    runReceiver(worker, *m_receivers[worker.id() - kFirstReceiverId]);
}

void IoModelsScenario::runSender(WorkerContext &worker)
{
    if (!m_sender->begin(worker)) {
        if (worker.shouldStop())
            return leave(worker, worker.stopCause());
        return fail(worker, m_sender->error());
    }
    for (std::uint32_t round = 0; round < m_rounds; ++round) {
        const auto result = m_sender->sendRound(worker, round, m_delayNs, *m_barrier);
        if (result == LoopbackSender::Result::Stopped)
            return leave(worker, worker.stopCause());
        if (result == LoopbackSender::Result::Failed)
            return fail(worker, m_sender->error());
    }
    leave(worker, ExitCause::Normal);
}

void IoModelsScenario::runReceiver(WorkerContext &worker, IoReceiver &receiver)
{
    if (!receiver.begin(worker)) {
        receiver.end(worker);
        if (worker.shouldStop())
            return leave(worker, worker.stopCause());
        return fail(worker, receiver.error());
    }
    for (std::uint32_t round = 0; round < m_rounds; ++round) {
        const auto result = receiver.receive(worker, round, *m_barrier);
        if (result == IoReceiver::Result::Received)
            continue;
        receiver.end(worker);
        if (result == IoReceiver::Result::Stopped)
            return leave(worker, worker.stopCause());
        return fail(worker, receiver.error());
    }
    receiver.end(worker);
    leave(worker, ExitCause::Normal);
}

void IoModelsScenario::runMain(WorkerContext &main, RunServices &)
{
    bool joined = true;
    for (std::uint32_t id = 1; id <= m_workers && joined; ++id)
        joined = main.join(id);
    if (!joined) {
        // A stop: end every call still blocked on a socket, then let the workers leave.
        m_links->shutdownAll();
        const std::uint64_t deadline = monotonicNs() + kLeaveNs;
        while (m_finished.load() < m_workers && monotonicNs() < deadline) {
            const timespec ts = {0, 5'000'000};
            nanosleep(&ts, nullptr);
        }
    }
    // Closed only once no worker can still be using a descriptor, lest it be reused under
    // it; otherwise the scenario's destruction closes them after the threads are joined.
    if (m_finished.load() == m_workers)
        m_links->close();
    main.exit(joined && !main.shouldStop() ? ExitCause::Normal : main.stopCause());
}

std::vector<std::pair<std::string, std::int64_t>>
IoModelsScenario::figures(const Trace &trace) const
{
    std::vector<std::pair<std::string, std::int64_t>> out;
    const auto rounds = IoPhases::rounds(trace);
    const std::string sockets = trace.meta.param("sockets");
    const std::size_t multiplexed = sockets.empty() ? 1 : std::size_t(std::stoul(sockets));

    std::int64_t maxLag = 0;
    std::int64_t roundsCompleted = -1;
    for (const WorkerInfo &lane : trace.meta.workers) {
        const char *prefix = prefixOf(lane.role);
        if (!prefix)
            continue;
        const std::string p = prefix;
        const bool polls = lane.role == "non-blocking";
        const std::size_t connections = lane.role == "multiplexing" ? multiplexed : 1;
        std::uint64_t wait = 0, copy = 0, syscalls = 0, attempts = 0, wakeups = 0;
        std::int64_t waitCpu = 0, lag = 0, discovery = 0, done = 0;
        std::uint64_t notBlocked = 0;
        for (const auto &r : rounds) {
            if (r.worker != lane.id || !r.doneNs)
                continue;
            ++done;
            wait += r.waitNs();
            copy += r.copyNs();
            syscalls += r.syscalls;
            attempts += r.attempts;
            wakeups += r.wakeups;
            waitCpu += r.waitCpuNs;
            notBlocked += r.waitNotBlockedNs;
            lag = std::max(lag, r.waitEndLagNs());
            if (polls && r.copyBeginNs && r.arrivalNs)
                discovery =
                    std::max(discovery, std::int64_t(r.copyBeginNs) - std::int64_t(r.arrivalNs));
        }
        roundsCompleted = roundsCompleted < 0 ? done : std::min(roundsCompleted, done);
        out.emplace_back(p + "_wait_ns", mean(wait, std::size_t(done)));
        out.emplace_back(p + "_copy_ns", mean(copy, std::size_t(done)));
        out.emplace_back(p + "_wait_cpu_ns", mean(std::uint64_t(std::max<std::int64_t>(waitCpu, 0)),
                                                  std::size_t(done)));
        out.emplace_back(p + "_blocked_ns",
                         std::int64_t(IoPhases::blockedNs(trace, lane.id, BlockReason::Io)));
        out.emplace_back(p + "_wakeups", std::int64_t(wakeups));
        out.emplace_back(p + "_syscalls_per_message",
                         mean(syscalls, std::size_t(done) * connections));
        if (polls) {
            out.emplace_back("nonblocking_attempts", std::int64_t(attempts));
            out.emplace_back("nonblocking_discovery_lag_ns", discovery);
        } else {
            out.emplace_back(p + "_wait_end_lag_ns", lag);
            maxLag = std::max(maxLag, lag);
        }
        if (lane.role == "blocking")
            out.emplace_back("blocking_wait_not_blocked_ns", std::int64_t(notBlocked));
    }

    // Multiplexing: which connections got every round's payload, and from how many threads.
    std::set<std::uint32_t> multiplexedObjects;
    for (const ObjectInfo &object : trace.meta.objects)
        if (object.name.rfind("multiplexing", 0) == 0)
            multiplexedObjects.insert(object.id);
    std::map<std::uint32_t, std::int64_t> served;
    std::set<std::uint32_t> servers;
    for (const Event &e : trace.events) {
        if (e.kind == EventKind::IoCopyEnd && multiplexedObjects.count(e.object)) {
            ++served[e.object];
            servers.insert(e.worker);
        }
    }
    const std::string roundsParam = trace.meta.param("rounds");
    const std::int64_t wanted = roundsParam.empty() ? 1 : std::stoll(roundsParam);
    const auto servedAll = std::count_if(served.begin(), served.end(),
                                         [&](const auto &entry) { return entry.second >= wanted; });
    std::int64_t failures = 0;
    for (const Event &e : trace.events)
        if (e.kind == EventKind::Terminated && ExitCause(e.reason) == ExitCause::Failed)
            ++failures;

    out.emplace_back("multiplexing_sockets_served", std::int64_t(servedAll));
    out.emplace_back("multiplexing_threads", std::int64_t(servers.size()));
    out.emplace_back("max_wait_end_lag_ns", maxLag);
    out.emplace_back("rounds_completed", std::max<std::int64_t>(roundsCompleted, 0));
    out.emplace_back("io_failures", failures);
    return out;
}

} // namespace conlab
