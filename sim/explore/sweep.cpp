// Ranges of one input, and grids of deterministic runs over them.
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <ostream>

#include "io/bind.hpp"
#include "explore/parallel.hpp"
#include "explore/space.hpp"
#include "explore/input_error.hpp"
#include "labsim/explore.hpp"
#include "labsim/version.hpp"
#include "text/csv.hpp"
#include "text/json.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t at = s.find(sep); at != std::string_view::npos; at = s.find(sep, start)) {
    parts.emplace_back(s.substr(start, at - start));
    start = at + 1;
  }
  parts.emplace_back(s.substr(start));
  return parts;
}

}  // namespace

double Range::at(int k) const {
  if (steps < 2) return low;
  double f = static_cast<double>(k) / (steps - 1);
  if (k == steps - 1) return high;
  return log ? low * std::pow(high / low, f) : low + (high - low) * f;
}

Range parse_range(const Scenario& scenario, std::string_view text, bool need_steps) {
  std::string what = fmt::format("--vary {}", text);
  size_t eq = text.find('=');
  if (eq == std::string_view::npos)
    explore::input_error(what, "expected key.path=LO:HI" + std::string(need_steps ? ":STEPS" : ""),
        need_steps ? "e.g. --vary institutions.campus.operations.mfu=20%:50%:7" : "e.g. --vary economy.pue=1.1:1.6");
  Range r;
  r.path = std::string(text.substr(0, eq));
  Scenario copy = scenario;
  io::Field f = io::bind_field(copy, r.path);
  std::string_view spec = text.substr(eq + 1);
  if (spec.starts_with("log:")) r.log = true, spec.remove_prefix(4);
  std::vector<std::string> parts = split(spec, ':');
  if (parts.size() < 2 || parts.size() > 3 || (need_steps && parts.size() != 3))
    explore::input_error(what, fmt::format("expected LO:HI{} after '=', found \"{}\"", need_steps ? ":STEPS" : "", spec));
  double ends[2];
  for (int k = 0; k < 2; ++k) {
    io::UnitResult u = io::parse_quantity(parts[static_cast<size_t>(k)], f.quantity(), f.per_year_money);
    if (!u.ok) explore::input_error(what, fmt::format("{} {}", k ? "HI:" : "LO:", u.message), u.hint);
    ends[k] = u.parsed.value;
    io::check_field_value(f, ends[k], what);  // every grid point lies between the two ends
  }
  r.low = ends[0], r.high = ends[1];
  if (!(r.high > r.low)) explore::input_error(what, fmt::format("HI ({}) must be above LO ({})", parts[1], parts[0]));
  if (r.log && r.low <= 0) explore::input_error(what, "a log range needs LO above 0");
  if (parts.size() == 3) {
    io::UnitResult n = io::parse_quantity(parts[2], io::Quantity::kCount);
    if (!n.ok || n.parsed.value != std::floor(n.parsed.value) || n.parsed.value < 2 || n.parsed.value > 1000)
      explore::input_error(what, fmt::format("STEPS must be a whole number from 2 to 1000, found \"{}\"", parts[2]));
    r.steps = static_cast<int>(n.parsed.value);
  }
  return r;
}

SweepTable sweep(const Scenario& scenario, const std::vector<Range>& ranges, const std::vector<Metric>& metrics_in,
                 int threads) {
  if (ranges.empty() || ranges.size() > 3) explore::input_error("--vary", fmt::format("give 1 to 3 ranges, found {}", ranges.size()));
  SweepTable t;
  t.scenario = scenario.name;
  t.ranges = ranges;
  t.metrics = metrics_in.empty() ? default_tracked_metrics() : metrics_in;
  t.first_year = scenario.first_year;
  t.last_year = scenario.last_year;
  for (const Institution& inst : scenario.institutions) t.institutions.push_back(inst.id);
  size_t count = 1;
  for (const Range& r : ranges) count *= static_cast<size_t>(std::max(r.steps, 1));
  if (count > 1000000) explore::input_error("--vary", fmt::format("the grid has {} points; at most 1,000,000", count));
  for (size_t p = 0; p < count; ++p) {
    std::vector<double> point(ranges.size());
    size_t rest = p;
    for (size_t k = ranges.size(); k-- > 0;) {
      size_t steps = static_cast<size_t>(std::max(ranges[k].steps, 1));
      point[k] = ranges[k].at(static_cast<int>(rest % steps));
      rest /= steps;
    }
    t.points.push_back(std::move(point));
  }
  std::vector<std::string> paths;
  for (const Range& r : ranges) paths.push_back(r.path);
  std::vector<double> flat;
  for (const std::vector<double>& point : t.points) flat.insert(flat.end(), point.begin(), point.end());
  t.values = evaluate(scenario, paths, flat, t.metrics, threads);
  return t;
}

void write_sweep_csv(std::ostream& out, const SweepTable& t) {
  for (const Range& r : t.ranges) out << text::csv_field(r.path) << ',';
  out << "institution,year,metric,value,unit\n";
  const double* v = t.values.data();
  for (const std::vector<double>& point : t.points) {
    std::string prefix;
    for (double x : point) prefix += text::format_number(x) + ",";
    for (const std::string& id : t.institutions)
      for (Metric m : t.metrics)
        for (int y = t.first_year; y <= t.last_year; ++y)
          out << prefix << text::csv_field(id) << ',' << y << ',' << metric_info(m).name << ','
              << text::format_number(*v++) << ',' << metric_info(m).unit << '\n';
  }
}

void write_sweep_json(std::ostream& out, const SweepTable& t) {
  text::JsonWriter w(out);
  w.object().line(2).key("labsim_version").string(version());
  w.line(2).key("scenario").string(t.scenario);
  w.line(2).key("inputs").array();
  for (const Range& r : t.ranges) w.string(r.path);
  w.end().line(2).key("years").array();
  for (int y = t.first_year; y <= t.last_year; ++y) w.integer(y);
  w.end().line(2).key("runs").array();
  const double* v = t.values.data();
  for (const std::vector<double>& point : t.points) {
    w.line(4).object().key("inputs").array();
    for (double x : point) w.number(x);
    w.end().key("institutions").object();
    for (const std::string& id : t.institutions) {
      w.key(id).object();
      for (Metric m : t.metrics) {
        w.key(metric_info(m).name).array();
        for (int y = t.first_year; y <= t.last_year; ++y) w.number(*v++);
        w.end();
      }
      w.end();
    }
    w.end().end();
  }
  w.line(2).end().line(0).end();
  out << '\n';
}

}  // namespace labsim

namespace labsim {

std::vector<double> evaluate(const Scenario& scenario, const std::vector<std::string>& paths,
                             std::span<const double> values, const std::vector<Metric>& metrics, int threads) {
  const size_t d = paths.size();
  if (d == 0 || values.size() % d != 0)
    explore::input_error("values", fmt::format("expected rows of {} numbers, found {} numbers", d, values.size()));
  const size_t rows = values.size() / d;
  {  // every value checked as the loader checks it, before anything runs
    Scenario bound = scenario;
    for (size_t k = 0; k < d; ++k) {
      const io::Field f = io::bind_field(bound, paths[k]);
      for (size_t r = 0; r < rows; ++r) io::check_field_value(f, values[r * d + k], fmt::format("row {}, {}", r, paths[k]));
    }
  }
  const size_t years = static_cast<size_t>(scenario.year_count());
  const size_t institutions = scenario.institutions.size();
  const size_t per_row = institutions * metrics.size() * years;
  std::vector<double> out(rows * per_row, 0.0);
  explore::InputSpace space({&scenario});
  std::vector<std::unique_ptr<explore::BlockEvaluator>> workers;
  for (int w = 0; w < std::max(1, threads); ++w) {
    auto& e = workers.emplace_back(std::make_unique<explore::BlockEvaluator>(scenario, space, 0));
    for (const std::string& path : paths) e->bind(path);
    e->record_only(metrics);
  }
  // Rows eight at a time on the batch engine.
  explore::for_chunks(rows, 16, threads, [&](int w, size_t, size_t begin, size_t end) {
    explore::BlockEvaluator& e = *workers[static_cast<size_t>(w)];
    for (size_t first = begin; first < end; first += kBlockLanes) {
      const size_t n = std::min<size_t>(kBlockLanes, end - first);
      for (size_t l = 0; l < n; ++l)
        for (size_t k = 0; k < d; ++k) e.set(l, static_cast<int>(k), values[(first + l) * d + k]);
      e.run_nominal(n);
      for (size_t l = 0; l < n; ++l) {
        const Trajectory& tr = e.trajectory(static_cast<int>(l));
        double* at = out.data() + (first + l) * per_row;
        for (size_t i = 0; i < institutions; ++i)
          for (Metric m : metrics)
            for (size_t y = 0; y < years; ++y) *at++ = tr.institutions[i].at(static_cast<int>(y), m);
      }
    }
  });
  return out;
}

}  // namespace labsim
