#pragma once

#include <string>

namespace conlab {

class JobScheduling;
class JsonWriter;
struct Trace;

// The scheduling lessons' part of the summary JSON: each job's waiting, turnaround and
// response time as measured on the trace, the averages, CPU utilisation and the dispatch
// order, beside what the pure policy computes for the same table ("expected").
class ScheduleSummary
{
public:
    static void write(JsonWriter &json, const Trace &trace, const JobScheduling &jobs,
                      const std::string &jobsPath);
};

} // namespace conlab
