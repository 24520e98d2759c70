#include "LatencyHistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace conlab {

namespace {
constexpr std::size_t kSub = std::size_t(1) << 6;
// Values below kSub get a bucket each; each power of two above has kSub buckets.
constexpr std::size_t kBuckets = kSub + (64 - 6) * kSub;
} // namespace

LatencyHistogram::LatencyHistogram() : m_counts(kBuckets, 0) {}

std::size_t LatencyHistogram::bucketOf(std::uint64_t ns)
{
    if (ns < kSub)
        return std::size_t(ns);
    const unsigned exponent = 63u - unsigned(std::countl_zero(ns));
    const std::size_t sub = std::size_t(ns >> (exponent - kSubBits)) - kSub;
    return kSub + (exponent - kSubBits) * kSub + sub;
}

std::uint64_t LatencyHistogram::lowerBound(std::size_t bucket)
{
    if (bucket < kSub)
        return bucket;
    const std::size_t shift = (bucket - kSub) / kSub;
    const std::size_t sub = (bucket - kSub) % kSub;
    return std::uint64_t(kSub + sub) << shift;
}

std::uint64_t LatencyHistogram::width(std::size_t bucket)
{
    return bucket < kSub ? 1 : std::uint64_t(1) << ((bucket - kSub) / kSub);
}

void LatencyHistogram::record(std::uint64_t ns)
{
    ++m_counts[bucketOf(ns)];
    ++m_count;
    m_max = std::max(m_max, ns);
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    for (std::size_t i = 0; i < kBuckets; ++i)
        m_counts[i] += other.m_counts[i];
    m_count += other.m_count;
    m_max = std::max(m_max, other.m_max);
}

std::uint64_t LatencyHistogram::percentile(double fraction) const
{
    if (m_count == 0)
        return 0;
    const auto rank = std::max<std::uint64_t>(
        1, std::uint64_t(std::ceil(std::clamp(fraction, 0.0, 1.0) * double(m_count))));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
        seen += m_counts[i];
        if (seen >= rank)
            return std::min(m_max, lowerBound(i) + width(i) / 2);
    }
    return m_max;
}

} // namespace conlab
