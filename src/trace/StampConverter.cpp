#include "StampConverter.h"

#include "EventClock.h"
#include "TraceMeta.h"

#include <algorithm>

namespace conlab {

namespace {

// 2.5 s of pairs at the runner's 10 ms: a stamp taken before a worker was preempted and
// pushed long after still finds the pairs around it.
constexpr std::size_t kKeptPairs = 256;

// ns at `ticks` on the line through (from, to): exact integer arithmetic, as a double's 53
// bits would round ticks counted since boot.
std::uint64_t onLine(const StampConverter::Pair &from, const StampConverter::Pair &to,
                     std::uint64_t ticks)
{
    const __int128 dTicks = __int128(ticks) - __int128(from.ticks);
    const __int128 spanNs = __int128(to.ns) - __int128(from.ns);
    const __int128 spanTicks = __int128(to.ticks) - __int128(from.ticks);
    const __int128 ns = __int128(from.ns) + dTicks * spanNs / spanTicks;
    return ns < 0 ? 0 : std::uint64_t(ns);
}

} // namespace

StampConverter::Pair StampConverter::takePair()
{
    // clock_gettime reads the counter somewhere inside the call: the tightest of a few
    // brackets places that read to within a few ns.
    Pair best;
    best.spreadTicks = UINT64_MAX;
    for (int attempt = 0; attempt < 50; ++attempt) {
        const std::uint64_t before = EventClock::readTicks();
        const std::uint64_t ns = monotonicNs();
        const std::uint64_t after = EventClock::readTicks();
        if (after - before < best.spreadTicks)
            best = {before + (after - before) / 2, ns, after - before};
        // Five tight brackets are as good as it gets; more only cost the collector time.
        if (attempt >= 4 && best.spreadTicks <= kMaxSpreadTicks / 10)
            break;
    }
    return best;
}

void StampConverter::addPair(const Pair &pair)
{
    if (!m_pairs.empty() && (pair.ticks <= m_pairs.back().ticks || pair.ns < m_pairs.back().ns))
        return;
    // Until there are two pairs there is nothing to convert with: a loose one then is better
    // than none, and the tight ones that follow take over.
    if (pair.spreadTicks > kMaxSpreadTicks && m_pairs.size() >= 2) {
        ++m_pairsRefused;
        return;
    }
    m_pairs.push_back(pair);
    ++m_pairsTaken;
    if (m_pairs.size() > kKeptPairs)
        m_pairs.pop_front();
    if (m_pairs.size() >= 2) {
        const Pair &previous = m_pairs[m_pairs.size() - 2];
        m_newestNsPerTick = std::uint64_t(((unsigned __int128)(pair.ns - previous.ns) << 32) /
                                          (pair.ticks - previous.ticks));
    }
}

std::uint64_t StampConverter::toNs(std::uint64_t ticks) const
{
    if (m_pairs.size() < 2)
        return m_pairs.empty() ? 0 : m_pairs.front().ns;
    // Nearly every stamp a collection drains was taken since the collection before.
    const Pair &newest = m_pairs.back();
    const Pair &previous = m_pairs[m_pairs.size() - 2];
    // A 32.32 fixed-point rate, kept from addPair(): a 128-bit division per event would cost
    // more than the rest of the conversion, and the rounding is below 0.01 ns over a period.
    if (ticks >= previous.ticks && ticks < newest.ticks) {
        const auto scaled = (unsigned __int128)(ticks - previous.ticks) * m_newestNsPerTick;
        return previous.ns + std::uint64_t(scaled >> 32);
    }
    const auto after = std::upper_bound(m_pairs.begin(), m_pairs.end(), ticks,
                                        [](std::uint64_t t, const Pair &p) { return t < p.ticks; });
    // Outside the pairs, the rate over all of them: one short period (two collections a few
    // µs apart, when a doorbell rang) would carry its pairs' error far.
    if (after == m_pairs.begin() || after == m_pairs.end()) {
        const Pair &anchor = after == m_pairs.begin() ? m_pairs.front() : m_pairs.back();
        const __int128 dTicks = __int128(ticks) - __int128(anchor.ticks);
        const __int128 ns =
            __int128(anchor.ns) + dTicks * (__int128(m_pairs.back().ns) - m_pairs.front().ns) /
                                      (__int128(m_pairs.back().ticks) - m_pairs.front().ticks);
        return ns < 0 ? 0 : std::uint64_t(ns);
    }
    return onLine(*(after - 1), *after, ticks);
}

void StampConverter::convert(Event *events, std::size_t count, std::uint32_t ring)
{
    constexpr std::uint32_t lanes = TraceMeta::kMaxWorkers;
    if (m_lastStamp.size() < std::size_t(ring + 1) * lanes)
        m_lastStamp.resize(std::size_t(ring + 1) * lanes);
    for (std::size_t i = 0; i < count; ++i) {
        Event &event = events[i];
        const bool ticks = EventClock::isTicks(event.timeNs);
        if (ticks)
            event.timeNs = toNs(EventClock::ticksOf(event.timeNs));
        if (event.worker >= lanes)
            continue;
        // A worker's events enter its ring in the order they happened. Where a converted stamp
        // and a ns one (recordAt() with a clock_gettime value) are only a few ns apart, the
        // conversion's error could swap them and make an illegal state sequence; the ring's
        // order is the truth, so the later one is held at the earlier one's time.
        LaneStamp &last = m_lastStamp[std::size_t(ring) * lanes + event.worker];
        if ((ticks || last.converted) && event.timeNs < last.ns) {
            event.timeNs = last.ns;
            ++m_heldBack;
        }
        last = {event.timeNs, ticks};
    }
}

} // namespace conlab
