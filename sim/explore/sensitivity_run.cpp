// Sensitivity of one metric of a scenario: designs from sensitivity.hpp, evaluated in parallel.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <ostream>

#include "explore/parallel.hpp"
#include "explore/sensitivity.hpp"
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

SensitivityTable sensitivity(const Scenario& s, const SensitivityOptions& o) {
  explore::InputSpace space({&s});
  int dims = space.dims();
  if (dims == 0)
    explore::input_error(s.name, "the scenario has no uncertain inputs to rank",
        "give inputs as distributions, e.g. mfu: {normal: [35%, 5%]} (docs/uncertainty.md)");
  auto inst = std::find_if(s.institutions.begin(), s.institutions.end(), [&](const Institution& i) { return i.id == o.institution; });
  if (inst == s.institutions.end()) {
    std::vector<std::string> ids;
    for (const Institution& i : s.institutions) ids.push_back(i.id);
    explore::input_error("--institution", fmt::format("unknown institution \"{}\"", o.institution),
        fmt::format("institutions: {}", fmt::join(ids, ", ")));
  }
  int year = o.year ? o.year : s.last_year;
  if (year < s.first_year || year > s.last_year)
    explore::input_error("--year", fmt::format("expected a year from {} to {}, found {}", s.first_year, s.last_year, year));
  std::vector<int> years;
  if (o.per_year) for (int y = s.first_year; y <= s.last_year; ++y) years.push_back(y);
  else years.push_back(year);
  std::vector<int> year_indices;
  for (int y : years) year_indices.push_back(y - s.first_year);

  SensitivityTable t;
  t.method = o.method;
  t.metric = metric_info(o.metric).name;
  t.institution = o.institution;
  Design d;
  switch (o.method) {
    case SensitivityMethod::kTornado:
      d = explore::tornado_design(std::vector<double>(static_cast<size_t>(dims), 0.5));
      // Inputs a row does not move stay at their nominal values (NaN to the Evaluator): the
      // median or mode itself, not a quantile near it.
      for (size_t r = 0; r < d.rows(); ++r)
        for (size_t j = 0; j < static_cast<size_t>(dims); ++j)
          if (r != 1 + 2 * j && r != 2 + 2 * j) d.points[r * static_cast<size_t>(dims) + j] = NAN;
      t.columns = {"low", "high", "swing"};
      break;
    case SensitivityMethod::kMorris:
      d = explore::morris_design(dims, o.samples.value_or(kDefaultMorrisTrajectories), kMorrisLevels, o.seed);
      t.columns = {"mu_star", "sigma"};
      break;
    case SensitivityMethod::kSobol:
      d = explore::sobol_design(dims, o.samples.value_or(kDefaultSobolSamples), o.seed);
      t.columns = {"first_order", "first_order_ci", "total", "total_ci"};
      break;
  }
  size_t institution = static_cast<size_t>(inst - s.institutions.begin());
  auto y = evaluate(s, space, d, institution, year_indices, o.metric, o.method == SensitivityMethod::kMorris, o.threads);
  t.evaluations = d.rows();
  const std::vector<std::string>& paths = space.paths();
  for (size_t k = 0; k < years.size(); ++k) {
    auto add = [&](int input, std::vector<double> values) {
      t.rows.push_back(SensitivityRow{paths[static_cast<size_t>(input)], years[k], std::move(values)});
    };
    if (o.method == SensitivityMethod::kTornado) {
      for (const auto& bar : explore::tornado_bars(dims, y[k])) add(bar.input, {bar.low, bar.high, bar.swing});
    } else if (o.method == SensitivityMethod::kMorris) {
      auto effects = explore::morris_effects(d, y[k]);
      std::stable_sort(effects.begin(), effects.end(), [](const auto& a, const auto& b) { return a.mu_star > b.mu_star; });
      for (const auto& e : effects) add(e.input, {e.mu_star, e.sigma});
    } else {
      auto indices = explore::sobol_indices(dims, y[k], o.bootstrap, o.seed);
      std::stable_sort(indices.begin(), indices.end(), [](const auto& a, const auto& b) { return a.total > b.total; });
      for (const auto& i : indices) add(i.input, {i.first_order, i.first_order_ci, i.total, i.total_ci});
    }
  }
  return t;
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
