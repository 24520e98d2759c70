#include "ProcessResources.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

namespace conlab {

namespace {

std::string procPath(int pid, const char *file)
{
    return pid == 0 ? std::string("/proc/self/") + file
                    : "/proc/" + std::to_string(pid) + "/" + file;
}

// Sums the values (in kB) of the lines starting with any of `keys`; -1 if the file is gone.
std::int64_t sumKib(const std::string &path, std::initializer_list<const char *> keys)
{
    std::FILE *file = std::fopen(path.c_str(), "re");
    if (!file)
        return -1;
    std::int64_t total = 0;
    bool found = false;
    char line[256];
    while (std::fgets(line, sizeof line, file)) {
        for (const char *key : keys) {
            const std::size_t length = std::strlen(key);
            if (std::strncmp(line, key, length) != 0)
                continue;
            long long value = 0;
            if (std::sscanf(line + length, "%lld", &value) == 1) {
                total += value;
                found = true;
            }
        }
    }
    std::fclose(file);
    return found ? total : -1;
}

} // namespace

std::int64_t ProcessResources::residentKib(int pid)
{
    return sumKib(procPath(pid, "status"), {"VmRSS:"});
}

std::int64_t ProcessResources::privateKib(int pid)
{
    return sumKib(procPath(pid, "smaps_rollup"), {"Private_Clean:", "Private_Dirty:"});
}

int ProcessResources::openSockets()
{
    DIR *directory = opendir("/proc/self/fd");
    if (!directory)
        return -1;
    int sockets = 0;
    char target[64];
    while (const dirent *entry = readdir(directory)) {
        if (entry->d_name[0] == '.')
            continue;
        const std::string link = std::string("/proc/self/fd/") + entry->d_name;
        const ssize_t length = readlink(link.c_str(), target, sizeof target - 1);
        if (length > 0 && std::strncmp(target, "socket:", 7) == 0)
            ++sockets;
    }
    closedir(directory);
    return sockets;
}

bool ProcessResources::ensureOpenFiles(std::uint64_t needed, std::string *error)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        if (error)
            *error = std::string("getrlimit(RLIMIT_NOFILE): ") + std::strerror(errno);
        return false;
    }
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= needed)
        return true;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed) {
        if (error)
            *error = "needs " + std::to_string(needed) +
                     " open files, but the hard limit (RLIMIT_NOFILE, ulimit -Hn) is " +
                     std::to_string(limit.rlim_max) + "; raise it or use fewer clients";
        return false;
    }
    // An unlimited hard limit still caps descriptors at fs.nr_open, which refuses infinity.
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? rlim_t(needed) : limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
        if (error)
            *error = "needs " + std::to_string(needed) +
                     " open files; raising the soft RLIMIT_NOFILE to the hard limit failed: " +
                     std::strerror(errno);
        return false;
    }
    return true;
}

} // namespace conlab
