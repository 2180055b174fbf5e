#include "cli/explore_args.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ostream>
#include <sstream>
#include <thread>

#include "labsim/diagnostics.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

void add_sampling_options(CLI::App& app, SamplingArgs& a, const std::string& n_help, bool with_sampler) {
  app.add_option("-n", a.samples, n_help)->check(CLI::Range(std::size_t{1}, kMaxSamples));
  app.add_option("--seed", a.seed, "Random seed (default 1); the same seed gives the same results");
  app.add_option("--threads", a.threads, "Worker threads (default: one per core); results do not depend on it")
      ->check(CLI::Range(1, 256));
  if (!with_sampler) return;
  app.add_option("--sampler", a.sampler, "random, lhs (Latin hypercube) or sobol (default random)")
      ->check(CLI::IsMember({"random", "lhs", "sobol"}));
}

void add_table_options(CLI::App& app, SamplingArgs& a) {
  app.add_option("--metrics", a.metrics, "Metrics to summarise (default: compute.h100_hours, "
                                         "compute.h100_hours_per_researcher, compute.largest_run_flop, talent.headcount)")
      ->delimiter(',');
  app.add_option("--years", a.years, "Print only these years (comma-separated; default all)")->delimiter(',');
}

std::vector<Metric> parse_metrics(const std::vector<std::string>& names) {
  std::vector<Metric> metrics;
  std::vector<Diagnostic> problems;
  const std::vector<std::string>& known = metric_names();
  for (const std::string& name : names) {
    Metric m = find_metric(name);
    if (m != Metric::kCount) {
      metrics.push_back(m);
      continue;
    }
    Diagnostic d;
    d.path = "--metrics";
    d.message = fmt::format("unknown metric \"{}\"", name);
    std::string hint = unknown_metric_hint(name);
    d.hint = hint.empty() ? "metrics: " + fmt::format("{}", fmt::join(known, ", ")) : hint;
    problems.push_back(d);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return metrics;
}

MonteCarloOptions monte_carlo_options(const SamplingArgs& a) {
  MonteCarloOptions o;
  o.samples = a.samples.value_or(kDefaultMonteCarloSamples);
  o.seed = a.seed;
  o.threads = threads_or_cores(a.threads);
  o.sampling = a.sampler == "lhs" ? Sampling::kLhs : a.sampler == "sobol" ? Sampling::kSobol : Sampling::kRandom;
  o.metrics = parse_metrics(a.metrics);
  return o;
}

void check_years(const std::vector<int>& years, int first, int last) {
  for (int y : years)
    if (y < first || y > last) {
      Diagnostic d;
      d.path = "--years";
      d.message = fmt::format("{} is outside the scenario's years {}-{}", y, first, last);
      throw InputError({d});
    }
}

int threads_or_cores(int threads) {
  return threads ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::function<void(std::size_t, std::size_t)> progress_bar(const char* what) {
  if (!::isatty(STDERR_FILENO)) return {};
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  auto last = start;
  return [=](std::size_t done, std::size_t total) mutable {
    auto now = Clock::now();
    if (now - start < std::chrono::seconds(1) || (now - last < std::chrono::milliseconds(200) && done < total)) return;
    last = now;
    std::fprintf(stderr, "\r%s", progress_line(what, done, total).c_str());
    if (done >= total) std::fprintf(stderr, "\n");
    std::fflush(stderr);
  };
}

std::string format_stats(const StatTable& table, const std::string& format) {
  std::ostringstream text;
  if (format == "json") write_stat_json(text, table);
  else if (format == "table") write_stat_table(text, table);
  else write_stat_csv(text, table);
  return text.str();
}

std::string format_sensitivity(const SensitivityTable& table, const std::string& format) {
  std::ostringstream text;
  if (format == "json") write_sensitivity_json(text, table);
  else write_sensitivity_csv(text, table);
  return text.str();
}

void emit(std::ostream& out, const std::string& path, const std::string& content) {
  if (path.empty()) out << content;
  else write_file_atomic(path, content);
}

}  // namespace labsim::cli
