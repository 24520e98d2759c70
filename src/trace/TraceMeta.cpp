#include "TraceMeta.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

namespace conlab {

const WorkerInfo *TraceMeta::worker(std::uint32_t id) const
{
    // Scenarios declare workers 0..n-1 in order: a thousand lanes each asking for its own
    // worker per paint would otherwise walk the list a million times.
    if (id < workers.size() && workers[id].id == id)
        return &workers[id];
    for (const auto &w : workers)
        if (w.id == id)
            return &w;
    return nullptr;
}

const ObjectInfo *TraceMeta::object(std::uint32_t id) const
{
    for (const auto &o : objects)
        if (o.id == id)
            return &o;
    return nullptr;
}

std::string TraceMeta::param(std::string_view name) const
{
    for (const auto &p : params)
        if (p.first == name)
            return p.second;
    return {};
}

int TraceMeta::depth(std::uint32_t id) const
{
    int depth = 0;
    // Bounded: a file could declare a cycle of parents.
    for (const WorkerInfo *w = worker(id); w && w->parent >= 0 && depth < int(kMaxWorkers);
         w = worker(std::uint32_t(w->parent)))
        ++depth;
    return depth;
}

std::string TraceMeta::workerName(std::uint32_t id) const
{
    const WorkerInfo *w = worker(id);
    return w ? w->name : "worker-" + std::to_string(id);
}

std::string TraceMeta::serialize() const
{
    std::ostringstream out;
    out << "scenario " << scenario << '\n';
    out << "title " << title << '\n';
    out << "cpus " << cpus << '\n';
    out << "start_ns " << startNs << '\n';
    out << "time_scale " << timeScale << '\n';
    if (sampleNs > 0)
        out << "sample_ns " << sampleNs << '\n';
    if (!clock.empty())
        out << "clock " << clock << '\n';
    for (const auto &p : params)
        out << "param " << p.first << ' ' << p.second << '\n';
    for (const auto &w : workers)
        out << "worker " << w.id << ' ' << w.role << ' ' << w.name << '\n';
    // A line of its own, after the workers, so that older readers skip it.
    for (const auto &w : workers)
        if (w.parent >= 0)
            out << "parent " << w.id << ' ' << w.parent << '\n';
    for (const auto &o : objects)
        out << "object " << o.id << ' ' << o.kind << ' ' << o.capacity << ' ' << o.name << '\n';
    return out.str();
}

namespace {

// Splits off the first space-separated word of `rest`.
std::string_view nextWord(std::string_view &rest)
{
    const auto space = rest.find(' ');
    std::string_view word = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    return word;
}

template <class T> bool toNumber(std::string_view text, T &value)
{
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

} // namespace

bool TraceMeta::parse(std::string_view text, TraceMeta &out, std::string *error)
{
    out = TraceMeta();
    int lineNumber = 0;
    while (!text.empty()) {
        ++lineNumber;
        const auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (line.empty())
            continue;
        std::string_view rest = line;
        const std::string_view key = nextWord(rest);
        bool ok = true;
        if (key == "scenario") {
            out.scenario = rest;
        } else if (key == "title") {
            out.title = rest;
        } else if (key == "cpus") {
            ok = toNumber(rest, out.cpus);
        } else if (key == "start_ns") {
            ok = toNumber(rest, out.startNs);
        } else if (key == "time_scale") {
            try {
                out.timeScale = std::stod(std::string(rest));
            } catch (...) {
                ok = false;
            }
        } else if (key == "sample_ns") {
            ok = toNumber(rest, out.sampleNs);
        } else if (key == "clock") {
            out.clock = rest;
        } else if (key == "param") {
            const std::string_view name = nextWord(rest);
            out.params.emplace_back(std::string(name), std::string(rest));
        } else if (key == "worker") {
            WorkerInfo w;
            ok = toNumber(nextWord(rest), w.id);
            w.role = nextWord(rest);
            w.name = rest;
            out.workers.push_back(std::move(w));
        } else if (key == "parent") {
            std::uint32_t id = 0;
            std::uint32_t parent = 0;
            ok = toNumber(nextWord(rest), id) && toNumber(rest, parent);
            WorkerInfo *child = nullptr;
            for (auto &w : out.workers)
                if (w.id == id)
                    child = &w;
            if (ok && (!child || parent >= kMaxWorkers || parent == id || !out.worker(parent))) {
                if (error)
                    *error = "line " + std::to_string(lineNumber) + ": parent " +
                             std::to_string(parent) + " of worker " + std::to_string(id) +
                             " is not a declared worker";
                return false;
            }
            if (ok)
                child->parent = std::int32_t(parent);
        } else if (key == "object") {
            ObjectInfo o;
            ok = toNumber(nextWord(rest), o.id);
            o.kind = nextWord(rest);
            ok = ok && toNumber(nextWord(rest), o.capacity);
            o.name = rest;
            out.objects.push_back(std::move(o));
        }
        // Unknown keys are skipped so newer traces stay readable by older builds.
        if (ok && key == "cpus" && out.cpus > kMaxCpus) {
            if (error)
                *error = "line " + std::to_string(lineNumber) + ": " + std::to_string(out.cpus) +
                         " virtual CPUs (at most " + std::to_string(kMaxCpus) + ")";
            return false;
        }
        if (ok && key == "time_scale" && !(std::isfinite(out.timeScale) && out.timeScale > 0)) {
            if (error)
                *error =
                    "line " + std::to_string(lineNumber) + ": time scale is not a positive number";
            return false;
        }
        if (ok && key == "worker") {
            const std::uint32_t id = out.workers.back().id;
            std::string problem;
            if (id >= kMaxWorkers)
                problem = "worker id " + std::to_string(id) + " out of range (ids are below " +
                          std::to_string(kMaxWorkers) + ")";
            else if (std::any_of(out.workers.begin(), out.workers.end() - 1,
                                 [id](const WorkerInfo &w) { return w.id == id; }))
                problem = "worker id " + std::to_string(id) + " declared twice";
            if (!problem.empty()) {
                if (error)
                    *error = "line " + std::to_string(lineNumber) + ": " + problem;
                return false;
            }
        }
        if (ok && key == "object") {
            const std::uint32_t id = out.objects.back().id;
            std::string problem;
            if (out.objects.size() > kMaxObjects)
                problem = "more than " + std::to_string(kMaxObjects) + " objects";
            else if (id >= kMaxObjectId)
                problem = "object id " + std::to_string(id) + " out of range (ids are below " +
                          std::to_string(kMaxObjectId) + ")";
            if (!problem.empty()) {
                if (error)
                    *error = "line " + std::to_string(lineNumber) + ": " + problem;
                return false;
            }
        }
        if (!ok) {
            if (error)
                *error = "line " + std::to_string(lineNumber) + ": malformed '" + std::string(key) +
                         "' entry";
            return false;
        }
    }
    if (out.scenario.empty()) {
        if (error)
            *error = "no scenario named in the trace header";
        return false;
    }
    return true;
}

} // namespace conlab
