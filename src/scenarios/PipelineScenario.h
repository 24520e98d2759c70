#pragma once

#include "Scenario.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace conlab {

class BoundedQueue;
class PageServer;
class PipelineBoard;

// Chapter 3: a crawler. The runner serves pages over loopback HTTP, each after a latency;
// fetchers GET them with a real HTTP client and put them on a queue; parsers take them and
// parse them (words and links, then parse-time of CPU). Fetchers wait on IO, parsers compute.
class PipelineScenario : public Scenario
{
public:
    PipelineScenario();
    ~PipelineScenario() override;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool mainStartsWorkers() const override { return true; }
    std::size_t arenaObjectBytes(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::string failure() const override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

    static constexpr std::uint32_t kQueueId = 1;
    static constexpr std::uint32_t kMaxPages = 200;
    static constexpr std::uint32_t kMaxPageBytes = 65536;

private:
    void runFetcher(WorkerContext &worker);
    void runParser(WorkerContext &worker);
    bool isFetcher(std::uint32_t worker) const { return worker <= m_fetchers; }

    std::uint32_t m_fetchers = 0;
    std::uint32_t m_parsers = 0;
    std::uint32_t m_pages = 0;
    std::uint32_t m_pageBytes = 0;
    std::uint64_t m_latencyNs = 0;
    std::uint64_t m_parseNs = 0;
    bool m_processes = false;
    BoundedQueue *m_queue = nullptr;
    PipelineBoard *m_board = nullptr;
    std::unique_ptr<PageServer> m_server; // in the runner only
};

} // namespace conlab
