#include "ServerDesignPlan.h"

#include "ParameterSet.h"
#include "ServerModelsScenario.h"
#include "trace/TraceMeta.h"

#include <algorithm>
#include <string>

namespace conlab {

namespace {

using Design = EchoServer::Design;

constexpr Design kDesigns[] = {Design::ProcessPerConnection, Design::ThreadPerConnection,
                               Design::ThreadPool,           Design::Epoll,
                               Design::Coroutines,           Design::IoUring};

const char *serverLane(Design design)
{
    switch (design) {
    case Design::ProcessPerConnection:
    case Design::ThreadPerConnection:
        return "acceptor";
    case Design::ThreadPool:
        return "dispatcher";
    case Design::Epoll:
    case Design::Coroutines:
    case Design::IoUring:
        return "event loop";
    }
    return "server";
}

const char *handlerLane(Design design)
{
    switch (design) {
    case Design::ProcessPerConnection:
        return "child process";
    case Design::ThreadPerConnection:
        return "connection thread";
    case Design::Coroutines:
        return "connection coroutine";
    default:
        return "pool thread";
    }
}

} // namespace

std::vector<ServerDesignPlan> ServerDesignPlan::of(const ParameterSet &values)
{
    const std::string chosen = values.text("design");
    const auto clients = std::uint32_t(values.integer("clients"));
    const auto pool = std::uint32_t(values.integer("pool-size"));
    std::vector<ServerDesignPlan> plans;
    std::uint32_t worker = 1;
    std::uint32_t object = 1;
    for (const Design design : kDesigns) {
        if (chosen != "all" && chosen != EchoServer::name(design))
            continue;
        ServerDesignPlan plan;
        plan.design = design;
        plan.server = worker++;
        std::uint32_t handlers = 0;
        if (design == Design::ThreadPool)
            handlers = std::min(pool, ServerModelsScenario::kHandlerLanes);
        else if (EchoServer::hasHandlers(design) || design == Design::Coroutines)
            handlers = std::min(clients, ServerModelsScenario::kHandlerLanes);
        for (std::uint32_t i = 0; i < handlers; ++i)
            plan.handlers.push_back(worker++);
        for (std::uint32_t i = 0; i < std::min(clients, ServerModelsScenario::kClientLanes); ++i)
            plan.clients.push_back(worker++);
        plan.startObject = object++;
        plan.serverObject = object++;
        plan.clientObject = object++;
        plans.push_back(std::move(plan));
    }
    return plans;
}

void ServerDesignPlan::describe(TraceMeta &meta) const
{
    const std::string name = EchoServer::name(design);
    meta.workers.push_back({server, "server", name + ": " + serverLane(design)});
    for (std::size_t i = 0; i < handlers.size(); ++i) {
        WorkerInfo handler{handlers[i], "handler",
                           name + ": " + handlerLane(design) + " " + std::to_string(i + 1)};
        // A connection's coroutine runs inside the event loop's thread.
        if (design == Design::Coroutines) {
            handler.role = "coroutine";
            handler.parent = std::int32_t(server);
        }
        meta.workers.push_back(std::move(handler));
    }
    for (std::size_t i = 0; i < clients.size(); ++i)
        meta.workers.push_back({clients[i], "client", name + ": clients " + std::to_string(i + 1)});
    // A "turn": an event whose waiters are not yet part of the lesson (the design before
    // them still runs), which the timeline draws without a state colour.
    meta.objects.push_back({startObject, "turn", 0, name + ": start"});
    meta.objects.push_back({serverObject, "connection", 0, name + ": server sockets"});
    meta.objects.push_back({clientObject, "connection", 0, name + ": client sockets"});
}

} // namespace conlab
