// Sensitivity of one metric of a scenario: designs from sensitivity.hpp, evaluated in parallel.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <ostream>

#include "explore/parallel.hpp"
#include "explore/sensitivity.hpp"
#include "explore/sensitivity_study.hpp"
#include "explore/space.hpp"
#include "explore/input_error.hpp"
#include "labsim/explore.hpp"
#include "labsim/version.hpp"
#include "text/csv.hpp"
#include "text/json.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

using explore::Design;

constexpr int kMorrisLevels = 4;

// Morris grid levels {0, 1/3, 2/3, 1} moved to the centres of four equal-probability bins, so
// unbounded distributions give finite values.
double morris_u(double grid) { return (grid * (kMorrisLevels - 1) + 0.5) / kMorrisLevels; }

// Outputs of every design row for the chosen years: y[year][row].
std::vector<std::vector<double>> evaluate(const Scenario& s, const explore::InputSpace& space, const Design& d,
                                          size_t institution, const std::vector<int>& year_indices, Metric metric,
                                          bool morris, int threads) {
  std::vector<std::vector<double>> y(year_indices.size(), std::vector<double>(d.rows()));
  const auto workers_count = static_cast<size_t>(std::max(1, threads));
  // Each worker: a block evaluator and the points of one block of rows.
  std::vector<std::unique_ptr<explore::BlockEvaluator>> workers;
  std::vector<std::array<std::vector<double>, kBlockLanes>> u(workers_count);
  std::vector<std::array<std::span<const double>, kBlockLanes>> points(workers_count);
  for (size_t w = 0; w < workers_count; ++w) {
    workers.push_back(std::make_unique<explore::BlockEvaluator>(s, space, 0));
    workers.back()->record_only(std::span<const Metric>(&metric, 1));
    for (size_t l = 0; l < kBlockLanes; ++l) {
      u[w][l].resize(static_cast<size_t>(d.dims));
      points[w][l] = u[w][l];
    }
  }
  explore::for_chunks(d.rows(), 64, threads, [&](int wi, size_t, size_t begin, size_t end) {
    const auto w = static_cast<size_t>(wi);
    for (size_t first = begin; first < end; first += kBlockLanes) {
      const size_t n = std::min<size_t>(kBlockLanes, end - first);
      for (size_t l = 0; l < n; ++l) {
        std::span<const double> row = d.row(first + l);
        for (size_t j = 0; j < row.size(); ++j) u[w][l][j] = morris ? morris_u(row[j]) : row[j];
      }
      workers[w]->run(std::span<const std::span<const double>>(points[w].data(), n));
      for (size_t l = 0; l < n; ++l) {
        const Trajectory& t = workers[w]->trajectory(static_cast<int>(l));
        for (size_t k = 0; k < year_indices.size(); ++k) y[k][first + l] = t.institutions[institution].at(year_indices[k], metric);
      }
    }
  });
  return y;
}

}  // namespace

namespace explore {

SensitivityStudy::SensitivityStudy(const Scenario& s, const SensitivityOptions& o)
    : scenario_(s), options_(o), space_({&s}) {
  dims_ = space_.dims();
  if (dims_ == 0)
    explore::input_error(s.name, "the scenario has no uncertain inputs to rank",
        "give inputs as distributions, e.g. mfu: {normal: [35%, 5%]} (docs/uncertainty.md)");
  auto inst = std::find_if(s.institutions.begin(), s.institutions.end(), [&](const Institution& i) { return i.id == o.institution; });
  if (inst == s.institutions.end()) {
    std::vector<std::string> ids;
    for (const Institution& i : s.institutions) ids.push_back(i.id);
    explore::input_error("--institution", fmt::format("unknown institution \"{}\"", o.institution),
        fmt::format("institutions: {}", fmt::join(ids, ", ")));
  }
  institution_ = static_cast<size_t>(inst - s.institutions.begin());
  int year = o.year ? o.year : s.last_year;
  if (year < s.first_year || year > s.last_year)
    explore::input_error("--year", fmt::format("expected a year from {} to {}, found {}", s.first_year, s.last_year, year));
  if (o.per_year) for (int y = s.first_year; y <= s.last_year; ++y) years_.push_back(y);
  else years_.push_back(year);
  for (int y : years_) year_indices_.push_back(y - s.first_year);
  header_.method = o.method;
  header_.metric = metric_info(o.metric).name;
  header_.institution = o.institution;
  switch (o.method) {
    case SensitivityMethod::kTornado: header_.columns = {"low", "high", "swing"}; break;
    case SensitivityMethod::kMorris: header_.columns = {"mu_star", "sigma"}; break;
    case SensitivityMethod::kSobol: header_.columns = {"first_order", "first_order_ci", "total", "total_ci"}; break;
  }
  if (o.method == SensitivityMethod::kSobol) {
    base_rows_ = o.samples.value_or(kDefaultSobolSamples);
    if (base_rows_ < 1 || base_rows_ > kMaxSamples)
      explore::input_error("-n", fmt::format("expected 1 to {} base samples, found {}", kMaxSamples, base_rows_));
    chunk_rows_ = sobol_chunk_rows(base_rows_);
    header_.evaluations = base_rows_ * static_cast<size_t>(dims_ + 2);
  }
}

std::vector<std::vector<double>> SensitivityStudy::outputs(const Design& d) const {
  return evaluate(scenario_, space_, d, institution_, year_indices_, options_.metric,
                  options_.method == SensitivityMethod::kMorris, options_.threads);
}

std::vector<double> SensitivityStudy::sobol_shift() const {
  // f_A of base row 0 for each year: one run, the same in every process.
  Design a0 = sobol_design(dims_, base_rows_, options_.seed, 0, 1);
  a0.points.resize(static_cast<size_t>(dims_));
  std::vector<double> shift;
  for (const auto& y : outputs(a0)) shift.push_back(y[0]);
  return shift;
}

void SensitivityStudy::run_sobol(size_t first, size_t last,
                                 const std::function<void(size_t, size_t, const SobolSums&)>& fold) const {
  const std::vector<double> shift = sobol_shift();
  for (size_t c = first; c < last; ++c) {
    const size_t begin = c * chunk_rows_, end = std::min(base_rows_, begin + chunk_rows_);
    auto y = outputs(sobol_design(dims_, base_rows_, options_.seed, begin, end));
    for (size_t k = 0; k < years_.size(); ++k)
      fold(c, k, sobol_sums(dims_, y[k], begin, shift[k], options_.bootstrap, options_.seed, options_.threads));
  }
}

SensitivityTable SensitivityStudy::finish_sobol(const std::vector<SobolSums>& totals) const {
  return rank_sobol(header_, space_.paths(), years_, totals);
}

SensitivityTable rank_sobol(SensitivityTable t, const std::vector<std::string>& paths, const std::vector<int>& years,
                            const std::vector<SobolSums>& totals) {
  for (size_t k = 0; k < years.size(); ++k) {
    auto indices = sobol_indices(static_cast<int>(paths.size()), totals[k]);
    std::stable_sort(indices.begin(), indices.end(), [](const auto& a, const auto& b) { return a.total > b.total; });
    for (const auto& i : indices)
      t.rows.push_back(SensitivityRow{paths[static_cast<size_t>(i.input)], years[k],
                                      {i.first_order, i.first_order_ci, i.total, i.total_ci}});
  }
  return t;
}

SensitivityTable SensitivityStudy::run_one_at_a_time() const {
  SensitivityTable t = header_;
  const auto dims = static_cast<size_t>(dims_);
  Design d;
  if (options_.method == SensitivityMethod::kTornado) {
    d = explore::tornado_design(std::vector<double>(dims, 0.5));
    // Inputs a row does not move stay at their nominal values (NaN to the Evaluator): the
    // median or mode itself, not a quantile near it.
    for (size_t r = 0; r < d.rows(); ++r)
      for (size_t j = 0; j < dims; ++j)
        if (r != 1 + 2 * j && r != 2 + 2 * j) d.points[r * dims + j] = NAN;
  } else {
    d = explore::morris_design(dims_, options_.samples.value_or(kDefaultMorrisTrajectories), kMorrisLevels,
                               options_.seed);
  }
  auto y = outputs(d);
  t.evaluations = d.rows();
  for (size_t k = 0; k < years_.size(); ++k) {
    auto add = [&](int input, std::vector<double> values) {
      t.rows.push_back(SensitivityRow{space_.paths()[static_cast<size_t>(input)], years_[k], std::move(values)});
    };
    if (options_.method == SensitivityMethod::kTornado) {
      for (const auto& bar : explore::tornado_bars(dims_, y[k])) add(bar.input, {bar.low, bar.high, bar.swing});
    } else {
      auto effects = explore::morris_effects(d, y[k]);
      std::stable_sort(effects.begin(), effects.end(), [](const auto& a, const auto& b) { return a.mu_star > b.mu_star; });
      for (const auto& e : effects) add(e.input, {e.mu_star, e.sigma});
    }
  }
  return t;
}

}  // namespace explore

SensitivityTable sensitivity(const Scenario& s, const SensitivityOptions& o) {
  explore::SensitivityStudy study(s, o);
  if (o.method != SensitivityMethod::kSobol) return study.run_one_at_a_time();
  std::vector<explore::SobolSums> totals(study.years().size());
  study.run_sobol(0, study.chunks(), [&](size_t, size_t k, const explore::SobolSums& sums) {
    explore::add_sobol_sums(totals[k], sums);
  });
  return study.finish_sobol(totals);
}

void write_sensitivity_csv(std::ostream& out, const SensitivityTable& t) {
  bool per_year = !t.rows.empty() && t.rows.front().year != t.rows.back().year;
  out << (per_year ? "year,input" : "input");
  for (const std::string& c : t.columns) out << ',' << c;
  out << '\n';
  for (const SensitivityRow& r : t.rows) {
    if (per_year) out << r.year << ',';
    out << text::csv_field(r.input);
    for (double v : r.values) out << ',' << text::format_number(v);
    out << '\n';
  }
}

void write_sensitivity_json(std::ostream& out, const SensitivityTable& t) {
  const char* method = t.method == SensitivityMethod::kTornado ? "tornado"
                       : t.method == SensitivityMethod::kMorris ? "morris" : "sobol";
  text::JsonWriter w(out);
  w.object().line(2).key("labsim_version").string(version());
  w.line(2).key("method").string(method);
  w.line(2).key("metric").string(t.metric);
  w.line(2).key("institution").string(t.institution);
  w.line(2).key("evaluations").integer(t.evaluations);
  w.line(2).key("rows").array();
  for (const SensitivityRow& r : t.rows) {
    w.line(4).object().key("year").integer(r.year).key("input").string(r.input);
    for (size_t c = 0; c < t.columns.size(); ++c) w.key(t.columns[c]).number(r.values[c]);
    w.end();
  }
  w.line(2).end().line(0).end();
  out << '\n';
}

}  // namespace labsim
