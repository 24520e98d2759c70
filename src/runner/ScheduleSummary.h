#pragma once

#include <string>

namespace conlab {

class JobScheduling;
class JobTableRunner;
class JsonWriter;
struct Trace;

// The job-table lessons' part of the summary JSON: each job's waiting, turnaround and
// response time as measured on the trace and the averages; where a policy of ours decided
// (`model`), also CPU utilisation and the dispatch order, beside what the pure policy computes
// for the same table ("expected").
class ScheduleSummary
{
public:
    static void write(JsonWriter &json, const Trace &trace, const JobTableRunner &jobs,
                      const JobScheduling *model, const std::string &jobsPath);
};

} // namespace conlab
