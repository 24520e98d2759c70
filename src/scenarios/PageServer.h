#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace conlab {

// The crawler lesson's web site: GET /page/N answers, after `latency`, an HTML page of about
// `bytes` bytes with words and a few links, on 127.0.0.1 and a port the kernel picks. It
// counts the links it served, for the parsers' count to be checked against.
class PageServer
{
public:
    PageServer(std::uint64_t latencyNs, std::uint32_t bytes);
    ~PageServer();

    // Binds and starts serving; the port, or 0 with `error` set.
    int start(int threads, std::string *error);
    void stop();
    std::int64_t linksServed() const { return m_linksServed.load(); }

    // The page's text: the same for the same number, whoever asks.
    static std::string page(std::uint32_t number, std::uint32_t bytes, int *links);

private:
    static void deepenBacklog(int port);

    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    std::uint64_t m_latencyNs;
    std::uint32_t m_bytes;
    std::atomic<std::int64_t> m_linksServed{0};
    std::atomic<bool> m_stopping{false};
};

} // namespace conlab
