#include "ThreadProbe.h"

#include "ProcFile.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace conlab {

namespace {

// The next space-separated word of `rest`.
std::string_view nextWord(std::string_view &rest)
{
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    const auto space = rest.find(' ');
    const std::string_view word = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space);
    return word;
}

template <class T> bool toNumber(std::string_view text, T &value, int base = 10)
{
    if (base == 16 && text.substr(0, 2) == "0x")
        text.remove_prefix(2);
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value, base);
    return result.ec == std::errc();
}

} // namespace

ThreadProbe::ThreadProbe(pid_t pid, pid_t tid) : m_pid(pid), m_tid(tid) {}

ThreadProbe::~ThreadProbe()
{
    if (m_schedstat >= 0)
        ::close(m_schedstat);
    if (m_stat >= 0)
        ::close(m_stat);
    if (m_syscall >= 0)
        ::close(m_syscall);
}

std::string_view ThreadProbe::readFile(int &fd, const char *name, char *buffer, std::size_t size)
{
    if (fd < 0) {
        char path[96];
        std::snprintf(path, sizeof path, "/proc/%d/task/%d/%s", int(m_pid), int(m_tid), name);
        fd = ::open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return {};
    }
    const ssize_t n = ::pread(fd, buffer, size - 1, 0);
    return n > 0 ? std::string_view(buffer, std::size_t(n)) : std::string_view();
}

bool ThreadProbe::readSchedStat(SchedStat &out)
{
    char buffer[128];
    return SchedStat::parse(readFile(m_schedstat, "schedstat", buffer, sizeof buffer), out);
}

bool ThreadProbe::readStatus(Status &out)
{
    char buffer[1024];
    return parseStatus(readFile(m_stat, "stat", buffer, sizeof buffer), out);
}

ThreadProbe::Call ThreadProbe::readCall()
{
    char buffer[256];
    // The ptrace check is made at each read, not only at open: a kept descriptor asks anew.
    const std::string_view text = readFile(m_syscall, "syscall", buffer, sizeof buffer);
    if (text.empty()) {
        Call call;
        // Reading another user's or a non-descendant's system call needs ptrace rights.
        call.kind = errno == EACCES || errno == EPERM ? Call::Kind::Denied : Call::Kind::Gone;
        return call;
    }
    return parseCall(text);
}

std::string ThreadProbe::readWchan()
{
    char path[96];
    char buffer[128];
    std::snprintf(path, sizeof path, "/proc/%d/task/%d/wchan", int(m_pid), int(m_tid));
    return std::string(ProcFile::readOnce(path, buffer, sizeof buffer));
}

std::string ThreadProbe::descriptorTarget(std::uint64_t fd) const
{
    if (fd > 1u << 30)
        return {};
    char path[96];
    char target[256];
    std::snprintf(path, sizeof path, "/proc/%d/fd/%llu", int(m_pid),
                  static_cast<unsigned long long>(fd));
    const ssize_t n = ::readlink(path, target, sizeof target - 1);
    return n > 0 ? std::string(target, std::size_t(n)) : std::string();
}

bool ThreadProbe::parseStatus(std::string_view line, Status &out)
{
    // "tid (comm) S ppid ...": the command may hold spaces and parentheses, so it runs to the
    // last ')'.
    const auto open = line.find('(');
    const auto close = line.rfind(')');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return false;
    out.comm = std::string(line.substr(open + 1, close - open - 1));
    std::string_view rest = line.substr(close + 1);
    const std::string_view state = nextWord(rest);
    if (state.size() != 1)
        return false;
    out.state = state.front();
    if (!toNumber(nextWord(rest), out.ppid))
        return false;
    // Field 52, the exit status, is the last; older kernels stop earlier.
    out.exitStatus = 0;
    for (int field = 5; !rest.empty(); ++field) {
        const std::string_view word = nextWord(rest);
        if (field == 52) {
            int status = 0;
            if (toNumber(word, status))
                out.exitStatus = status;
            break;
        }
    }
    return true;
}

ThreadProbe::Call ThreadProbe::parseCall(std::string_view text)
{
    Call call;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    if (text == "running") {
        call.kind = Call::Kind::Running;
        return call;
    }
    std::string_view rest = text;
    if (!toNumber(nextWord(rest), call.number)) {
        call.kind = Call::Kind::Gone;
        return call;
    }
    // "-1 sp pc": blocked, but not in a system call (a page fault, say).
    if (call.number < 0) {
        call.kind = Call::Kind::NotInCall;
        return call;
    }
    call.kind = Call::Kind::InCall;
    for (std::uint64_t &argument : call.arguments)
        if (!toNumber(nextWord(rest), argument, 16))
            break;
    return call;
}

} // namespace conlab
