#pragma once

#include "Scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

class InstrumentedMutex;
class PipeBoard;

// Chapter 3: a real pipe(2) (or, duplex, a socketpair) between writers and a reader, threads
// or forked processes. A late reader lets the pipe fill and the writers block; several writers
// with messages larger than PIPE_BUF tear each other's messages unless a lock keeps each
// message whole: a queue is a pipe plus a lock.
class PipeScenario : public Scenario
{
public:
    ~PipeScenario() override;
    Info info() const override;
    std::vector<ParameterSpec> parameters() const override;
    std::string checkParameters(const ParameterSet &values) const override;
    TraceMeta describe(const ParameterSet &values) const override;
    bool workersAreProcesses(const ParameterSet &values) const override;
    bool mainStartsWorkers() const override { return true; }
    bool setup(Arena &arena, const ParameterSet &values) override;
    void runWorker(WorkerContext &worker) override;
    void runMain(WorkerContext &main, RunServices &services) override;
    std::vector<std::pair<std::string, std::int64_t>> figures(const Trace &trace) const override;

    static constexpr std::uint32_t kPipeId = 1;
    static constexpr std::uint32_t kLockId = 2;

private:
    bool writeAll(WorkerContext &worker, const std::vector<char> &message);
    void runWriter(WorkerContext &worker);
    void runReader(WorkerContext &worker);
    std::uint32_t readerId() const { return m_writers + 1; }
    std::uint32_t bytesInPipe() const;

    bool m_processes = true;
    bool m_lock = false;
    bool m_duplex = false;
    std::uint32_t m_writers = 0;
    std::uint32_t m_messages = 0;
    std::uint32_t m_messageBytes = 0;
    std::uint64_t m_gapNs = 0;
    std::uint64_t m_readerDelayNs = 0;
    int m_writeFd = -1;
    int m_readFd = -1;
    InstrumentedMutex *m_writeLock = nullptr;
    PipeBoard *m_board = nullptr;
};

} // namespace conlab
