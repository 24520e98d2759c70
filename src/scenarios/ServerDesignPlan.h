#pragma once

#include "io/EchoServer.h"

#include <cstdint>
#include <vector>

namespace conlab {

class ParameterSet;
struct TraceMeta;

// One server-models design's lanes and trace objects, numbered the same way by the scenario's
// describe() and setup(): its server lane, the lanes for its first handlers (threads,
// processes or, nested in the server's lane, coroutines), its client lanes, and its start
// event and socket objects.
struct ServerDesignPlan
{
    EchoServer::Design design = EchoServer::Design::Epoll;
    std::uint32_t server = 0;
    std::vector<std::uint32_t> handlers;
    std::vector<std::uint32_t> clients;
    std::uint32_t startObject = 0;
    std::uint32_t serverObject = 0;
    std::uint32_t clientObject = 0;

    // The designs `design` chooses ("all": every one, in the lesson's order).
    static std::vector<ServerDesignPlan> of(const ParameterSet &values);
    // Adds this design's lanes and objects, named, to `meta`.
    void describe(TraceMeta &meta) const;
};

} // namespace conlab
