#include "Scenario.h"

#include "runtime/WorkerContext.h"

namespace conlab {

bool Scenario::workersAreProcesses(const ParameterSet &values) const
{
    for (const auto &entry : values.values())
        if (entry.first == "kind")
            return entry.second == "process";
    return false;
}

void Scenario::joinWorkersThenExit(WorkerContext &main, std::uint32_t count)
{
    bool ok = true;
    for (std::uint32_t id = 1; id <= count && ok; ++id)
        ok = main.join(id);
    main.exit(ok && !main.shouldStop() ? ExitCause::Normal : main.stopCause());
}

TraceMeta Scenario::baseMeta(const ParameterSet &values) const
{
    TraceMeta meta;
    meta.scenario = info().id;
    meta.title = info().title;
    meta.params = values.values();
    // Without a "cpus" parameter no virtual CPU stands between the workers and the kernel.
    meta.cpus = values.has("cpus") ? std::uint32_t(values.integer("cpus")) : 0;
    meta.timeScale = values.real("time-scale");
    meta.workers.push_back({0, "main", "main"});
    return meta;
}

void Scenario::writeSummary(JsonWriter &, const Trace &) const {}

std::vector<std::pair<std::string, std::int64_t>> Scenario::figures(const Trace &) const
{
    return {};
}

ParameterSpec Scenario::timeScaleParameter()
{
    ParameterSpec spec;
    spec.name = "time-scale";
    spec.label = "Time scale";
    spec.unit = "x";
    spec.help = "Multiplies every duration: below 1 runs faster, above 1 slows the run down "
                "for a class.";
    spec.type = ParameterSpec::Type::Real;
    spec.minimum = 0.01;
    spec.maximum = 10;
    spec.defaultValue = 1;
    return spec;
}

ParameterSpec Scenario::cpusParameter()
{
    ParameterSpec spec;
    spec.name = "cpus";
    spec.label = "Virtual CPUs";
    spec.unit = "CPUs";
    spec.help = "How many workers may run at once. Compute only happens while holding one; "
                "the others wait ready.";
    spec.type = ParameterSpec::Type::Integer;
    spec.minimum = 1;
    spec.maximum = 8;
    spec.defaultValue = 1;
    return spec;
}

ParameterSpec Scenario::kindParameter()
{
    ParameterSpec spec;
    spec.name = "kind";
    spec.label = "Workers are";
    spec.help = "Threads of one process, or separate processes spawned from the runner and "
                "sharing memory only through the run's arena.";
    spec.type = ParameterSpec::Type::Choice;
    spec.choices = {"thread", "process"};
    spec.choiceLabels = {"threads", "processes"};
    return spec;
}

} // namespace conlab
