#pragma once

#include "ParameterSpec.h"

#include <vector>

namespace conlab {

// The parameters of watching a program (`--exec`, `--attach`): how often it is sampled and
// when a stall is called a possible deadlock. The runner's watch mode and the catalogue's
// real-Python lessons offer the same two, with the same names and ranges.
class WatchParameters
{
public:
    static ParameterSpec sample();
    static ParameterSpec stall();
    static std::vector<ParameterSpec> all() { return {sample(), stall()}; }
};

} // namespace conlab
