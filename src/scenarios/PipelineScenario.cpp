#include "PipelineScenario.h"

#include "PageServer.h"
#include "ScenarioParameters.h"
#include "runtime/BoundedQueue.h"
#include "runtime/WorkerContext.h"
#include "trace/Arena.h"
#include "trace/Clock.h"

#include <atomic>
#include <cstring>
#include <httplib.h>

namespace conlab {

// What fetchers, parsers and main share across processes: where the server listens, which
// page to fetch next, the pages' bytes, and what the parsers found.
class PipelineBoard
{
public:
    std::atomic<int> port{0};
    std::atomic<std::uint32_t> nextPage{0};
    std::atomic<std::int64_t> linksFound{0};
    std::atomic<std::int64_t> wordsFound{0};
    std::atomic<std::int64_t> pagesParsed{0};
    std::atomic<std::int64_t> fetchFailures{0};
    std::uint32_t length[PipelineScenario::kMaxPages] = {};
    char body[PipelineScenario::kMaxPages][PipelineScenario::kMaxPageBytes];
};

PipelineScenario::PipelineScenario() = default;
PipelineScenario::~PipelineScenario() = default;

Scenario::Info PipelineScenario::info() const
{
    return {"pipeline", "A crawler: fetchers and parsers", 3, "Communication"};
}

std::vector<ParameterSpec> PipelineScenario::parameters() const
{
    using P = ScenarioParameters;
    return {
        kindParameter(),
        P::integer("fetchers", "Fetchers", "", 1, 16, 4, "Workers that download pages (IO)."),
        P::integer("parsers", "Parsers", "", 1, 16, 2, "Workers that parse them (CPU)."),
        P::integer("pages", "Pages", "", 1, int(kMaxPages), 24, "How many pages to crawl."),
        P::integer("latency", "Server latency", "ms", 0, 5000, 200,
                   "How long the server takes to answer each page."),
        P::integer("page-size", "Page size", "bytes", 256, int(kMaxPageBytes), 16384,
                   "About how large each page is."),
        P::integer("parse-time", "Parse time", "ms", 0, 5000, 100,
                   "CPU time to parse one page, on top of counting its words and links."),
        timeScaleParameter(),
    };
}

std::size_t PipelineScenario::arenaObjectBytes(const ParameterSet &) const
{
    return 256 * 1024 + sizeof(PipelineBoard);
}

TraceMeta PipelineScenario::describe(const ParameterSet &values) const
{
    TraceMeta meta = baseMeta(values);
    const auto fetchers = std::uint32_t(values.integer("fetchers"));
    const auto parsers = std::uint32_t(values.integer("parsers"));
    for (std::uint32_t i = 1; i <= fetchers; ++i)
        meta.workers.push_back({i, "fetcher", "fetcher-" + std::to_string(i)});
    for (std::uint32_t i = 1; i <= parsers; ++i)
        meta.workers.push_back({fetchers + i, "parser", "parser-" + std::to_string(i)});
    meta.objects.push_back({kQueueId, "queue", values.integer("pages") + parsers, "pages"});
    return meta;
}

bool PipelineScenario::setup(Arena &arena, const ParameterSet &values)
{
    const double scale = values.real("time-scale") * 1e6;
    m_fetchers = std::uint32_t(values.integer("fetchers"));
    m_parsers = std::uint32_t(values.integer("parsers"));
    m_pages = std::uint32_t(values.integer("pages"));
    m_pageBytes = std::uint32_t(values.integer("page-size"));
    m_latencyNs = std::uint64_t(values.real("latency") * scale);
    m_parseNs = std::uint64_t(values.real("parse-time") * scale);
    m_processes = workersAreProcesses(values);
    m_queue = arena.make<BoundedQueue>(kQueueId, m_pages + m_parsers);
    m_board = arena.make<PipelineBoard>();
    return m_queue && m_board;
}

void PipelineScenario::runFetcher(WorkerContext &worker)
{
    httplib::Client client("127.0.0.1", m_board->port.load());
    client.set_read_timeout(std::chrono::nanoseconds(m_latencyNs) + std::chrono::seconds(10));
    for (;;) {
        if (!worker.runFree())
            return worker.exit(worker.stopCause());
        const std::uint32_t page = m_board->nextPage.fetch_add(1);
        if (page >= m_pages)
            return worker.exit(ExitCause::Normal);
        // The request and the wait for its answer: this worker's IO wait.
        worker.block(BlockReason::Io, page);
        const auto response = client.Get("/page/" + std::to_string(page));
        worker.recorder().record(EventKind::IoNotified, 0, page);
        if (!worker.runFree())
            return worker.exit(worker.stopCause());
        if (!response || response->status != 200) {
            m_board->fetchFailures.fetch_add(1);
            return worker.exit(ExitCause::Failed, 1);
        }
        const std::size_t length = std::min<std::size_t>(response->body.size(), kMaxPageBytes);
        std::memcpy(m_board->body[page], response->body.data(), length);
        m_board->length[page] = std::uint32_t(length);
        if (m_queue->put(worker, page) != BoundedQueue::Result::Ok)
            return worker.exit(worker.stopCause());
    }
}

void PipelineScenario::runParser(WorkerContext &worker)
{
    for (;;) {
        std::int64_t item = 0;
        if (!worker.runFree() || m_queue->get(worker, item) != BoundedQueue::Result::Ok)
            return worker.exit(worker.stopCause());
        if (item >= kSentinelItem)
            return worker.exit(ExitCause::Normal);
        if (!worker.runFree())
            return worker.exit(worker.stopCause());
        // Real parsing: words and links in the page's bytes, then the lesson's CPU time.
        const std::string_view text(m_board->body[item], m_board->length[item]);
        std::int64_t links = 0;
        for (std::size_t at = text.find("<a href="); at != std::string_view::npos;
             at = text.find("<a href=", at + 1))
            ++links;
        std::int64_t words = 0;
        for (std::size_t i = 0; i < text.size(); ++i)
            words += text[i] == ' ' ? 1 : 0;
        if (!worker.burnCpuTime(m_parseNs))
            return worker.exit(worker.stopCause());
        m_board->linksFound.fetch_add(links);
        m_board->wordsFound.fetch_add(words);
        m_board->pagesParsed.fetch_add(1);
    }
}

void PipelineScenario::runWorker(WorkerContext &worker)
{
    if (isFetcher(worker.id()))
        runFetcher(worker);
    else
        runParser(worker);
}

void PipelineScenario::runMain(WorkerContext &main, RunServices &services)
{
    m_server = std::make_unique<PageServer>(m_latencyNs, m_pageBytes);
    std::string error;
    const int port = m_server->start(int(m_fetchers), &error);
    if (port == 0 || !main.runFree())
        return main.exit(ExitCause::Failed, 1);
    m_board->port.store(port);
    main.print("main: pages served on 127.0.0.1:" + std::to_string(port));
    const StartMethod method = m_processes ? StartMethod::Spawn : StartMethod::Thread;
    bool ok = true;
    for (std::uint32_t worker = 1; worker <= m_fetchers + m_parsers && ok; ++worker)
        ok = services.startWorker(worker, method);
    // Fetchers first; then one "no more pages" per parser; then the parsers.
    for (std::uint32_t worker = 1; worker <= m_fetchers && ok; ++worker)
        ok = main.join(worker);
    for (std::uint32_t i = 0; i < m_parsers && ok; ++i)
        ok = main.runFree() && m_queue->put(main, kSentinelItem + i) == BoundedQueue::Result::Ok;
    for (std::uint32_t worker = m_fetchers + 1; worker <= m_fetchers + m_parsers && ok; ++worker)
        ok = main.join(worker);
    // Stopping the server also ends any fetch still waiting for an answer.
    m_server->stop();
    main.exit(ok && !main.shouldStop() ? ExitCause::Normal : main.stopCause());
}

std::string PipelineScenario::failure() const
{
    if (m_board && m_board->fetchFailures.load() > 0)
        return std::to_string(m_board->fetchFailures.load()) + " page fetches failed";
    if (m_board && m_server && m_board->linksFound.load() != m_server->linksServed())
        return "the parsers found " + std::to_string(m_board->linksFound.load()) +
               " links, the server served " + std::to_string(m_server->linksServed());
    return {};
}

std::vector<std::pair<std::string, std::int64_t>>
PipelineScenario::figures(const Trace &trace) const
{
    std::int64_t fetchWait = 0;
    std::int64_t parse = 0;
    std::vector<std::uint64_t> since(m_fetchers + m_parsers + 1, 0);
    for (const Event &e : trace.events) {
        if (e.worker == 0 || e.worker >= since.size())
            continue;
        if (e.kind == EventKind::Blocked && BlockReason(e.reason) == BlockReason::Io &&
            isFetcher(e.worker)) {
            since[e.worker] = e.timeNs;
        } else if (e.kind == EventKind::Running && !isFetcher(e.worker)) {
            since[e.worker] = e.timeNs;
        } else if (since[e.worker] != 0 && e.kind != EventKind::Running &&
                   (e.kind == EventKind::Ready || e.kind == EventKind::Blocked ||
                    e.kind == EventKind::Terminated)) {
            (isFetcher(e.worker) ? fetchWait : parse) += std::int64_t(e.timeNs - since[e.worker]);
            since[e.worker] = 0;
        }
    }
    const std::int64_t parsed = m_board ? m_board->pagesParsed.load() : 0;
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    for (const Event &e : trace.events) {
        if (first == 0)
            first = e.timeNs;
        last = e.timeNs;
    }
    return {
        {"pages", parsed},
        {"pages_per_s",
         last > first ? std::int64_t(double(parsed) * 1e9 / double(last - first)) : 0},
        {"fetch_wait_ns", fetchWait},
        {"parse_ns", parse},
        {"links_found", m_board ? m_board->linksFound.load() : 0},
        {"words_found", m_board ? m_board->wordsFound.load() : 0},
        {"links_served", m_server ? m_server->linksServed() : 0},
    };
}

} // namespace conlab
