// CSV and JSON for Monte Carlo and comparison tables.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>

#include "labsim/explore.hpp"
#include "labsim/version.hpp"
#include "text/csv.hpp"
#include "text/json.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

// Stat names and their values in a Summary: mean, then the percentiles.
std::vector<std::string> stat_names(const StatTable& t) {
  if (t.samples == 1) return {"value"};
  std::vector<std::string> names = {"mean"};
  for (double p : kPercentiles) names.push_back(fmt::format("p{}", p));
  return names;
}

// Indices of the years to print.
std::vector<int> year_indices(const StatTable& t) {
  std::vector<int> out;
  for (int y = 0; y < t.year_count(); ++y)
    if (t.shown_years.empty() ||
        std::find(t.shown_years.begin(), t.shown_years.end(), t.first_year + y) != t.shown_years.end())
      out.push_back(y);
  return out;
}

// Percentiles come from a sketch accurate to kQuantileAccuracy (0.5%): four significant digits
// say what is known, ten would not; a mean of samples is written to the same four (its sampling
// error is larger than that in all but huge runs). A single run's value keeps its digits.
double stat_value(const Summary& s, size_t k, bool sampled) {
  double v = k == 0 ? s.mean : s.percentiles[k - 1];
  return std::isfinite(v) && (k > 0 || sampled) ? text::round_sig(v, 4) : v;
}

}  // namespace

void write_stat_csv(std::ostream& out, const StatTable& t) {
  out << "scenario,institution,year,metric,stat";
  for (const std::string& c : t.columns) out << ',' << c;
  out << ",unit\n";
  std::vector<std::string> stats = stat_names(t);
  std::string scenario = text::csv_field(t.scenario);
  for (size_t i = 0; i < t.institutions.size(); ++i) {
    std::string id = text::csv_field(t.institutions[i]);
    for (int y : year_indices(t))
      for (size_t m = 0; m < t.metrics.size(); ++m) {
        const MetricInfo& info = metric_info(t.metrics[m]);
        for (size_t k = 0; k < stats.size(); ++k) {
          out << scenario << ',' << id << ',' << t.first_year + y << ',' << info.name << ',' << stats[k];
          for (size_t c = 0; c < t.columns.size(); ++c) out << ',' << text::format_number(stat_value(t.at(i, m, y, c), k, t.samples > 1));
          out << ',' << info.unit << '\n';
        }
      }
  }
}

void write_stat_json(std::ostream& out, const StatTable& t) {
  std::vector<std::string> stats = stat_names(t);
  std::vector<int> years = year_indices(t);
  text::JsonWriter w(out);
  w.object().line(2).key("labsim_version").string(version());
  w.line(2).key("scenario").string(t.scenario);
  w.line(2).key("samples").integer(t.samples);
  w.line(2).key("columns").array();
  for (const std::string& c : t.columns) w.string(c);
  w.end().line(2).key("years").array();
  for (int y : years) w.integer(t.first_year + y);
  w.end().line(2).key("institutions").object();
  for (size_t i = 0; i < t.institutions.size(); ++i) {
    w.line(4).key(t.institutions[i]).object();
    for (size_t m = 0; m < t.metrics.size(); ++m) {
      const MetricInfo& info = metric_info(t.metrics[m]);
      w.line(6).key(info.name).object().key("unit").string(info.unit);
      for (size_t c = 0; c < t.columns.size(); ++c) {
        w.line(8).key(t.columns[c]).object();
        for (size_t k = 0; k < stats.size(); ++k) {
          w.key(stats[k]).array();
          for (int y : years) w.number(stat_value(t.at(i, m, y, c), k, t.samples > 1));
          w.end();
        }
        w.end();
      }
      w.end();
    }
    w.line(4).end();
  }
  w.line(2).end().line(0).end();
  out << '\n';
}

void write_stat_table(std::ostream& out, const StatTable& t) {
  const bool sampled = t.samples > 1;
  out << fmt::format("{} ({})\n", t.scenario,
                     sampled ? fmt::format("{} samples: mean, and 5th to 95th percentile in brackets",
                                           text::with_separators(static_cast<double>(t.samples)))
                             : "one run at the nominal values");
  // Every cell first, then each column as wide as its widest cell.
  struct Line {
    std::vector<std::string> cells;
  };
  std::vector<Line> lines;
  Line head{{"institution", "metric", "year"}};
  for (const std::string& c : t.columns) head.cells.push_back(c);
  lines.push_back(head);
  for (size_t i = 0; i < t.institutions.size(); ++i)
    for (size_t m = 0; m < t.metrics.size(); ++m)
      for (int y : year_indices(t)) {
        Line line{{t.institutions[i], metric_info(t.metrics[m]).name, std::to_string(t.first_year + y)}};
        for (size_t c = 0; c < t.columns.size(); ++c) {
          const Summary& v = t.at(i, m, y, c);
          std::string cell = v.defined == 0 ? "-" : text::four_digits(v.mean);
          if (sampled && v.defined > 0)
            cell += fmt::format(" [{}, {}]", text::four_digits(v.percentiles.front()),
                                text::four_digits(v.percentiles.back()));
          line.cells.push_back(cell);
        }
        lines.push_back(line);
      }
  std::vector<size_t> width(head.cells.size(), 0);
  for (const Line& l : lines)
    for (size_t c = 0; c < l.cells.size(); ++c) width[c] = std::max(width[c], l.cells[c].size());
  for (const Line& l : lines) {
    std::string text;
    for (size_t c = 0; c < l.cells.size(); ++c)
      text += c < 2 ? fmt::format("{:<{}}  ", l.cells[c], width[c]) : fmt::format("  {:>{}}", l.cells[c], width[c]);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  }
  out << "Units: ";
  for (size_t m = 0; m < t.metrics.size(); ++m)
    out << (m ? ", " : "") << metric_info(t.metrics[m]).name << " in " << metric_info(t.metrics[m]).unit;
  out << ". --format csv or json for every percentile.\n";
}

}  // namespace labsim
