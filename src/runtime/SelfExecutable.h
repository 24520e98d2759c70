#pragma once

#include <string>

namespace conlab {

// This program's own file, to exec it again (worker mode, the start-cost probe); empty if the
// kernel will not say.
std::string selfExecutablePath();

} // namespace conlab
