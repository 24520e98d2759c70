#include "JobTable.h"

#include <cmath>

namespace conlab {

std::uint64_t Job::cpuTotal() const
{
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < bursts.size(); i += 2)
        total += bursts[i];
    return total;
}

JobTable JobTable::scaled(double nsPerUnit) const
{
    auto scale = [nsPerUnit](std::uint64_t units) {
        return std::uint64_t(std::llround(double(units) * nsPerUnit));
    };
    JobTable out = *this;
    for (Job &job : out.jobs) {
        job.arrival = scale(job.arrival);
        for (auto &burst : job.bursts)
            burst = scale(burst);
    }
    return out;
}

} // namespace conlab
