/* The engine's C interface (issue 19): what the WebAssembly module exports, and what any program
 * that cannot link C++ may call. A resolved scenario (labsim resolve, labsim/scenario_json.hpp) in,
 * every metric of every institution and year out, as one array of doubles. One call at a time per
 * process (or per WebAssembly instance): the results live in the library until the next call. */
#ifndef LABSIM_ENGINE_C_H
#define LABSIM_ENGINE_C_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Runs the resolved scenario `json` (`length` bytes, UTF-8). Returns 0 when it ran, 1 when the
 * JSON or the scenario is refused (labsim_error() says where and why), 2 for an internal error
 * (a broken invariant; labsim_error() names it). */
int labsim_run_json(const char* json, size_t length);

/* After a successful run: the values, institution by institution in scenario order, then year by
 * year, then metric by metric in the order of labsim_layout()'s "metrics" (labsim metrics):
 * value(i, y, m) = labsim_values()[(i * years + y) * metrics + m]. NaN marks an undefined value. */
const double* labsim_values(void);
size_t labsim_values_count(void);

/* After a successful run: {"scenario": name, "first_year": Y, "years": N, "institutions":
 * [{"id", "name", "short_name", "kind"}], "metrics": [{"name", "unit"}]} as JSON. */
const char* labsim_layout(void);

/* After a failed run: the diagnostics as the command line prints them
 * ("s.json:3:14: error: economy.pue: expected a number, found a string"). */
const char* labsim_error(void);

/* Monte Carlo over the resolved scenario's uncertain inputs, as `labsim mc` draws them: `samples`
 * samples (1 to 1,000,000,000, kMaxSamples) from `seed` (a whole number below 2^53), summarising the metrics named
 * in `metrics` (comma-separated, as labsim metrics lists them; "" for labsim mc's default ones).
 * Returns 0, 1 or 2 as labsim_run_json. Not in the engine library alone: natively it is labsim_core's
 * (the sampler and the distributions), and the WebAssembly module has it. */
int labsim_mc_json(const char* json, size_t length, size_t samples, double seed, const char* metrics);

/* After a successful labsim_mc_json: six numbers (mean, then the 5th, 25th, 50th, 75th and 95th
 * percentiles) per institution, metric and year: stat k of (i, m, y) is
 * labsim_mc_values()[((i * metrics + m) * years + y) * 6 + k], NaN where no sample defined it. */
const double* labsim_mc_values(void);
size_t labsim_mc_values_count(void);

/* After a successful labsim_mc_json: {"samples": N, "first_year": Y, "years": N, "institutions":
 * [ids], "metrics": [names], "stats": ["mean", "p5", "p25", "p50", "p75", "p95"]} as JSON. */
const char* labsim_mc_layout(void);

/* The engine's version line ("labsim 0.1.0, model v1"). */
const char* labsim_version(void);

#ifdef __cplusplus
}
#endif

#endif
