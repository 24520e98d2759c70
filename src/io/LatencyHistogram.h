#pragma once

#include <cstdint>
#include <vector>

namespace conlab {

// Round-trip times in a fixed amount of memory, however many messages a run makes: log-linear
// buckets, 64 per power of two, so any percentile is within 1/64 (1.6 %) of the true value.
class LatencyHistogram
{
public:
    LatencyHistogram();

    void record(std::uint64_t ns);
    void merge(const LatencyHistogram &other);
    std::uint64_t count() const { return m_count; }
    std::uint64_t max() const { return m_max; }
    // The value at or below which `fraction` (0..1) of the samples lie; 0 when empty.
    std::uint64_t percentile(double fraction) const;

private:
    static constexpr unsigned kSubBits = 6;
    static std::size_t bucketOf(std::uint64_t ns);
    static std::uint64_t lowerBound(std::size_t bucket);
    static std::uint64_t width(std::size_t bucket);

    std::vector<std::uint64_t> m_counts;
    std::uint64_t m_count = 0;
    std::uint64_t m_max = 0;
};

} // namespace conlab
