#pragma once

#include "IoReceiver.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conlab {

class RoundBarrier;
class WorkerContext;

// Writes each round's payload on every connection, after every receiver is waiting and the
// delay has passed. Its IoSent per connection is stamped just before that connection's first
// write: the moment data starts to arrive, against which each receiver's phases are measured.
// Writes never block: a connection whose reader is slow is waited for with poll(), so one
// slow reader does not hold back the others' data.
class LoopbackSender
{
public:
    enum class Result { Sent, Stopped, Failed };

    // `connections`: the sender's ends, with the object ids of the links they belong to.
    LoopbackSender(std::vector<IoConnection> connections, std::size_t payloadBytes);

    bool begin(WorkerContext &worker);
    Result sendRound(WorkerContext &worker, std::uint32_t round, std::uint64_t delayNs,
                     RoundBarrier &barrier);
    const std::string &error() const { return m_error; }

private:
    Result writeRest(WorkerContext &worker, std::vector<std::size_t> &sent);
    Result failure(WorkerContext &worker, const std::string &what, int error);

    std::vector<IoConnection> m_connections;
    std::vector<char> m_payload;
    std::string m_error;
};

} // namespace conlab
