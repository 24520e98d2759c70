#include "PageServer.h"

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace conlab {

PageServer::PageServer(std::uint64_t latencyNs, std::uint32_t bytes)
    : m_server(std::make_unique<httplib::Server>()), m_latencyNs(latencyNs), m_bytes(bytes)
{
}

PageServer::~PageServer()
{
    stop();
}

std::string PageServer::page(std::uint32_t number, std::uint32_t bytes, int *links)
{
    // A few links per page, varying with the page, among plain words.
    const int count = int(number % 5) + 2;
    std::string text = "<html><body><p>page " + std::to_string(number) + "</p>\n";
    for (int i = 0; i < count; ++i)
        text += "<a href=\"/page/" + std::to_string((number * 7 + std::uint32_t(i)) % 1000) +
                "\">next</a>\n";
    static const char *const words[] = {"thread ", "process ", "queue ", "lock ",
                                        "event ",  "pipe ",    "pool ",  "page "};
    for (std::uint32_t i = 0; text.size() + 16 < bytes; ++i)
        text += words[(number + i) % 8];
    text += "</body></html>\n";
    if (links)
        *links = count;
    return text;
}

void PageServer::deepenBacklog(int port)
{
    // Debian's cpp-httplib is built with a backlog of 5 connections: with more fetchers
    // connecting at once the kernel drops the rest and their clients retry a second later.
    // listen() again on the same socket takes a longer queue; the library gives no handle
    // to it, so find the listening socket bound to our port among our descriptors.
    for (int fd = 0; fd < 1024; ++fd) {
        sockaddr_in address{};
        socklen_t length = sizeof address;
        int listening = 0;
        socklen_t size = sizeof listening;
        if (getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0 ||
            address.sin_family != AF_INET || ntohs(address.sin_port) != port ||
            getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || !listening)
            continue;
        ::listen(fd, 128);
    }
}

int PageServer::start(int threads, std::string *error)
{
    m_server->new_task_queue = [threads] {
        return new httplib::ThreadPool(threads);
    };
    m_server->Get(R"(/page/(\d+))", [this](const httplib::Request &request,
                                           httplib::Response &response) {
        // The latency in slices: a Stop must not wait for every answer in flight.
        const auto due = std::chrono::steady_clock::now() + std::chrono::nanoseconds(m_latencyNs);
        while (std::chrono::steady_clock::now() < due) {
            if (m_stopping.load()) {
                response.status = 503;
                return;
            }
            std::this_thread::sleep_for(std::min<std::chrono::nanoseconds>(
                std::chrono::milliseconds(10), due - std::chrono::steady_clock::now()));
        }
        int links = 0;
        const auto number = std::uint32_t(std::stoul(request.matches[1].str()));
        response.set_content(page(number, m_bytes, &links), "text/html");
        m_linksServed.fetch_add(links);
    });
    // Loopback only, on a port the kernel picks: nothing else on the machine is reachable.
    const int port = m_server->bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        if (error)
            *error = "cannot bind a loopback port for the page server";
        return 0;
    }
    deepenBacklog(port);
    // The socket already listens: a client that connects before the accept loop runs waits
    // in the kernel's backlog.
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    return port;
}

void PageServer::stop()
{
    m_stopping.store(true);
    if (m_server)
        m_server->stop();
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace conlab
