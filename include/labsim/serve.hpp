// The explorer's API (issue 18, `labsim serve`): each endpoint as a function of its request, so
// that the HTTP server is a thin shell over them and tests need no network. Every answer is what
// the command line gives for the same inputs, byte for byte.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace labsim {

struct ApiResponse {
  int status = 200;          // 200, or 400 for a bad request (the body then says why)
  std::string content_type;  // "application/json", "text/csv"
  std::string body;
};

// GET /api/inputs: every input of the scenario at `path` that sweep, solve and the explorer can
// vary, in scenario order, but the catalog's (`--set` does not reach the built-in catalog): {"scenario": path, "inputs": [{"path", "label" (plain words), "quantity", "value" and
// "lower"/"upper" (written units: a share as a fraction, a growth as a factor), "suffix" (what
// set= needs after the number: "x/yr" for a growth factor, else ""), "distribution"
// (as written, or null), "institution" (id, or null)}]}.
ApiResponse api_inputs(const std::string& path);

// GET /api/run?set=PATH=VALUE&...&format=csv|json: exactly what `labsim run PATH --set ...
// --format FORMAT` prints. A bad scenario, set or format is a 400 whose JSON body lists the
// diagnostics: {"errors": [{"file", "line", "column", "path", "message", "hint"}]}.
ApiResponse api_run(const std::string& path, const std::vector<std::string>& sets, const std::string& format);

// A request's query, as written (each value %-decoded): what the endpoints below read.
struct ApiQuery {
  std::vector<std::string> sets;     // set=PATH=VALUE, in order
  std::string format = "json";       // format=csv|json
  std::vector<std::string> metrics;  // metrics=a,b,...: empty, the command's default
  std::string samples;               // n= (mc): empty, kApiDefaultSamples
  std::string seed;                  // seed= (mc): empty, 1
};

// The Monte Carlo samples /api/mc draws when n= is not given, and the most it accepts.
inline constexpr std::size_t kApiDefaultSamples = 2000;
inline constexpr std::size_t kApiMaxSamples = 100'000;

// GET /api/compare?set=...&metrics=...&format=csv|json: what `labsim compare BASELINE OVERLAY
// --metrics ... --format ...` prints, where OVERLAY is /api/overlay's file for the same sets (the
// scenario at `path` with them). `baseline` is serve's --baseline file, or when empty the
// scenario at `path` without the sets: the view the explorer opened with.
ApiResponse api_compare(const std::string& baseline, const std::string& path, const ApiQuery& query);

// GET /api/mc?set=...&n=2000&seed=S&metrics=...&format=csv|json: what `labsim mc PATH --set ... -n N
// --seed S --metrics ... --format ...` prints (any thread count gives the same bytes). n is 1 to
// kApiMaxSamples.
ApiResponse api_mc(const std::string& path, const ApiQuery& query);

// GET /api/brief?set=...: the PDF that `labsim brief PATH [--baseline BASELINE] --set ... -o brief`
// writes as brief/brief.pdf ("application/pdf"; its stamp names that command); `baseline` may be
// empty.
ApiResponse api_brief(const std::string& path, const std::string& baseline, const ApiQuery& query);

// GET /api/overlay?set=...: scenario_overlay (labsim/loader.hpp) as "application/yaml", the
// explorer's "Download YAML".
ApiResponse api_overlay(const std::string& path, const ApiQuery& query);

// The static explorer (labsim explore, labsim brief --interactive): the explorer's page as one
// self-contained HTML file that runs labsim's engine in the browser (WebAssembly, embedded: it
// works from file:// and from any static host, with no server and no network). It holds the
// scenario resolved to JSON (labsim/scenario_json.hpp), the baseline's when given, /api/inputs'
// list and, for each input, where its number lives in that JSON.
struct StaticExplorer {
  std::string scenario;               // file path
  std::string baseline;               // file path, or empty: the scenario as opened
  std::vector<std::string> sets;      // the state the page opens with when its URL has none
  std::vector<std::string> inputs;    // the paths it offers (those that are inputs); empty: every input
  std::string engine_js, engine_wasm; // scripts/build-wasm's labsim_engine.js and .wasm
  std::string mc_js, mc_wasm;         // labsim_engine_mc's, or empty: no Monte Carlo bands; with
                                      // them the page computes labsim mc -n 2000 --seed 1's bands
                                      // in a Web Worker
};

// The page. Throws InputError for a bad scenario or set.
std::string static_explorer(const StaticExplorer& page);

}  // namespace labsim
