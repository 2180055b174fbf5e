// The explorer's API (issue 18, `labsim serve`): each endpoint as a function of its request, so
// that the HTTP server is a thin shell over them and tests need no network. Every answer is what
// the command line gives for the same inputs, byte for byte.
#pragma once

#include <string>
#include <vector>

namespace labsim {

struct ApiResponse {
  int status = 200;          // 200, or 400 for a bad request (the body then says why)
  std::string content_type;  // "application/json", "text/csv"
  std::string body;
};

// GET /api/inputs: every input of the scenario at `path` that sweep, solve and the explorer can
// vary, in scenario order: {"inputs": [{"path", "label" (plain words), "quantity", "value" and
// "lower"/"upper" (written units: a share as a fraction, a growth as a factor), "distribution"
// (as written, or null), "institution" (id, or null)}]}.
ApiResponse api_inputs(const std::string& path);

// GET /api/run?set=PATH=VALUE&...&format=csv|json: exactly what `labsim run PATH --set ...
// --format FORMAT` prints. A bad scenario, set or format is a 400 whose JSON body lists the
// diagnostics: {"errors": [{"file", "line", "column", "path", "message", "hint"}]}.
ApiResponse api_run(const std::string& path, const std::vector<std::string>& sets, const std::string& format);

}  // namespace labsim
