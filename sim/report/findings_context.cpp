// The brief's sentence builders' shared naming and context (report/findings_context.hpp).
#include "report/findings_context.hpp"

#include <fmt/format.h>

#include <cmath>

#include "report/findings.hpp"
#include "report/words.hpp"
#include "text/number.hpp"

namespace labsim::report {

namespace {

// The display name of an institution: short name, name, or its id as words ("the industry lab").
std::string name_of(const std::string& id, const std::string& name, const std::string& short_name, int replicas) {
  if (!short_name.empty()) return short_name;
  std::string words = id;
  for (char& ch : words)
    if (ch == '-' || ch == '_') ch = ' ';
  if (replicas > 1) return fmt::format("the {} {}", replicas, plural(words));
  return name != id && !name.empty() ? name : "the " + words;
}

}  // namespace

double Side::sum(Metric m) const {
  double total = 0;
  for (int yi = 0; yi < static_cast<int>(series->values.size()) / kMetricCount; ++yi) total += at(yi, m);
  return total;
}

std::string display_name(const Institution& inst) {
  return name_of(inst.id, inst.name, inst.short_name, inst.replicas);
}

Side side_of(const InstitutionSeries* s) {
  return s ? Side{s, name_of(s->id, s->name, s->short_name, s->replicas), s->replicas > 1} : Side{};
}

const InstitutionSeries* first_of(const Trajectory& t, InstitutionKind kind) {
  for (const InstitutionSeries& s : t.institutions)
    if (s.kind == kind) return &s;
  return nullptr;
}

const InstitutionSeries* series_of(const Trajectory& t, const std::string& id) {
  for (const InstitutionSeries& s : t.institutions)
    if (s.id == id) return &s;
  return nullptr;
}

Context context_of(const Scenario& s, const Trajectory& t) {
  const InstitutionSeries* subject = focal_institution(t);
  const InstitutionSeries* industry = first_of(t, InstitutionKind::kIndustry);
  if (industry == subject) industry = nullptr;
  Context c{s, t, side_of(subject), side_of(industry), t.year_count() - 1};
  c.in_year = fmt::format("In {}", t.last_year);
  // A one-year run reads "In 2026", not "Over 2026-2026".
  bool one_year = t.first_year == t.last_year;
  c.period = one_year ? std::to_string(t.first_year) : fmt::format("{}-{}", t.first_year, t.last_year);
  c.over_period = (one_year ? "In " : "Over ") + c.period;
  return c;
}

const Institution* institution_of(const Context& c, const Side& x) {
  for (const Institution& inst : c.s.institutions)
    if (x.series && inst.id == x.series->id) return &inst;
  return nullptr;
}

std::string in_years(int first, int last) {
  return first == last ? fmt::format("in {}", first) : fmt::format("in {}-{}", first, last);
}

std::string percent_change(double before, double after) {
  if (!is_defined(before) || !is_defined(after) || before == 0) return "";
  const double change = after / before - 1;
  if (change == 0) return "no change";
  if (after / before >= 2) return times_words(after / before) + " as much";
  if (std::fabs(change) < 0.001) return change > 0 ? "less than 0.1% more" : "less than 0.1% less";
  return (change > 0 ? "+" : "-") + text::percent_words(std::fabs(change));
}

}  // namespace labsim::report
