#pragma once

// clang-format off
// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>
#include <boost/asio/awaitable.hpp>
// clang-format on

#include "EventRecorder.h"
#include "trace/Event.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace boost::asio::posix {
template <typename Executor> class basic_stream_descriptor;
}

namespace conlab {

class CoroutineLoop;

// One coroutine of a CoroutineLoop, and its lane when it has one. Every wait it offers records
// the coroutine suspended with the wait's reason, ready once the loop has learnt that the wait
// is over (the wait's completion handler ran on the loop), and running once the loop resumes
// it: the handler only queues the resumption behind what the loop already had to do, as
// asyncio's callbacks do, so a coroutine that is due but has to wait for the thread shows
// as ready.
class CoroutineTask
{
public:
    static constexpr std::uint32_t kNoLane = UINT32_MAX;

    CoroutineTask(CoroutineLoop &loop, std::uint32_t lane, std::uint32_t index);
    ~CoroutineTask();

    CoroutineLoop &loop() { return m_loop; }
    // The task's number in its loop, counted from 0.
    std::uint32_t index() const { return m_index; }
    std::uint32_t lane() const { return m_lane; }
    bool done() const { return m_done; }

    // Suspends on the loop's timer for `ns`, leaving the thread to the others. False if the
    // run stopped.
    boost::asio::awaitable<bool> sleep(std::uint64_t ns);
    // Sleeps inside the coroutine with a blocking call: the whole thread stops, and every
    // other coroutine waits with it. False if the run stopped.
    bool blockingSleep(std::uint64_t ns);
    // Keeps the thread busy for `ns` of wall time: pure computation. False if the run stopped.
    bool compute(std::uint64_t ns);
    // Gives the others a turn: ready at once, running when the loop comes back to it.
    boost::asio::awaitable<bool> yield();
    // Suspends until `other` has ended. False if the run stopped.
    boost::asio::awaitable<bool> join(CoroutineTask &other);
    // One read on a descriptor of this loop's context, suspended (IO wait on `object`) until
    // it has data. The bytes read; 0 at end of file or on a stop or an error.
    using Descriptor = boost::asio::posix::basic_stream_descriptor<boost::asio::any_io_executor>;
    boost::asio::awaitable<std::size_t> readSome(Descriptor &descriptor, char *data,
                                                 std::size_t size, std::uint32_t object);
    // Suspends (IO wait on `object`) until `descriptor` is readable, without reading: for a
    // listening socket, whose readiness means a connection to accept. False if the run or the
    // loop stopped.
    boost::asio::awaitable<bool> waitReadable(Descriptor &descriptor, std::uint32_t object);
    // Writes all of `size` bytes, suspended (IO wait on `object`) while the peer's window is
    // full. False if the peer is gone or the run stopped.
    boost::asio::awaitable<bool> writeAll(Descriptor &descriptor, const char *data,
                                          std::size_t size, std::uint32_t object);

    // For the loop: the coroutine begins or ends.
    void began();
    void ended(ExitCause cause, std::int64_t arg = 0);
    // For the loop's handlers: the wait is over, the resumption is queued.
    void becameReady();
    // Records the coroutine running again after a wait; counts a switch.
    void resumed();
    // Records the coroutine suspended for `reason` on `object`.
    void suspend(BlockReason reason, std::uint32_t object);

private:
    struct Joiners;

    CoroutineLoop &m_loop;
    std::uint32_t m_lane;
    std::uint32_t m_index;
    std::optional<EventRecorder> m_recorder;
    bool m_done = false;
    BlockReason m_waitReason = BlockReason::None;
    std::uint32_t m_waitObject = 0;
    std::unique_ptr<Joiners> m_joiners;
};

} // namespace conlab
