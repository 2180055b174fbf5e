// The charts of a brief, as data (drawn by render.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "labsim/version.hpp"
#include "report/brief.hpp"
#include "report/findings.hpp"
#include "text/number.hpp"

namespace labsim::report {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> years_of(const Trajectory& t) {
  std::vector<double> years;
  for (int y = t.first_year; y <= t.last_year; ++y) years.push_back(y);
  return years;
}

std::vector<double> metric_of(const Trajectory& t, const InstitutionSeries& inst, Metric m) {
  std::vector<double> v;
  for (int yi = 0; yi < t.year_count(); ++yi) v.push_back(inst.at(yi, m));
  return v;
}

// A plain line; bands are added by with_bands.
Series line(std::string name, std::vector<double> x, std::vector<double> y, int color, bool dashed = false) {
  Series s;
  s.name = std::move(name);
  s.x = std::move(x);
  s.y = std::move(y);
  s.color = color;
  s.dashed = dashed;
  return s;
}

// The Monte Carlo table a fan chart takes its bands from: the scenario's, or for the policy's
// effect the comparison (column "difference"); nullptr without -n.
const StatTable* sampled(const BriefInput& in, bool effect) {
  const BriefUncertainty* u = in.uncertainty;
  if (!u || u->inputs == 0) return nullptr;
  if (!effect) return &u->scenario;
  return u->comparison ? &*u->comparison : nullptr;
}

// With a Monte Carlo table, the line of `id`'s metric `m` becomes the median of the samples,
// with the 25-75% and 5-95% bands around it; a value undefined in every sample is a gap.
void with_bands(Series& s, const StatTable* t, const std::string& id, Metric m) {
  if (!t) return;
  auto inst = std::find(t->institutions.begin(), t->institutions.end(), id);
  auto metric = std::find(t->metrics.begin(), t->metrics.end(), m);
  if (inst == t->institutions.end() || metric == t->metrics.end()) return;
  size_t i = static_cast<size_t>(inst - t->institutions.begin()), k = static_cast<size_t>(metric - t->metrics.begin());
  size_t column = t->columns.size() - 1;  // "value", or a comparison's "difference"
  static_assert(kPercentiles == std::array<double, 5>{5, 25, 50, 75, 95});
  std::vector<double>* ends[] = {&s.outer_low, &s.low, &s.y, &s.high, &s.outer_high};
  for (std::vector<double>* v : ends) v->clear();
  for (double x : s.x) {
    int yi = static_cast<int>(x) - t->first_year;
    for (size_t p = 0; p < kPercentiles.size(); ++p)
      ends[p]->push_back(yi >= 0 && yi < t->year_count() ? t->at(i, k, yi, column).percentiles[p] : kNaN);
  }
}

// The legend entry that explains the bands of a fan chart.
std::string bands_note(const StatTable& t) {
  return fmt::format("Lines: medians; shaded: 25\u201375% and 5\u201395% of {} samples",
                     text::group_thousands(std::to_string(t.samples)));
}

// The range of the defined values of all series and their bands (positive ones only for log axes).
std::pair<double, double> range_of(const std::vector<Series>& series, bool log, bool stacked = false) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  auto take = [&](double v) {
    if (!std::isfinite(v) || (log && v <= 0)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  };
  if (stacked && !series.empty()) {
    for (size_t i = 0; i < series.front().y.size(); ++i) {
      double total = 0;
      for (const Series& s : series) total += std::isfinite(s.y[i]) ? s.y[i] : 0;
      take(total);
    }
    take(0);
  }
  for (const Series& s : series)
    for (const std::vector<double>* v : {&s.y, &s.low, &s.high, &s.outer_low, &s.outer_high})
      for (double x : *v) take(x);
  if (lo > hi) return {kNaN, kNaN};
  return {lo, hi};
}

std::string source_line(const BriefInput& in) {
  return fmt::format("Source: labsim {} model (docs/model.md), scenario \"{}\"; inputs and their sources {}.",
                     version(), in.scenario->name,
                     in.appendix ? "in the assumptions table" : "with labsim brief --appendix");
}

// A legend or title name: shortened to 48 characters, and for replicas either the total of all
// copies or one copy ("each of 7"), as the chart's metric is.
std::string label_of(const InstitutionSeries& inst, bool total = true) {
  std::string name = inst.name.size() > 48 ? inst.name.substr(0, 45) + "..." : inst.name;
  if (inst.replicas == 1) return name;
  return total ? fmt::format("{} ({} together)", name, inst.replicas)
               : fmt::format("{} (each of {})", name, inst.replicas);
}

// Colours follow an institution's place in the scenario, so it keeps its colour in every chart.
int color_of(const Trajectory& t, const InstitutionSeries& inst) {
  return static_cast<int>(&inst - t.institutions.data());
}

Chart chart(const BriefInput& in, BriefChart id, std::string title, ChartKind kind) {
  Chart c;
  c.id = chart_id(id);
  c.title = std::move(title);
  c.source = source_line(in);
  c.kind = kind;
  const Trajectory& t = *in.trajectory;
  c.x = make_axis("Year", ScaleKind::kLinear, t.first_year, t.last_year, TickStyle::kYear);
  return c;
}

void finish(Chart& c, ScaleKind kind, std::string y_label, TickStyle style) {
  auto [lo, hi] = range_of(c.series, kind == ScaleKind::kLog, c.kind == ChartKind::kStackedBars);
  c.y = make_axis(std::move(y_label), kind, lo, hi, style);
}

Chart per_researcher(const BriefInput& in) {
  const Trajectory& t = *in.trajectory;
  Chart c = chart(in, BriefChart::kComputePerResearcher, "Training compute per researcher", ChartKind::kLines);
  const StatTable* mc = sampled(in, false);
  for (const auto& inst : t.institutions) {
    if (inst.kind == InstitutionKind::kNationalResource) continue;
    Metric m = Metric::kComputeH100HoursPerResearcher;
    c.series.push_back(line(label_of(inst, false), years_of(t), metric_of(t, inst, m), color_of(t, inst)));
    with_bands(c.series.back(), mc, inst.id, m);
  }
  if (mc) c.bands = bands_note(*mc);
  finish(c, ScaleKind::kLog, "H100-hours per researcher per year (log scale)", TickStyle::kNumber);
  return c;
}

Chart largest_run(const BriefInput& in) {
  const Trajectory& t = *in.trajectory;
  Chart c = chart(in, BriefChart::kLargestRun, "Largest trainable run against the frontier", ChartKind::kLines);
  const StatTable* mc = sampled(in, false);
  for (const auto& inst : t.institutions) {
    Metric m = Metric::kComputeLargestRunFlop;
    c.series.push_back(line(label_of(inst, false), years_of(t), metric_of(t, inst, m), color_of(t, inst)));
    with_bands(c.series.back(), mc, inst.id, m);
  }
  // The frontier of the nominal run: the largest modelled run, or the exogenous floor, which the
  // label names when it sets the frontier in any year.
  if (!t.institutions.empty()) {
    const InstitutionSeries& any = t.institutions.front();
    std::vector<double> exogenous = metric_of(t, any, Metric::kComputeFrontierExogenous);
    bool assumed = std::any_of(exogenous.begin(), exogenous.end(), [](double v) { return v > 0; });
    std::string label = assumed ? "Frontier run (assumed by the scenario where above the modelled runs)" : "Frontier run (largest modelled run)";
    if (mc) label += ", nominal";
    c.series.push_back(line(label, years_of(t), metric_of(t, any, Metric::kComputeFrontierFlop), 7, true));
  }
  if (mc) c.bands = bands_note(*mc);
  finish(c, ScaleKind::kLog, "Training compute of one run, FLOP (log scale)", TickStyle::kNumber);
  return c;
}

Chart budget_split(const BriefInput& in, const InstitutionSeries& u) {
  const Trajectory& t = *in.trajectory;
  Chart c = chart(in, BriefChart::kBudgetSplit, fmt::format("Where the money goes: {}", label_of(u)), ChartKind::kStackedBars);
  // Each bar is the year's whole spending. The part the institution's own reserves paid (without
  // F&A) is carved out of people first, then compute. Commitments cut for lack of money are not
  // spending and have no bar (the findings name them).
  std::vector<double> people = metric_of(t, u, Metric::kBudgetPersonnelSpend), compute, reserves;
  for (int yi = 0; yi < t.year_count(); ++yi) {
    auto i = static_cast<size_t>(yi);
    double drawn = u.at(yi, Metric::kBudgetReservesDrawn);
    compute.push_back(u.at(yi, Metric::kBudgetComputeCapex) + u.at(yi, Metric::kBudgetComputeOpex) +
                      u.at(yi, Metric::kBudgetCloudSpend));
    double from_people = std::min(drawn, people[i]);
    people[i] -= from_people;
    compute[i] -= std::min(drawn - from_people, compute[i]);
    reserves.push_back(drawn);
  }
  c.series.push_back(line("People", years_of(t), people, 0));
  c.series.push_back(line("Compute", years_of(t), compute, 1));
  c.series.push_back(line("Indirect costs (F&A)", years_of(t), metric_of(t, u, Metric::kBudgetIndirect), 2));
  if (std::any_of(reserves.begin(), reserves.end(), [](double v) { return v > 0; }))
    c.series.push_back(line("Paid from reserves", years_of(t), reserves, 5));
  finish(c, ScaleKind::kLinear, "Spending per year, USD", TickStyle::kUsd);
  return c;
}

Chart people(const BriefInput& in, const InstitutionSeries& u) {
  const Trajectory& t = *in.trajectory;
  Chart c = chart(in, BriefChart::kPeople, fmt::format("Researchers and departures to industry: {}", label_of(u)),
                  ChartKind::kLines);
  std::vector<double> cumulative;
  double sum = 0;
  for (int yi = 0; yi < t.year_count(); ++yi) cumulative.push_back(sum += u.at(yi, Metric::kTalentDeparturesToIndustry));
  c.series.push_back(line("Researchers (headcount)", years_of(t), metric_of(t, u, Metric::kTalentHeadcount), 4));
  c.series.push_back(line("Departures to industry, cumulative", years_of(t), cumulative, 5));
  std::vector<double> cut;
  sum = 0;
  for (int yi = 0; yi < t.year_count(); ++yi) cut.push_back(sum += u.at(yi, Metric::kTalentPostsCut));
  if (sum > 0) c.series.push_back(line("Posts cut for lack of money, cumulative", years_of(t), cut, 6, true));
  finish(c, ScaleKind::kLinear, "People", TickStyle::kNumber);
  return c;
}

// Policy minus baseline, H100-hours per researcher, for institutions in both runs; with -n the
// median and bands of the difference sample by sample (common random numbers).
Chart policy_effect(const BriefInput& in) {
  const Trajectory& t = *in.trajectory;
  Chart c = chart(in, BriefChart::kPolicyEffect, "Policy minus baseline: compute per researcher", ChartKind::kLines);
  const StatTable* mc = sampled(in, true);
  for (const auto& inst : t.institutions) {
    auto base = std::find_if(in.baseline->institutions.begin(), in.baseline->institutions.end(),
                             [&](const InstitutionSeries& b) { return b.id == inst.id; });
    if (base == in.baseline->institutions.end() || inst.kind == InstitutionKind::kNationalResource) continue;
    Series s = line(label_of(inst, false), years_of(t), {}, color_of(t, inst));
    for (int yi = 0; yi < t.year_count(); ++yi) {
      int by = t.first_year + yi - in.baseline->first_year;
      s.y.push_back(by >= 0 && by < in.baseline->year_count()
                        ? inst.at(yi, Metric::kComputeH100HoursPerResearcher) -
                              base->at(by, Metric::kComputeH100HoursPerResearcher)
                        : kNaN);
    }
    with_bands(s, mc, inst.id, Metric::kComputeH100HoursPerResearcher);
    // An institution the policy leaves alone (a difference of 0 in every year) is no line worth a
    // legend entry; the first one stays when the policy changes nothing at all.
    const bool unchanged = std::all_of(s.y.begin(), s.y.end(), [](double v) { return !(std::fabs(v) > 0); });
    if (unchanged && !c.series.empty()) continue;
    c.series.push_back(std::move(s));
  }
  if (mc) c.bands = bands_note(*mc);
  finish(c, ScaleKind::kLinear, "Change in H100-hours per researcher per year", TickStyle::kNumber);
  return c;
}

}  // namespace

std::vector<Chart> brief_charts(const BriefInput& in) {
  std::vector<Chart> charts = {per_researcher(in), largest_run(in)};
  if (const InstitutionSeries* u = focal_institution(*in.trajectory)) {
    charts.push_back(budget_split(in, *u));
    charts.push_back(people(in, *u));
  }
  if (in.baseline) {
    Chart effect = policy_effect(in);
    if (!effect.series.empty()) charts.push_back(std::move(effect));  // no institution in both runs
  }
  if (in.uncertainty && in.uncertainty->tornado) {
    Chart tornado = tornado_chart(in);
    if (!tornado.bars.empty()) charts.push_back(std::move(tornado));  // no input moves the metric
  }
  return charts;
}

}  // namespace labsim::report
