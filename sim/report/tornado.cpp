// "Which assumptions matter most": a tornado table as a chart (drawn by render_series.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "labsim/version.hpp"
#include "labsim/keys.hpp"
#include "report/brief.hpp"
#include "text/number.hpp"

namespace labsim::report {

namespace {

// Legend and axis numbers: whole with separators from 100 on, else 3 significant digits.
std::string number(double v) {
  if (std::abs(v) >= 100) return text::with_separators(v);
  return fmt::format("{:.3g}", v);
}

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> parts;
  for (size_t at = 0;;) {
    size_t dot = path.find('.', at);
    parts.push_back(path.substr(at, dot - at));
    if (dot == std::string::npos) return parts;
    at = dot + 1;
  }
}

}  // namespace

std::string short_input_label(const std::string& path, size_t max_chars) {
  std::vector<std::string> parts = split(path);
  std::string head;
  size_t first = 0;
  if (parts.size() > 2 && parts[0] == "institutions") {
    head = parts[1] + ": ";
    first = 2;
  }
  auto joined = [&](size_t from) {
    std::string out;
    for (size_t i = from; i < parts.size(); ++i) out.append(i == from ? "" : ".").append(parts[i]);
    return out;
  };
  std::string label = head + joined(first);
  // Drop leading parts while too long, keeping at least the last one.
  for (size_t from = first + 1; label.size() > max_chars && from < parts.size(); ++from)
    label = fmt::format("{}...{}", head, joined(from));
  return label;
}

std::string plain_input_label(const Scenario& s, const std::string& path, size_t max_chars) {
  std::string words = input_words(s, path, true);
  if (words == path) return short_input_label(path, max_chars);
  if (words.size() <= max_chars) return words;
  // Cut at a word boundary, with an ellipsis.
  size_t cut = words.rfind(' ', max_chars - 3);
  return words.substr(0, cut == std::string::npos ? max_chars - 3 : cut) + "...";
}

std::vector<TornadoBar> tornado_bars(const SensitivityTable& table, size_t max_bars, const Scenario* s) {
  std::vector<const SensitivityRow*> rows;
  double largest = 0;
  for (const SensitivityRow& r : table.rows)
    if (r.values.size() >= 3) largest = std::max(largest, r.values[2]);
  // A bar too short to see (under 0.5% of the longest) is an input that does not move it.
  for (const SensitivityRow& r : table.rows)
    if (r.values.size() >= 3 && r.values[2] > 0 && r.values[2] >= 0.005 * largest) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](const SensitivityRow* a, const SensitivityRow* b) {
    return a->values[2] > b->values[2];
  });
  if (rows.size() > max_bars) rows.resize(max_bars);
  std::vector<TornadoBar> bars;
  std::map<std::string, int> uses;
  for (const SensitivityRow* r : rows) {
    bars.push_back({s ? plain_input_label(*s, r->input) : short_input_label(r->input), r->input, r->values[0],
                    r->values[1]});
    ++uses[bars.back().label];
  }
  // Two paths shortened alike are shown in full.
  for (TornadoBar& b : bars)
    if (uses[b.label] > 1) b.label = b.input;
  return bars;
}

namespace {

// The value axis (covering every bar end and the nominal value) and the category axis (one tick
// per bar, the first at the top).
void tornado_axes(Chart& c, int year, std::string who) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  if (std::isfinite(c.nominal)) lo = hi = c.nominal;
  for (const TornadoBar& b : c.bars) {
    lo = std::min({lo, b.low, b.high});
    hi = std::max({hi, b.low, b.high});
  }
  if (who.size() > 48) who = who.substr(0, 45) + "...";
  c.x = make_axis(fmt::format("H100-hours per researcher in {}: {}", year, who), ScaleKind::kLinear, lo, hi);
  double n = static_cast<double>(c.bars.size());
  c.y.label = "Uncertain input";
  c.y.min = -0.5;
  c.y.max = n - 0.5;
  for (size_t i = 0; i < c.bars.size(); ++i)
    c.y.ticks.push_back({n - 1 - static_cast<double>(i), c.bars[i].label});
}

// Legend entries: the colours of the two ends, and the nominal line.
std::vector<Series> tornado_legend(double nominal) {
  std::vector<Series> legend(3);
  legend[0].name = "Input at its 10th percentile";
  legend[0].color = 4;  // blue
  legend[1].name = "Input at its 90th percentile";
  legend[1].color = 5;  // vermillion
  legend[2].name = fmt::format("All inputs nominal: {}", number(nominal));
  legend[2].color = 7;
  legend[2].dashed = true;
  return legend;
}

}  // namespace

Chart tornado_chart(const BriefInput& in) {
  const SensitivityTable& table = *in.uncertainty->tornado;
  const Trajectory& t = *in.trajectory;
  Chart c;
  c.id = chart_id(BriefChart::kTornado);
  c.title = "Which assumptions matter most";
  c.kind = ChartKind::kTornado;
  c.source = fmt::format(
      "Source: labsim {} model, scenario \"{}\": each uncertain input moved alone to its 10th and its 90th "
      "percentile, the others at their nominal values (docs/uncertainty.md). Inputs that move it less than "
      "0.5% of the longest bar are left out.",
      version(), in.scenario->name);
  c.bars = tornado_bars(table, 8, in.scenario);
  int year = table.rows.empty() ? t.last_year : table.rows.front().year;
  auto inst = std::find_if(t.institutions.begin(), t.institutions.end(),
                           [&](const InstitutionSeries& s) { return s.id == table.institution; });
  bool known = inst != t.institutions.end() && year >= t.first_year && year <= t.last_year;
  // The tornado's own nominal run is the deterministic run: the same number.
  c.nominal = known ? inst->at(year - t.first_year, Metric::kComputeH100HoursPerResearcher) : std::nan("");
  tornado_axes(c, year, known ? inst->name : table.institution);
  c.series = tornado_legend(c.nominal);
  return c;
}

}  // namespace labsim::report
