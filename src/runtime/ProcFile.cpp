#include "ProcFile.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace conlab {

std::string_view ProcFile::readOnce(const char *path, char *buffer, std::size_t size)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    const ssize_t n = ::read(fd, buffer, size - 1);
    // A caller tells "not allowed" from "gone" by errno: close() must not change it.
    const int error = errno;
    ::close(fd);
    errno = error;
    return n > 0 ? std::string_view(buffer, std::size_t(n)) : std::string_view();
}

bool ProcFile::readAll(const char *path, std::string &text)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    text.clear();
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0)
        text.append(buffer, std::size_t(got));
    ::close(fd);
    return got == 0;
}

} // namespace conlab
