#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace conlab {

// Reading the kernel's /proc files, which are generated as they are read.
struct ProcFile
{
    // A small file whole (schedstat, stat, status, syscall), opened for this one reading: one
    // read() returns all of it. Empty if it cannot be read, with errno saying why.
    static std::string_view readOnce(const char *path, char *buffer, std::size_t size);
    // A file of any length (/proc/stat grows with the CPUs). False if it cannot be read.
    static bool readAll(const char *path, std::string &text);
};

} // namespace conlab
