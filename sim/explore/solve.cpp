// Goal seeking: the smallest value of one input that meets a target, by bisection.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <ostream>

#include "explore/input_error.hpp"
#include "explore/mc_worker.hpp"
#include "explore/parallel.hpp"
#include "explore/sampler.hpp"
#include "explore/space.hpp"
#include "io/bind.hpp"
#include "io/fields.hpp"
#include "io/units.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/explore.hpp"
#include "text/csv.hpp"
#include "text/json.hpp"
#include "text/names.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

[[noreturn]] void bad_target(std::string_view text, std::string message, std::string hint = {}) {
  explore::input_error(fmt::format("--target \"{}\"", text), std::move(message), std::move(hint));
}

std::string trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
  return a == std::string_view::npos ? "" : std::string(s.substr(a, b - a + 1));
}

int institution_index(const Scenario& s, const std::string& id) {
  for (size_t i = 0; i < s.institutions.size(); ++i)
    if (s.institutions[i].id == id) return static_cast<int>(i);
  return -1;
}

// Whether the target holds for the candidate value: deterministically, or in enough samples.
struct Judge {
  const Scenario& scenario;
  const SolveOptions& o;
  size_t institution;
  int year_index;
  std::vector<std::unique_ptr<explore::BlockEvaluator>> workers;
  std::vector<double> points;  // Monte Carlo: the samples' unit-cube points, row-major
  int dims = 0;
  size_t evaluations = 0;

  double metric(const Trajectory& t) const { return t.institutions[institution].at(year_index, o.target.metric); }

  // The metric value (deterministic) or the share of samples meeting the target.
  double measure(double value) {
    for (auto& w : workers)
      for (size_t l = 0; l < kBlockLanes; ++l) w->set(l, 0, value);
    if (!o.monte_carlo) {
      ++evaluations;
      workers[0]->run_nominal(1);
      return metric(workers[0]->trajectory(0));
    }
    size_t n = o.monte_carlo->samples;
    std::vector<size_t> met_per_worker(workers.size(), 0);
    // The samples eight at a time on the batch engine.
    explore::for_chunks(n, 64, o.monte_carlo->threads, [&](int w, size_t, size_t begin, size_t end) {
      explore::BlockEvaluator& e = *workers[static_cast<size_t>(w)];
      std::array<std::span<const double>, kBlockLanes> block;
      for (size_t first = begin; first < end; first += kBlockLanes) {
        const size_t lanes = std::min<size_t>(kBlockLanes, end - first);
        for (size_t l = 0; l < lanes; ++l)
          block[l] = std::span<const double>(points.data() + (first + l) * static_cast<size_t>(dims), static_cast<size_t>(dims));
        e.run(std::span<const std::span<const double>>(block.data(), lanes));
        for (size_t l = 0; l < lanes; ++l)
          if (o.target.met_by(metric(e.trajectory(static_cast<int>(l))))) ++met_per_worker[static_cast<size_t>(w)];
      }
    });
    evaluations += n;
    size_t met = 0;
    for (size_t m : met_per_worker) met += m;
    return static_cast<double>(met) / static_cast<double>(n);
  }

  bool meets(double measured) const {
    return o.monte_carlo ? measured >= o.probability - 1e-12 : o.target.met_by(measured);
  }
};

}  // namespace

bool Target::met_by(double v) const {
  if (!is_defined(v)) return false;
  switch (op) {
    case Op::kAtLeast: return v >= value;
    case Op::kAbove: return v > value;
    case Op::kAtMost: return v <= value;
    case Op::kBelow: return v < value;
  }
  return false;
}

Target parse_target(const Scenario& s, std::string_view text) {
  Target t;
  t.text = std::string(text);
  size_t open = text.find('['), close = text.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open)
    bad_target(text, "expected METRIC[INSTITUTION,YEAR] >= VALUE",
               "e.g. \"compute.h100_hours_per_researcher[institute,2030] >= 1000\"");
  std::string name = trim(text.substr(0, open));
  t.metric = find_metric(name);
  if (t.metric == Metric::kCount) {
    std::string hint = unknown_metric_hint(name);
    bad_target(text, fmt::format("unknown metric \"{}\"", name),
               hint.empty() ? "`labsim run --format csv` lists the metrics" : hint);
  }
  std::string inside(text.substr(open + 1, close - open - 1));
  size_t comma = inside.find(',');
  if (comma == std::string::npos) bad_target(text, "expected [INSTITUTION,YEAR] after the metric");
  t.institution = trim(inside.substr(0, comma));
  if (institution_index(s, t.institution) < 0) {
    std::vector<std::string> ids;
    for (const Institution& inst : s.institutions) ids.push_back(inst.id);
    std::string guess = text::nearest(t.institution, ids);
    bad_target(text, fmt::format("unknown institution \"{}\"", t.institution),
               guess.empty() ? "institutions: " + fmt::format("{}", fmt::join(ids, ", "))
                             : fmt::format("did you mean '{}'?", guess));
  }
  io::UnitResult year = io::parse_quantity(trim(inside.substr(comma + 1)), io::Quantity::kYear);
  if (!year.ok || year.parsed.value < s.first_year || year.parsed.value > s.last_year)
    bad_target(text, fmt::format("expected a year from {} to {}, found \"{}\"", s.first_year, s.last_year,
                                 trim(inside.substr(comma + 1))));
  t.year = static_cast<int>(year.parsed.value);
  std::string rest = trim(text.substr(close + 1));
  const std::pair<const char*, Target::Op> ops[] = {
      {">=", Target::Op::kAtLeast}, {"<=", Target::Op::kAtMost}, {">", Target::Op::kAbove}, {"<", Target::Op::kBelow}};
  size_t op_len = 0;
  for (const auto& [sym, op] : ops)
    if (rest.starts_with(sym)) {
      t.op = op, op_len = std::string_view(sym).size();
      break;
    }
  if (!op_len) bad_target(text, "expected >=, >, <= or < after ]");
  std::string number = trim(rest.substr(op_len));
  io::UnitResult v = io::parse_quantity(number, io::Quantity::kAmount);
  if (!v.ok) v = io::parse_quantity(number, io::Quantity::kNumber);
  if (!v.ok) bad_target(text, fmt::format("expected a number after the operator, found \"{}\"", number));
  t.value = v.parsed.value;
  return t;
}

namespace {

// The quantity of the input at `path` (a plain number when it cannot be bound).
io::Quantity quantity_of(const Scenario& s, const std::string& path) {
  Scenario copy = s;
  try {
    return io::bind_field(copy, path).spec->quantity;
  } catch (const InputError&) {
    return io::Quantity::kNumber;
  }
}

// A value in its quantity's words: money as "$6.88 million", the rest as the scenario writes it
// to 4 significant digits ("42.5 %", "1.05 %/yr", "3.1 years").
std::string readable(io::Quantity q, double v) {
  if (!std::isfinite(v)) return "undefined";
  if (q == io::Quantity::kMoney) return text::money_words(v);
  if (q == io::Quantity::kGrowth) return io::written(q, text::round_sig(v - 1, 4) + 1);
  if (q == io::Quantity::kCount || q == io::Quantity::kHours || q == io::Quantity::kNumber || q == io::Quantity::kAmount ||
      q == io::Quantity::kFlop)
    return text::four_digits(v);
  return io::written(q, text::round_sig(v, 4));
}

}  // namespace

SolveResult solve(const Scenario& scenario, const SolveOptions& o) {
  const Range& r = o.range;
  if (o.monte_carlo && !(o.probability > 0 && o.probability <= 1)) {
    explore::input_error("--prob", fmt::format("expected a probability above 0 and at most 1, found {}", o.probability));
  }
  explore::InputSpace space({&scenario});
  Judge judge{scenario, o, static_cast<size_t>(institution_index(scenario, o.target.institution)),
              o.target.year - scenario.first_year, {}, {}, space.dims(), 0};
  int threads = o.monte_carlo ? std::max(1, o.monte_carlo->threads) : 1;
  for (int w = 0; w < threads; ++w) {
    auto& e = judge.workers.emplace_back(std::make_unique<explore::BlockEvaluator>(scenario, space, 0));
    e->bind(r.path);
  }
  if (o.monte_carlo) {
    const MonteCarloOptions& mc = *o.monte_carlo;
    explore::Sampler sampler(explore::sampler_kind(mc.sampling), mc.seed, mc.samples, space.dims());
    judge.points.resize(mc.samples * static_cast<size_t>(space.dims()));
    for (size_t i = 0; i < mc.samples; ++i)
      sampler.point(i, std::span<double>(judge.points.data() + i * static_cast<size_t>(space.dims()),
                                         static_cast<size_t>(space.dims())));
  }
  SolveResult out;
  out.input = r.path;
  // The answer in the input's own units, whichever way the search ends.
  struct Texts {
    SolveResult& out;
    io::Quantity q;
    ~Texts() {
      out.value_text = readable(q, out.value);
      out.tolerance_text = readable(q, out.tolerance);
    }
  } texts{out, quantity_of(scenario, r.path)};
  double at_high = judge.measure(r.high);
  if (!judge.meets(at_high)) {
    out.value = r.high;
    out.achieved = at_high;
    out.evaluations = judge.evaluations;
    return out;
  }
  out.met = true;
  double at_low = judge.measure(r.low);
  if (judge.meets(at_low)) {
    out.value = r.low;
    out.achieved = at_low;
    out.evaluations = judge.evaluations;
    return out;
  }
  double bad = r.low, good = r.high, good_measure = at_high;
  double width = o.tolerance * (r.high - r.low);
  while (good - bad > width) {
    double mid = r.log ? std::sqrt(bad * good) : bad + (good - bad) / 2;
    double m = judge.measure(mid);
    if (judge.meets(m)) good = mid, good_measure = m;
    else bad = mid;
  }
  out.value = good;
  out.tolerance = good - bad;
  out.achieved = good_measure;
  out.evaluations = judge.evaluations;
  return out;
}

void write_solve_text(std::ostream& out, const SolveResult& r, const SolveOptions& so) {
  auto four = [](double v) { return text::four_digits(v); };
  std::string what = so.monte_carlo ? fmt::format("probability {}", text::percent_words(r.achieved))
                                    : fmt::format("{} = {}", so.target.text.substr(0, so.target.text.find(']') + 1),
                                                  four(r.achieved));
  const std::string value = r.value_text.empty() ? four(r.value) : r.value_text;
  if (r.met)
    out << fmt::format("{} = {} (within {}) meets {}: {}; {} model runs\n", r.input, value,
                       r.tolerance_text.empty() ? four(r.tolerance) : r.tolerance_text, so.target.text, what,
                       r.evaluations);
  else
    out << fmt::format("no value of {} up to {} meets {}: at the top of the range, {}; {} model runs\n", r.input,
                       value, so.target.text, what, r.evaluations);
}

void write_solve_csv(std::ostream& out, const SolveResult& r) {
  out << "input,value,met,tolerance,evaluations,achieved\n"
      << text::csv_field(r.input) << ',' << text::format_number(r.value) << ',' << (r.met ? "true" : "false") << ','
      << text::format_number(r.tolerance) << ',' << r.evaluations << ',' << text::format_number(r.achieved) << '\n';
}

void write_solve_json(std::ostream& out, const SolveResult& r, const SolveOptions& so) {
  text::JsonWriter w(out);
  w.object().key("input").string(r.input).key("value").number(r.value).key("met").boolean(r.met);
  w.key("evaluations").integer(r.evaluations).key("tolerance").number(r.tolerance);
  w.key("achieved").number(r.achieved).key("target").string(so.target.text).end();
  out << '\n';
}

}  // namespace labsim
