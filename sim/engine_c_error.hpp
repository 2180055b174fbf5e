// Between the two halves of the engine's C interface (labsim/engine_c.h): the Monte Carlo half
// (sim/explore/mc_c_api.cpp) reports a refusal through the engine half's labsim_error().
#pragma once

#include <string>

namespace labsim::detail {

void set_c_error(const std::string& message);

}  // namespace labsim::detail
