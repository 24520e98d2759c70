#include "WindowPacking.h"

#include <algorithm>

namespace conlab {

namespace {

using Span = WindowPacking::Span;

// `from` without the time any span of `minus` covers; both in order.
std::vector<Span> subtract(const std::vector<Span> &from, const std::vector<Span> &minus)
{
    std::vector<Span> out;
    for (const Span &span : from) {
        std::uint64_t at = span.startNs;
        for (const Span &cut : minus) {
            if (cut.endNs <= at || cut.startNs >= span.endNs)
                continue;
            if (cut.startNs > at)
                out.push_back({at, cut.startNs});
            at = std::max(at, cut.endNs);
        }
        if (at < span.endNs)
            out.push_back({at, span.endNs});
    }
    return out;
}

// Sorts and joins touching spans.
void normalise(std::vector<Span> &spans)
{
    std::sort(spans.begin(), spans.end(),
              [](const Span &a, const Span &b) { return a.startNs < b.startNs; });
    std::vector<Span> joined;
    for (const Span &s : spans) {
        if (!joined.empty() && s.startNs <= joined.back().endNs)
            joined.back().endNs = std::max(joined.back().endNs, s.endNs);
        else
            joined.push_back(s);
    }
    spans = std::move(joined);
}

} // namespace

std::uint64_t WindowPacking::total(const std::vector<Span> &spans)
{
    std::uint64_t sum = 0;
    for (const Span &s : spans)
        sum += s.length();
    return sum;
}

void WindowPacking::pack(std::uint64_t startNs, std::uint64_t endNs, std::uint32_t cores,
                         std::vector<Thread> &threads, std::size_t first)
{
    // Earliest free time first, core after core: for threads runnable all window long this
    // is McNaughton's wrap-around rule; for the others it keeps to when they could run.
    std::vector<std::vector<Span>> busy(cores);
    // Last windows first: what such a thread can't place here is lost, not carried.
    std::vector<std::size_t> order;
    for (const bool last : {true, false})
        for (std::size_t k = 0; k < threads.size(); ++k)
            if (threads[(first + k) % threads.size()].lastWindow == last)
                order.push_back((first + k) % threads.size());
    for (const std::size_t index : order) {
        Thread &thread = threads[index];
        thread.running.clear();
        std::vector<Span> runnable;
        for (const Span &span : thread.runnable)
            if (std::min(span.endNs, endNs) > std::max(span.startNs, startNs))
                runnable.push_back({std::max(span.startNs, startNs), std::min(span.endNs, endNs)});
        std::uint64_t wanted = std::min(thread.runNs, total(runnable));
        for (std::uint32_t core = 0; core < cores && wanted > 0; ++core) {
            // Not on two cores at once either.
            const std::vector<Span> free = subtract(subtract(runnable, busy[core]), thread.running);
            for (const Span &gap : free) {
                if (wanted == 0)
                    break;
                const Span taken{gap.startNs, gap.startNs + std::min(wanted, gap.length())};
                busy[core].push_back(taken);
                thread.running.push_back(taken);
                wanted -= taken.length();
            }
            normalise(busy[core]);
            normalise(thread.running);
        }
        thread.carriedNs = thread.runNs - total(thread.running);
    }
}

} // namespace conlab
