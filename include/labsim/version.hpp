// The labsim version, as `labsim --version` prints it and every JSON output and brief records it.
#pragma once

namespace labsim {

// The version string ("0.1.0"): the CMake project version the library was built with.
const char* version();

}  // namespace labsim
