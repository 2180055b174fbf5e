// The labsim version, as `labsim --version` prints it and every JSON output and brief records it.
#pragma once

#include <string>

namespace labsim {

// The version string ("0.1.0"): the CMake project version the library was built with.
const char* version();

// The model's version ("v1", docs/model.md): it changes when an equation does.
const char* model_version();

// The vintage of the data the built-in catalog and the calibration rest on: the newest of the
// dated sources they cite (Epoch AI's hardware prices, 2026-04).
const char* data_vintage();

// What `labsim --version` prints: "labsim 0.1.0 (model v1; catalog and calibration data as of 2026-04)".
std::string version_line();

}  // namespace labsim
