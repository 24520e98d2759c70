#pragma once

#include "Scenario.h"
#include "io/EchoServer.h"

#include <map>
#include <memory>

namespace conlab {

// The same echo service built five ways (a process per connection, a thread per connection,
// a thread pool, one epoll loop, one io_uring loop) and loaded in turn by K loopback clients
// for a set time: throughput, latency percentiles, resident memory and the number of workers
// each design needed, with every reply checked byte for byte.
class ServerModelsScenario : public Scenario
{
public:
    // Lanes for a design's handler threads or processes beyond its own lane; the rest run
    // unlaned. With the server's lane and the client lanes this keeps every design within the
    // 8 virtual CPUs, so no lane ever waits for one: the figures measure the design, not the
    // lab's CPU gate.
    static constexpr std::uint32_t kHandlerLanes = 4;
    // Client threads per design; each multiplexes its share of the K connections.
    static constexpr std::uint32_t kClientLanes = 2;
    static constexpr std::int64_t kMaxClients = 1000;

    ServerModelsScenario();
    ~ServerModelsScenario() override;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;
    // A bad or missing reply, or a design that could not run: the runner's outcome "failed".
    std::string failure() const override { return m_failure; }

private:
    struct DesignRun;
    enum class Role { Server, Handler, Client };

    void runServer(WorkerContext &worker, DesignRun &run);
    void runClient(WorkerContext &worker, DesignRun &run, std::size_t index);
    // One design from its start event to its last lane's end. False once the run is stopping.
    bool runDesign(WorkerContext &main, DesignRun &run, std::size_t index);
    bool openListener(DesignRun &run);
    void sample(DesignRun &run, bool withPrivate);
    bool joinLanes(WorkerContext &main, DesignRun &run);
    void collect(DesignRun &run);
    // What went wrong with a design, or empty.
    static std::string problemOf(const DesignRun &run);

    std::vector<std::unique_ptr<DesignRun>> m_runs;
    std::map<std::uint32_t, std::pair<std::size_t, std::pair<Role, std::size_t>>> m_roles;
    std::uint32_t m_workerCount = 0; // main included
    std::uint32_t m_clients = 0;
    std::size_t m_poolSize = 0;
    std::size_t m_messageBytes = 0;
    std::uint64_t m_durationNs = 0;
    std::uint64_t m_thinkNs = 0;
    int m_socketsAtSetup = 0;
    std::int64_t m_baselineRssKib = 0;
    std::int64_t m_socketsLeftOpen = 0;
    std::string m_failure;
};

} // namespace conlab
