#include "ProcessListing.h"

#include <algorithm>
#include <cctype>
#include <dirent.h>
#include <fstream>
#include <pwd.h>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace conlab {

namespace {

std::string readWhole(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string userName(uid_t uid)
{
    if (const passwd *entry = getpwuid(uid))
        return entry->pw_name;
    return std::to_string(uid);
}

} // namespace

std::vector<std::string> ProcessListing::commandOf(pid_t pid)
{
    std::istringstream text(readWhole("/proc/" + std::to_string(pid) + "/cmdline"));
    std::vector<std::string> words;
    for (std::string word; std::getline(text, word, '\0');)
        words.push_back(word);
    return words;
}

std::vector<ProcessListing::Process> ProcessListing::read()
{
    std::vector<Process> processes;
    DIR *proc = opendir("/proc");
    if (!proc)
        return processes;
    const uid_t me = getuid();
    while (const dirent *entry = readdir(proc)) {
        const std::string id = entry->d_name;
        if (id.empty() || !std::all_of(id.begin(), id.end(),
                                       [](unsigned char c) { return std::isdigit(c) != 0; }))
            continue;
        const std::string base = "/proc/" + id;
        struct stat info;
        if (stat(base.c_str(), &info) != 0)
            continue;
        const std::vector<std::string> words = commandOf(pid_t(std::stol(id)));
        if (words.empty())
            continue; // a kernel thread, or gone
        std::string command;
        for (const std::string &word : words)
            command += (command.empty() ? "" : " ") + word;
        Process process;
        process.pid = pid_t(std::stol(id));
        process.command = command;
        process.name = readWhole(base + "/comm");
        if (!process.name.empty() && process.name.back() == '\n')
            process.name.pop_back();
        std::istringstream status(readWhole(base + "/status"));
        for (std::string line; std::getline(status, line);)
            if (line.rfind("Threads:", 0) == 0)
                process.threads = std::atoi(line.c_str() + 8);
        process.user = userName(info.st_uid);
        process.mine = info.st_uid == me;
        processes.push_back(std::move(process));
    }
    closedir(proc);
    std::sort(processes.begin(), processes.end(),
              [](const Process &a, const Process &b) { return a.pid < b.pid; });
    return processes;
}

} // namespace conlab
