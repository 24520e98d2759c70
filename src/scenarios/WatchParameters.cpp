#include "WatchParameters.h"

#include "ScenarioParameters.h"

namespace conlab {

ParameterSpec WatchParameters::sample()
{
    return ScenarioParameters::integer("sample", "Sample every", "ms", 1, 100, 2,
                                       "How often each thread's state is read from /proc");
}

ParameterSpec WatchParameters::stall()
{
    return ScenarioParameters::real(
        "stall", "Stall warning after", "s", 0.1, 3600, 2,
        "Warn of a possible deadlock when every thread has waited on a lock this long");
}

} // namespace conlab
