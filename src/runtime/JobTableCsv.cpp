#include "JobTableCsv.h"

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

namespace conlab {

namespace {
// Far above any lesson's table, far below where nanoseconds would overflow at any time scale.
constexpr std::uint64_t kMaxUnits = 1000000;
constexpr std::int64_t kMaxPriority = 1000;
constexpr std::size_t kMaxName = 31;

std::string_view trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    for (;;) {
        const std::size_t at = text.find(separator);
        parts.push_back(trim(text.substr(0, at)));
        if (at == std::string_view::npos)
            return parts;
        text.remove_prefix(at + 1);
    }
}

bool toInteger(std::string_view text, std::int64_t &value)
{
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// Text from the file as it may be shown in a message: printable ASCII as is, anything else
// (control bytes, escape sequences, invalid or non-ASCII UTF-8) as \xNN, cut after
// `maxBytes` bytes (40 by default: a field; a path is shown whole, up to PATH_MAX).
std::string shown(std::string_view text, std::size_t maxBytes = 40)
{
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < maxBytes; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f) {
            out += char(c);
        } else {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    if (text.size() > maxBytes)
        out += "...";
    return out;
}

bool isHeader(const std::vector<std::string_view> &fields)
{
    std::string first(fields.front());
    for (char &c : first)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return first == "name";
}

bool validName(std::string_view name)
{
    for (const char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return false;
    return !name.empty() && name.size() <= kMaxName;
}
} // namespace

bool JobTableCsv::parse(std::string_view text, const std::string &source, JobTable &out,
                        std::string *error)
{
    out = JobTable();
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3); // a UTF-8 byte order mark, as spreadsheets save CSV
    std::map<std::string, int> firstLine;
    bool sawRow = false;
    int lineNumber = 0;
    auto fail = [&](const std::string &what) {
        *error = source + ":" + std::to_string(lineNumber) + ": " + what;
        return false;
    };
    while (!text.empty() || lineNumber == 0) {
        ++lineNumber;
        const std::size_t end = text.find('\n');
        const std::string_view line = trim(text.substr(0, end));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (line.empty() || line.front() == '#')
            continue;
        const std::vector<std::string_view> fields = split(line, ',');
        if (!sawRow && isHeader(fields)) {
            sawRow = true;
            continue;
        }
        sawRow = true;
        if (fields.size() < 3 || fields.size() > 4)
            return fail("expected 3 or 4 columns (name, arrival, bursts, priority), found " +
                        std::to_string(fields.size()));
        Job job;
        job.name = std::string(fields[0]);
        if (!validName(fields[0]))
            return fail("name '" + shown(job.name) +
                        "' must be 1-31 letters, digits, '-', '_' or '.'");
        if (const auto it = firstLine.find(job.name); it != firstLine.end())
            return fail("name '" + job.name + "' is already used on line " +
                        std::to_string(it->second));
        std::int64_t number = 0;
        if (!toInteger(fields[1], number) || number < 0 || std::uint64_t(number) > kMaxUnits)
            return fail("arrival '" + shown(fields[1]) +
                        "' is not a whole number of time units in 0.." + std::to_string(kMaxUnits));
        job.arrival = std::uint64_t(number);
        const std::vector<std::string_view> bursts = split(fields[2], '/');
        for (const std::string_view burst : bursts) {
            if (!toInteger(burst, number) || number < 1 || std::uint64_t(number) > kMaxUnits)
                return fail("burst '" + shown(burst) + "' in '" + shown(fields[2]) +
                            "' is not a whole number of time units in 1.." +
                            std::to_string(kMaxUnits));
            job.bursts.push_back(std::uint64_t(number));
        }
        if (job.bursts.size() % 2 == 0)
            return fail("bursts '" + shown(fields[2]) +
                        "' must alternate cpu/io/cpu/... and end with a CPU burst");
        if (job.bursts.size() > JobTable::kMaxBursts)
            return fail("more than " + std::to_string(JobTable::kMaxBursts) + " bursts");
        if (fields.size() == 4 && !fields[3].empty()) {
            if (!toInteger(fields[3], number) || number < -kMaxPriority || number > kMaxPriority)
                return fail("priority '" + shown(fields[3]) + "' is not a whole number in " +
                            std::to_string(-kMaxPriority) + ".." + std::to_string(kMaxPriority));
            job.priority = std::int32_t(number);
        }
        if (out.jobs.size() == JobTable::kMaxJobs)
            return fail("more than " + std::to_string(JobTable::kMaxJobs) + " jobs");
        firstLine[job.name] = lineNumber;
        out.jobs.push_back(std::move(job));
    }
    if (out.jobs.empty()) {
        *error = source + ": no jobs (expected lines like 'P1,0,5/3/2,1')";
        return false;
    }
    return true;
}

bool JobTableCsv::readFile(const std::string &path, std::string &text, std::string *error)
{
    auto fail = [&](const std::string &what) {
        if (error)
            *error = shown(path, 4096) + ": " + what; // the whole path, or it names no file
        return false;
    };
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return fail("is a folder, not a job table");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(std::string("cannot read: ") + std::strerror(errno));
    // One byte past the limit tells a file at the limit from a larger one (or an endless
    // device such as /dev/zero), without reading the rest.
    text.assign(kMaxFileBytes + 1, '\0');
    in.read(text.data(), std::streamsize(text.size()));
    if (in.bad())
        return fail(std::string("read failed: ") + std::strerror(errno));
    text.resize(std::size_t(in.gcount()));
    if (text.size() > kMaxFileBytes)
        return fail("larger than the limit of " + std::to_string(kMaxFileBytes / 1024) +
                    " KiB for a job table");
    return true;
}

std::string JobTableCsv::format(const JobTable &table)
{
    std::string text = "name,arrival,bursts,priority\n";
    for (const Job &job : table.jobs) {
        text += job.name + "," + std::to_string(job.arrival) + ",";
        for (std::size_t i = 0; i < job.bursts.size(); ++i)
            text += (i ? "/" : "") + std::to_string(job.bursts[i]);
        text += "," + std::to_string(job.priority) + "\n";
    }
    return text;
}

} // namespace conlab
