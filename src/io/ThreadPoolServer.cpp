#include "ThreadPoolServer.h"

#include "HandlerLanes.h"
#include "IoLane.h"
#include "runtime/WorkerContext.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <system_error>
#include <unistd.h>

namespace conlab {

namespace {
// A worker reads at most this often per turn, so a busy connection can't keep it from others.
constexpr int kReadsPerTurn = 4;
constexpr int kMaxEvents = 256;
constexpr std::uint64_t kListenerKey = ~std::uint64_t(0);
constexpr std::uint64_t kStopKey = ~std::uint64_t(0) - 1;
} // namespace

ThreadPoolServer::ThreadPoolServer(Options options) : EchoServer(Design::ThreadPool, options) {}

ThreadPoolServer::~ThreadPoolServer()
{
    endPool();
    if (m_epoll >= 0)
        ::close(m_epoll);
}

void ThreadPoolServer::push(int fd)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(fd);
    }
    m_queued.notify_one();
}

int ThreadPoolServer::take(IoLane &lane)
{
    std::unique_lock lock(m_mutex);
    if (!m_queue.empty()) {
        const int fd = m_queue.front();
        m_queue.pop_front();
        return fd;
    }
    lock.unlock();
    lane.block();
    lock.lock();
    // Ended only by an entry: the dispatcher always queues one kQuit per worker at the end.
    m_queued.wait(lock, [&] { return !m_queue.empty(); });
    const int fd = m_queue.front();
    m_queue.pop_front();
    lock.unlock();
    if (lane.woken() || fd == kQuit)
        return fd;
    // The run is stopping: this worker leaves now; the connection is closed, as all will be.
    closeConnection(fd);
    return kQuit;
}

void ThreadPoolServer::closeConnection(int fd)
{
    std::lock_guard lock(m_mutex);
    // Under the lock that Stop's shutdown takes, so nobody shuts down a reused descriptor.
    if (m_open.erase(fd))
        ::close(fd); // also leaves the epoll set
}

bool ThreadPoolServer::serve(int fd, IoLane &lane, char *buffer)
{
    for (int reads = 0; reads < kReadsPerTurn;) {
        const ssize_t n = ::recv(fd, buffer, kBufferBytes, MSG_DONTWAIT);
        if (n > 0) {
            if (!sendAllNonBlocking(fd, buffer, std::size_t(n), lane)) {
                closeConnection(fd);
                return false;
            }
            ++reads;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // All read: armed again for the dispatcher's next wait.
            epoll_event event{};
            event.events = EPOLLIN | EPOLLONESHOT;
            event.data.u64 = std::uint64_t(fd);
            if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) == 0)
                return true;
        }
        closeConnection(fd); // closed by the peer, or failed
        return false;
    }
    if (!stopRequested()) {
        // Still more to read: back in line behind the others rather than hogging this worker.
        push(fd);
        return true;
    }
    closeConnection(fd);
    return false;
}

void ThreadPoolServer::work(WorkerContext *laneContext)
{
    IoLane lane(laneContext, m_options.socketsObject);
    if (laneContext)
        laneContext->started();
    std::vector<char> buffer(kBufferBytes);
    if (lane.run()) {
        for (int fd = take(lane); fd != kQuit; fd = take(lane))
            serve(fd, lane, buffer.data());
    }
    lane.finish();
    if (laneContext)
        m_options.lanes->ended(laneContext);
}

bool ThreadPoolServer::acceptAll()
{
    for (;;) {
        bool failed = false;
        const int fd = acceptNext(true, &failed);
        if (fd < 0)
            return !failed;
        std::lock_guard lock(m_mutex);
        m_open.insert(fd);
        epoll_event event{};
        event.events = EPOLLIN | EPOLLONESHOT;
        event.data.u64 = std::uint64_t(fd);
        if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0) {
            fail("epoll_ctl", errno);
            m_open.erase(fd);
            ::close(fd);
        }
    }
}

void ThreadPoolServer::endPool()
{
    if (m_pool.empty())
        return;
    {
        std::lock_guard lock(m_mutex);
        for (std::size_t i = 0; i < m_pool.size(); ++i)
            m_queue.push_back(kQuit);
        // A worker waiting for room to send wakes on the stop eventfd; one in recv() can't be
        // blocked (the sockets are non-blocking).
        for (const int fd : m_open)
            ::shutdown(fd, SHUT_RDWR);
    }
    m_queued.notify_all();
    for (std::thread &thread : m_pool)
        thread.join();
    m_pool.clear();
    std::lock_guard lock(m_mutex);
    for (const int fd : m_open)
        ::close(fd);
    m_open.clear();
    m_queue.clear();
}

bool ThreadPoolServer::run(WorkerContext &context)
{
    IoLane lane(&context, m_options.socketsObject);
    bool ok = lane.run();
    if (ok) {
        m_epoll = openEventSet(kListenerKey, kStopKey);
        ok = m_epoll >= 0;
    }
    for (std::size_t i = 0; ok && i < m_options.poolSize; ++i) {
        WorkerContext *laneContext = m_options.lanes ? m_options.lanes->claim() : nullptr;
        try {
            m_pool.emplace_back([this, laneContext] { work(laneContext); });
            m_workers.fetch_add(1);
        } catch (const std::system_error &e) {
            fail("creating a pool thread", e.code().value());
            if (laneContext)
                m_options.lanes->abandon(laneContext, ExitCause::Failed, e.code().value());
            ok = false;
        }
    }
    epoll_event events[kMaxEvents];
    bool serving = ok;
    while (serving && !stopRequested()) {
        const int n = waitForEvents(m_epoll, events, kMaxEvents, lane);
        if (n <= 0) {
            ok = ok && n == 0;
            break;
        }
        for (int i = 0; i < n && serving; ++i) {
            const std::uint64_t key = events[i].data.u64;
            if (key == kStopKey)
                serving = false;
            else if (key == kListenerKey)
                serving = ok = acceptAll();
            else
                push(int(key));
        }
    }
    endPool();
    return ok;
}

} // namespace conlab
