#include "SelfExecutable.h"

#include <unistd.h>

namespace conlab {

std::string selfExecutablePath()
{
    char exe[4096];
    const ssize_t length = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (length <= 0)
        return {};
    return std::string(exe, std::size_t(length));
}

} // namespace conlab
