// Options shared by the explore commands (mc, compare, sweep, sensitivity, solve).
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "labsim/explore.hpp"

namespace CLI {
class App;
}

namespace labsim::cli {

struct SamplingArgs {
  std::optional<std::size_t> samples;  // -n; not given: as labsim/explore.hpp's sample counts say
  std::uint64_t seed = 1;
  int threads = 0;          // 0: one per core
  std::string sampler = "random";
  std::vector<std::string> metrics;
  std::vector<int> years;   // --years: rows to print; empty: all
};
// Adds -n (1 to kMaxSamples), --seed, --threads and (unless told not to) --sampler to `app`.
void add_sampling_options(CLI::App& app, SamplingArgs& a, const std::string& n_help, bool with_sampler = true);
// Adds --metrics and --years (mc, compare).
void add_table_options(CLI::App& app, SamplingArgs& a);

// The options as MonteCarloOptions (kDefaultMonteCarloSamples when -n is not given). Throws
// InputError for an unknown metric (with a did-you-mean hint).
MonteCarloOptions monte_carlo_options(const SamplingArgs& a);
std::vector<Metric> parse_metrics(const std::vector<std::string>& names);

// Throws InputError when a --years value lies outside first..last.
void check_years(const std::vector<int>& years, int first, int last);

// `threads`, or one per core when 0.
int threads_or_cores(int threads);

// A progress line on stderr when it is a terminal and the work has run for over a second.
std::function<void(std::size_t, std::size_t)> progress_bar(const char* what);

// A table of statistics as --format asks: "json", "table" or (anything else) CSV.
std::string format_stats(const StatTable& table, const std::string& format);
// A sensitivity table as --format asks: "json" or CSV.
std::string format_sensitivity(const SensitivityTable& table, const std::string& format);

// Writes `content` to stdout, or atomically to `path` when it is not empty.
void emit(std::ostream& out, const std::string& path, const std::string& content);

}  // namespace labsim::cli
