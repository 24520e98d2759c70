#pragma once

// What the two fuzz tests (tst_tracefuzz, tst_jobtablefuzz) share: an allocation watch armed
// around each reader call (FuzzSupport.cpp replaces operator new for the whole test program),
// the seed and case count from the environment, byte helpers and the hostile numbers that have
// broken readers before.

#include <QByteArray>
#include <QtGlobal>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace conlab::fuzz {

// The allocation hooks' state, in FuzzSupport.cpp.
extern std::atomic<bool> g_armed;
extern std::atomic<std::size_t> g_largest;
extern std::atomic<std::size_t> g_limit;

// A reader may take what the file holds a few times over (a string, a vector), plus change;
// nothing more. The files here are a few KiB, so 1 MiB is far above honest and far below an
// allocation sized from a damaged count.
constexpr std::size_t kAllocationLimit = 1 << 20;
// A reader of a few KiB takes microseconds; this is slack for a loaded machine and sanitizers.
constexpr qint64 kSlowMs = 2000;

// Arms the allocation watch for one reader call.
class AllocationWatch
{
public:
    AllocationWatch()
    {
        g_largest = 0;
        g_limit = kAllocationLimit;
        g_armed = true;
    }
    ~AllocationWatch() { g_armed = false; }
    std::size_t largest() const { return g_largest; }
};

inline std::uint64_t seedFromEnvironment(std::uint64_t fallback)
{
    const QByteArray text = qgetenv("CONLAB_FUZZ_SEED");
    bool ok = false;
    const qulonglong seed = text.toULongLong(&ok);
    return ok ? seed : fallback;
}

inline int casesFromEnvironment(int fallback)
{
    bool ok = false;
    const int cases = qEnvironmentVariableIntValue("CONLAB_FUZZ_CASES", &ok);
    return ok && cases > 0 ? cases : fallback;
}

inline std::string hexPrefix(const std::string &bytes, std::size_t at = 0, std::size_t count = 48)
{
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = at; i < bytes.size() && i < at + count; ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

inline std::string u64Bytes(std::uint64_t v)
{
    return std::string(reinterpret_cast<const char *>(&v), sizeof v);
}

inline void writeBytes(const std::string &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

inline std::string readBytes(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Values that have broken readers before: the edges of every integer width, the documented
// limits and one past them, signs, exponents, hex and non-numbers.
inline const std::vector<std::string> kHostileNumbers = {"0",
                                                         "1",
                                                         "-1",
                                                         "7",
                                                         "127",
                                                         "128",
                                                         "129",
                                                         "16",
                                                         "17",
                                                         "4095",
                                                         "4096",
                                                         "1048575",
                                                         "1048576",
                                                         "2147483647",
                                                         "2147483648",
                                                         "4294967295",
                                                         "4294967296",
                                                         "9223372036854775807",
                                                         "9223372036854775808",
                                                         "18446744073709551615",
                                                         "18446744073709551616",
                                                         "99999999999999999999999999",
                                                         "-9223372036854775808",
                                                         "+5",
                                                         "-0",
                                                         "1e3",
                                                         "1e999",
                                                         "0x10",
                                                         "nan",
                                                         "inf",
                                                         "-inf",
                                                         "",
                                                         " ",
                                                         "1 2",
                                                         "\t3",
                                                         "3\r",
                                                         "\xff",
                                                         std::string("4\0", 2)};

inline bool printable(const std::string &text)
{
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return false;
    return true;
}

inline std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = text.find('\n', at);
        out.push_back(text.substr(at, end == std::string::npos ? std::string::npos : end - at));
        if (end == std::string::npos)
            break;
        at = end + 1;
    }
    return out;
}

inline std::string joined(const std::vector<std::string> &parts)
{
    std::string out;
    for (const auto &p : parts)
        out += p + '\n';
    return out;
}

} // namespace conlab::fuzz
