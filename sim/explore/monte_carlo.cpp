// Monte Carlo and policy comparison: one sampled loop for one or two scenarios.
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <ostream>

#include "explore/mc_study.hpp"
#include "explore/mc_worker.hpp"
#include "explore/parallel.hpp"
#include "explore/sampler.hpp"
#include "explore/sketch.hpp"
#include "explore/space.hpp"
#include "explore/input_error.hpp"
#include "labsim/explore.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

using explore::InputSpace;
using explore::Layout;
using explore::McWorker;
using explore::QuantileSketch;
using explore::Sampler;

// Chunks are worked on in rounds of this many, each round's sums folded in order before the
// next starts: memory stays flat in N.
constexpr std::size_t kRoundChunks = 64;

void check_samples(const MonteCarloOptions& o) {
  if (o.samples > kMaxSamples)
    explore::input_error("-n", fmt::format("{} samples is more than labsim runs; at most {}", o.samples, kMaxSamples),
                         "a few thousand samples give percentiles to about 1%");
}

// The scenarios, once the sample count is checked (before their input space is built).
const std::vector<const Scenario*>& checked(const std::vector<const Scenario*>& scenarios, const MonteCarloOptions& o) {
  check_samples(o);
  return scenarios;
}

StatTable sampled(const std::vector<const Scenario*>& scenarios, const MonteCarloOptions& o,
                  const std::vector<Metric>& metrics) {
  explore::McStudy study(scenarios, o, metrics);
  std::vector<double> total(study.cells(), 0.0);
  auto sketches = study.run(0, study.chunks(), [&](std::size_t, std::span<const double> sums) {
    for (size_t c = 0; c < total.size(); ++c) total[c] += sums[c];
  });
  return study.finish(total, sketches);
}

}  // namespace

namespace explore {

std::vector<std::string> stat_columns(size_t scenarios) {
  if (scenarios == 1) return {"value"};
  if (scenarios == 2) return {"baseline", "policy", "difference"};
  return {"baseline", "policy", "difference", "equal_cost", "policy_vs_equal_cost"};
}

McStudy::McStudy(const std::vector<const Scenario*>& scenarios, const MonteCarloOptions& o,
                 const std::vector<Metric>& metrics)
    : scenarios_(scenarios), options_(o), metrics_(metrics), space_(checked(scenarios, o)) {
  if (space_.dims() == 0) {
    explore::input_error(scenarios.front()->name, "the scenario has no uncertain inputs: Monte Carlo would repeat one run",
                         "give an input as a distribution, e.g. mfu: {normal: [35%, 5%]} (docs/uncertainty.md)");
  }
  layout_ = explore::layout(scenarios);
  const Scenario& base = *scenarios.front();
  StatTable& t = header_;
  t.scenario = scenarios.size() == 1 ? base.name : fmt::format("{} vs {}", scenarios[1]->name, base.name);
  t.institutions = layout_.ids;
  t.metrics = metrics;
  t.first_year = base.first_year;
  t.last_year = base.last_year;
  t.columns = stat_columns(scenarios.size());
  t.samples = o.samples;
  cells_ = layout_.ids.size() * metrics.size() * static_cast<size_t>(t.year_count()) * t.columns.size();
}

std::vector<QuantileSketch> McStudy::run(size_t first_chunk, size_t last_chunk,
                                         const std::function<void(size_t, std::span<const double>)>& fold) const {
  const MonteCarloOptions& o = options_;
  Sampler sampler(explore::sampler_kind(o.sampling), o.seed, o.samples, space_.dims());
  int threads = std::max(1, o.threads);
  // Each worker builds its own state on its own thread: its memory then comes from that
  // thread's allocator arena, and no cache line is shared between workers.
  std::vector<std::unique_ptr<McWorker>> workers(static_cast<size_t>(threads));
  std::vector<double> sums(kRoundChunks * cells_);
  const size_t begin = first_chunk * kStatChunk, end = std::min(o.samples, last_chunk * kStatChunk);
  const size_t round_samples = kRoundChunks * kStatChunk;
  for (size_t first = begin; first < end; first += round_samples) {
    const size_t n = std::min(round_samples, end - first);
    std::fill(sums.begin(), sums.end(), 0.0);
    explore::for_chunks(n, kStatChunk, threads, [&](int wi, size_t chunk, size_t from, size_t to) {
      std::unique_ptr<McWorker>& slot = workers[static_cast<size_t>(wi)];
      if (!slot) slot = std::make_unique<McWorker>(scenarios_, space_, layout_, metrics_);
      double* sum = sums.data() + chunk * cells_;
      slot->sample(sampler, first + from, first + to, sum, o.block > 0 ? static_cast<size_t>(o.block) : kBlockLanes);
    }, [&](size_t done) { if (o.progress) o.progress(first - begin + done, end - begin); });
    const size_t chunks = (n + kStatChunk - 1) / kStatChunk;
    for (size_t k = 0; k < chunks; ++k)
      fold(first / kStatChunk + k, std::span<const double>(sums.data() + k * cells_, cells_));
  }
  std::vector<QuantileSketch> all(cells_, QuantileSketch(kQuantileAccuracy));
  for (size_t c = 0; c < cells_; ++c)
    for (const auto& w : workers)
      if (w) all[c].merge(w->sketch(c));
  return all;
}

StatTable McStudy::finish(std::span<const double> total, const std::vector<QuantileSketch>& sketches) const {
  return finish_stats(header_, total, sketches);
}

StatTable finish_stats(StatTable t, std::span<const double> total, const std::vector<QuantileSketch>& sketches) {
  t.cells.resize(sketches.size());
  for (size_t c = 0; c < sketches.size(); ++c) {
    Summary& s = t.cells[c];
    s.defined = sketches[c].count();
    s.mean = s.defined ? total[c] / static_cast<double>(s.defined) : kUndefined;
    for (size_t p = 0; p < kPercentiles.size(); ++p) s.percentiles[p] = sketches[c].quantile(kPercentiles[p] / 100);
  }
  return t;
}

}  // namespace explore

const char* to_string(Sampling s) {
  switch (s) {
    case Sampling::kLhs: return "lhs";
    case Sampling::kSobol: return "sobol";
    default: return "random";
  }
}

const std::vector<Metric>& default_tracked_metrics() {
  static const std::vector<Metric> metrics = {Metric::kComputeH100Hours, Metric::kComputeH100HoursPerResearcher,
                                              Metric::kComputeLargestRunFlop, Metric::kTalentHeadcount};
  return metrics;
}

const Summary& StatTable::at(size_t institution, size_t metric, int year_index, size_t column) const {
  size_t years = static_cast<size_t>(year_count());
  return cells[((institution * metrics.size() + metric) * years + static_cast<size_t>(year_index)) * columns.size() +
               column];
}

StatTable monte_carlo(const Scenario& scenario, const MonteCarloOptions& o) {
  return sampled({&scenario}, o, o.metrics.empty() ? default_tracked_metrics() : o.metrics);
}

namespace {

// compare() of two or three scenarios (the third: the equal-cost counterfactual).
StatTable compare_all(const std::vector<const Scenario*>& scenarios, const std::optional<MonteCarloOptions>& o,
                      const std::vector<Metric>& metrics_in) {
  const Scenario& baseline = *scenarios[0];
  for (size_t k = 1; k < scenarios.size(); ++k) {
    const Scenario& other = *scenarios[k];
    if (baseline.first_year != other.first_year || baseline.last_year != other.last_year) {
      explore::input_error("scenario.years",
                           fmt::format("the baseline covers {}-{} and the policy {}-{}: compare needs the same years",
                                       baseline.first_year, baseline.last_year, other.first_year, other.last_year));
    }
  }
  const std::vector<Metric>& metrics =
      !metrics_in.empty() ? metrics_in : o && !o->metrics.empty() ? o->metrics : default_tracked_metrics();
  if (o) return sampled(scenarios, *o, metrics);
  // Deterministic: the nominal run of each, one "sample".
  StatTable t;
  Layout l = explore::layout(scenarios);
  std::vector<Trajectory> runs;
  for (const Scenario* s : scenarios) runs.push_back(run(*s));
  std::vector<const Trajectory*> run_ptrs;
  for (const Trajectory& r : runs) run_ptrs.push_back(&r);
  t.scenario = fmt::format("{} vs {}", scenarios[1]->name, baseline.name);
  t.institutions = l.ids;
  t.metrics = metrics;
  t.first_year = baseline.first_year;
  t.last_year = baseline.last_year;
  t.columns = explore::stat_columns(scenarios.size());
  t.samples = 1;
  std::vector<double> values(l.ids.size() * metrics.size() * static_cast<size_t>(t.year_count()) * t.columns.size());
  explore::sample_values(run_ptrs, l, metrics, t.year_count(), values);
  for (double v : values) {
    Summary s;
    s.mean = v;
    s.percentiles.fill(v);
    s.defined = is_defined(v) ? 1 : 0;
    t.cells.push_back(s);
  }
  return t;
}

}  // namespace

StatTable compare(const Scenario& baseline, const Scenario& policy, const std::optional<MonteCarloOptions>& o,
                  const std::vector<Metric>& metrics) {
  return compare_all({&baseline, &policy}, o, metrics);
}

StatTable compare(const Scenario& baseline, const Scenario& policy, const Scenario& equal_cost,
                  const std::optional<MonteCarloOptions>& o, const std::vector<Metric>& metrics) {
  return compare_all({&baseline, &policy, &equal_cost}, o, metrics);
}

void write_draws(std::ostream& out, const Scenario& scenario, const MonteCarloOptions& o) {
  check_samples(o);
  InputSpace space({&scenario});
  Sampler sampler(explore::sampler_kind(o.sampling), o.seed, o.samples, space.dims());
  out << "sample";
  for (const std::string& p : space.paths()) out << ',' << p;
  out << '\n';
  // Each value as --set takes it for its key, so that a line replays its sample exactly.
  Scenario bound = scenario;
  std::vector<io::Field> fields;
  for (const auto& in : space.inputs(0)) fields.push_back(io::bind_field(bound, in.source->path));
  std::vector<double> u(static_cast<size_t>(space.dims()));
  for (size_t i = 0; i < o.samples; ++i) {
    sampler.point(i, u);
    out << i;
    for (size_t k = 0; k < fields.size(); ++k) {
      const auto& in = space.inputs(0)[k];
      out << ',' << io::set_text(fields[k], in.distribution.quantile(u[static_cast<size_t>(in.dim)]));
    }
    out << '\n';
  }
}

std::string progress_line(std::string_view what, std::size_t done, std::size_t total) {
  int width = 30;
  int filled = static_cast<int>(static_cast<double>(width) * static_cast<double>(done) / static_cast<double>(total));
  return fmt::format("{} [{}{}] {:3d}% {} of {} samples", what, std::string(static_cast<size_t>(filled), '='),
                     std::string(static_cast<size_t>(width - filled), ' '),
                     static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total)),
                     text::group_thousands(std::to_string(done)), text::group_thousands(std::to_string(total)));
}

}  // namespace labsim
