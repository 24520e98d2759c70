#pragma once

#include "Scenario.h"

#include <atomic>
#include <memory>

namespace conlab {

class IoReceiver;
class LoopbackLinks;
class LoopbackSender;
class RoundBarrier;

// The five IO models side by side on real loopback TCP: a sender writes each round's payload
// after a delay, and five receivers (blocking, non-blocking, multiplexing, signal-driven,
// asynchronous) each wait for it and copy it in their own way. Each lane shows the "wait for
// data" and "copy data" phases and whether its thread was blocked or free meanwhile.
class IoModelsScenario : public Scenario
{
public:
    static constexpr std::uint32_t kSenderId = 1;
    static constexpr std::uint32_t kFirstReceiverId = 2;
    static constexpr std::int64_t kMaxPayload = 4 * 1024 * 1024;

    IoModelsScenario();
    ~IoModelsScenario() override;

    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

private:
    void runSender(WorkerContext &worker);
    void runReceiver(WorkerContext &worker, IoReceiver &receiver);
    // Ends the run's exchange for everyone after `worker` failed, and ends `worker`.
    void fail(WorkerContext &worker, const std::string &message);
    void leave(WorkerContext &worker, ExitCause cause, std::int64_t arg = 0);

    std::unique_ptr<LoopbackLinks> m_links;
    std::unique_ptr<RoundBarrier> m_barrier;
    std::unique_ptr<LoopbackSender> m_sender;
    std::vector<std::unique_ptr<IoReceiver>> m_receivers; // by worker id - kFirstReceiverId
    std::uint32_t m_workers = 0;                          // besides main
    std::atomic<std::uint32_t> m_finished{0};
    std::uint32_t m_rounds = 0;
    std::uint64_t m_delayNs = 0;
};

} // namespace conlab
