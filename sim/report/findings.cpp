// Key findings: sentences built from a trajectory's metrics, rounded the way a reader expects.
#include "report/findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>
#include <vector>

#include "report/findings_context.hpp"
#include "report/words.hpp"
#include "text/number.hpp"

namespace labsim::report {

namespace {

// "the institute has 2,000 H100-hours per researcher", "... has no compute of its own", "... has no
// researchers".
std::string per_researcher(const Side& x, double v) {
  std::string has = fmt::format("{} {} ", x.name, x.verb("has", "have"));
  if (!is_defined(v)) return has + "no researchers";
  if (v <= 0) return fmt::format("{}no compute of {} own", has, x.its());
  return fmt::format("{}{} per researcher", has, count_words(v, "H100-hour"));
}

std::string comparison(const Side& a, double va, const Side& b, double vb) {
  if (va < vb) return comparison(b, vb, a, va);
  std::string hours_a = count_words(va, "H100-hour"), hours_b = count_words(vb, "H100-hour");
  if (about_same(va / vb))
    return fmt::format("{} and {} have about the same training compute per researcher: {} and {}", a.name,
                       b.name, hours_a, hours_b);
  return fmt::format("{} {} {} as much training compute per researcher as {}: {} against {}", a.name,
                     a.verb("has", "have"), times_words(va / vb), b.name, hours_a, hours_b);
}

// Finding 1: the gap in compute per researcher in the last year.
std::string compute_gap(const Context& c) {
  const Side& u = c.subject;
  Side i = c.other;
  double vu = u.at(c.last, Metric::kComputeH100HoursPerResearcher);
  double vi = i.series ? i.at(c.last, Metric::kComputeH100HoursPerResearcher) : kUndefined;
  const auto& assumed = c.s.market.industry_h100_hours_per_researcher;
  if (!i.series && assumed && u.series->kind != InstitutionKind::kIndustry) {
    i = {nullptr, "industry labs (as the scenario assumes)", true};
    vi = assumed->at(c.t.last_year);
  }
  std::string du = per_researcher(u, vu), di = per_researcher(i, vi), text;
  bool has_u = vu > 0, has_i = vi > 0;  // false for undefined values too
  if (i.name.empty())
    text = fmt::format("{}; the scenario has no {} to compare with", du,
                       u.series->kind == InstitutionKind::kIndustry ? "university" : "industry lab");
  else if (has_u && has_i)
    text = comparison(i, vi, u, vu);
  else if (!has_u && !has_i)
    text = fmt::format("{} and {}, so there is no compute per researcher to compare", du, di);
  else
    text = has_u ? fmt::format("{}, while {}", di, du) : fmt::format("{}, while {}", du, di);
  return fmt::format("{} {}.", c.in_year, text);
}

// Finding 2: the money over the period and the largest fleet in service in any year.
std::string funding(const Context& c) {
  const Side& u = c.subject;
  double revenue = u.sum(Metric::kBudgetRevenue), peak = 0;
  int peak_year = c.t.first_year;
  for (int yi = 0; yi <= c.last; ++yi)
    if (double h = u.at(yi, Metric::kFleetH100Equivalents); h > peak) {
      peak = h;
      peak_year = c.t.first_year + yi;
    }
  std::string money = revenue > 0 ? text::money_words(revenue) + " in funding" : "no funding";
  std::string fleet =
      peak > 0 ? fmt::format("{} {} at {} in service, in {}", u.its(), u.verb("fleet peaks", "fleets peak"),
                             amount_of(peak, "H100-equivalent"), peak_year)
               : fmt::format("{} never {} a GPU in service", u.it(), u.verb("has", "have"));
  return fmt::format("{} {} {} {}; {}.", c.over_period, u.name, u.verb("receives", "receive"), money, fleet);
}


// The funding stream of `inst` whose money ended last before `year` (nullptr when none had).
const Stream* ended_before(const Institution& inst, int year) {
  const Stream* ended = nullptr;
  for (const Stream& st : inst.funding)
    if (st.last_year < year && (!ended || st.last_year > ended->last_year)) ended = &st;
  return ended;
}

// "hires nobody, cuts 10 posts, retires 68 GPUs early and idles up to 2 GPUs a year": what `u`
// cuts in years `from`-`to` (year indexes), "hires nobody" first when it hires nobody then.
std::string cut_words(const Side& u, int from, int to) {
  double hires = 0, posts = 0, retired = 0, idle = 0;
  for (int yi = from; yi <= to; ++yi) {
    hires += u.at(yi, Metric::kTalentHires);
    posts += u.at(yi, Metric::kTalentPostsCut);
    retired += u.at(yi, Metric::kFleetGpusRetiredEarly);
    idle = std::max(idle, u.at(yi, Metric::kFleetGpusIdle));
  }
  std::vector<std::string> parts;
  if (hires <= 0 && posts > 0) parts.push_back(fmt::format("{} nobody", u.verb("hires", "hire")));
  if (posts > 0) parts.push_back(fmt::format("{} {}", u.verb("cuts", "cut"), amount_of(posts, "post")));
  if (retired > 0)
    parts.push_back(fmt::format("{} {} early", u.verb("retires", "retire"), count_words(retired, "GPU")));
  if (idle > 0) parts.push_back(fmt::format("{} up to {} a year", u.verb("idles", "idle"), count_words(idle, "GPU")));
  std::string out;
  for (size_t k = 0; k < parts.size(); ++k)
    out += (k == 0 ? "" : k + 1 == parts.size() ? " and " : ", ") + parts[k];
  return out;
}

}  // namespace

std::string money_runs_out(const Context& c, const Side& u) {
  int short_from = -1, cut_from = -1, cut_to = -1, run_out = -1;
  double drawn = 0, unfunded = 0;
  for (int yi = 0; yi <= c.last; ++yi) {
    double d = u.at(yi, Metric::kBudgetReservesDrawn), un = u.at(yi, Metric::kBudgetUnfunded);
    if ((d > 0 || un > 0) && short_from < 0) short_from = yi;
    if (d > 0 && run_out < 0 && u.at(yi, Metric::kBudgetReserves) <= 0) run_out = yi;
    if (un > 0) {
      if (cut_from < 0) cut_from = yi;
      cut_to = yi;
    }
    drawn += d;
    unfunded += un;
  }
  if (short_from < 0) return "";
  int year = c.t.first_year + short_from;
  std::string why;
  const Institution* inst = institution_of(c, u);
  const Stream* ended = inst ? ended_before(*inst, year) : nullptr;
  if (ended && ended->last_year >= c.t.first_year)
    why = fmt::format(", after {} {} funding ends in {} (the scenario does not renew it)", u.its(), ended->name,
                      ended->last_year);
  double carried = short_from > 0 ? u.at(short_from - 1, Metric::kBudgetCarryover) : 0;
  double revenue = u.at(short_from, Metric::kBudgetRevenue);
  std::string money;
  // A few dollars left over are no money to speak of (a year's spending rounds them away).
  const double spent_before = short_from > 0 ? u.at(short_from - 1, Metric::kBudgetRevenue) : 0;
  if (revenue + carried < 1e-4 * spent_before) revenue = carried = 0;
  if (carried > 0)
    money = fmt::format("{} revenue and carry-over ({}) no longer pay", u.possessive(),
                        text::money_words(revenue + carried));
  else if (revenue > 0)
    money = fmt::format("{} revenue ({}) no longer pays", u.possessive(), text::money_words(revenue));
  else
    money = fmt::format("{} {} no money left to pay", u.name, u.verb("has", "have"));
  bool people = u.at(short_from, Metric::kTalentHeadcount) + u.at(short_from, Metric::kTalentPostsCut) > 0;
  bool gpus = u.at(short_from, Metric::kFleetGpus) + u.at(short_from, Metric::kFleetGpusRetiredEarly) > 0;
  std::string held = people && gpus ? "the people and GPUs" : people ? "the people" : gpus ? "the GPUs" : "what";
  std::string text =
      fmt::format("From {}{}, {} for {} {} already {}", year, why, money, held, u.it(), u.verb("has", "have"));
  std::string reserves;
  if (drawn > 0) {
    reserves = fmt::format("{} reserves pay {} of the difference", u.its(), text::money_words(drawn));
    if (run_out >= 0) reserves += fmt::format(" until they run out in {}", c.t.first_year + run_out);
    else
      reserves += fmt::format(", and {} are left in {}", text::money_words(u.at(c.last, Metric::kBudgetReserves)),
                              c.t.last_year);
  }
  std::string cuts;
  if (cut_from >= 0)
    cuts = fmt::format("{} {} {}, commitments {} can no longer pay: {} in all",
                       in_years(c.t.first_year + cut_from, c.t.first_year + cut_to), u.it(),
                       cut_words(u, cut_from, cut_to), u.it(), text::money_words(unfunded));
  if (!reserves.empty() && !cuts.empty()) return fmt::format("{}: {}; {}.", text, reserves, cuts);
  return fmt::format("{}: {}.", text, reserves.empty() ? cuts : reserves);
}

namespace {

// "with 1 in 255,000 of the compute of", "62% the size of", "about the size of", "3.1 times the size of".
std::string frontier_size(double ratio) {
  if (about_same(ratio)) return "about the size of";
  if (ratio > 1) return times_words(ratio) + " the size of";
  if (ratio >= 0.01) return text::percent_words(ratio) + " the size of";
  return fmt::format("with 1 in {} of the compute of", text::count_number(1 / ratio));
}

// The frontier of the last year: "the frontier run of 2034", or when an exogenous floor sets it
// "the assumed frontier run of 2034 (an exogenous input: on 2034's best hardware it would need ...)";
// without the year (a second mention), "the frontier run" or "the assumed frontier run".
std::string frontier_phrase(const Context& c, const Side& x, bool with_year) {
  std::string year = with_year ? fmt::format(" of {}", c.t.last_year) : "";
  if (x.at(c.last, Metric::kComputeFrontierExogenous) > 0) {
    double gw = x.at(c.last, Metric::kComputeFrontierPowerGw), capex = x.at(c.last, Metric::kComputeFrontierCapex);
    std::string needs = is_defined(gw) ? fmt::format(": on {}'s best hardware it would need {} and {} of GPUs and servers",
                                                     c.t.last_year, text::scaled(gw, 2) + " GW", text::money_words(capex))
                                       : "";
    // Named in full once: a second mention is "the assumed frontier run".
    return with_year ? fmt::format("the assumed frontier run{} (an exogenous input{})", year, needs)
                     : "the assumed frontier run";
  }
  return "the frontier run" + year;
}

// " (1.26e29 FLOP on GPUs drawing 645 MW, within its 2.26 GW site)": what bounds a run that sets
// the frontier; "" for a run without owned GPUs.
std::string run_power(const Context& c, const Side& x) {
  double mw = x.at(c.last, Metric::kComputeLargestRunPowerMw);
  if (!(mw > 0)) return "";
  std::string flop = fmt::format("{:.3g}", x.at(c.last, Metric::kComputeLargestRunFlop));
  if (size_t e = flop.find("e+"); e != std::string::npos) flop.erase(e + 1, 1);  // "1.26e29"
  std::string text = fmt::format(" ({} FLOP on GPUs drawing {}", flop,
                                 mw >= 1000 ? text::scaled(mw / 1000, 2) + " GW" : text::scaled(mw, 2) + " MW");
  const Institution* inst = institution_of(c, x);
  if (inst && inst->largest_run.power_cap_gw) {
    double cap = inst->largest_run.power_cap_gw->at(c.t.last_year);
    bool bound = x.at(c.last, Metric::kComputeLargestRunPowerBound) > 0;
    text += fmt::format(", {} {} {} GW site", bound ? "all the power of" : "within", x.its(), text::scaled(cap, 2));
  }
  return text + ")";
}

// "the largest compute-optimal model the institute can train has 68.6 billion parameters, on a run
// ..."; `after` names it "the industry lab's" after a first clause that named a model.
std::string model_clause(const Context& c, const Side& x, bool after) {
  double params = x.at(c.last, Metric::kComputeOptimalParams),
         ratio = x.at(c.last, Metric::kComputeFrontierRatio);
  if (!(params > 0)) return fmt::format("{} {} no compute for a training run", x.name, x.verb("has", "have"));
  std::string out = after ? fmt::format("{} {}", x.possessive(), x.verb("has", "have"))
                          : fmt::format("the largest compute-optimal model {}{} can train has",
                                        x.many ? "each of " : "", x.name);
  out += fmt::format(" {}", count_words(params, "parameter"));
  bool sets = ratio == 1 && x.at(c.last, Metric::kComputeFrontierExogenous) == 0;
  if (sets) out += fmt::format(", on {} own run, which sets the frontier of {}{}", x.its(), c.t.last_year, run_power(c, x));
  else if (is_defined(ratio) && ratio > 0)
    out += fmt::format(", on a run {} {}", frontier_size(ratio), frontier_phrase(c, x, !after));
  return out;
}

// Finding 3: the largest model each side can train in the last year, against the frontier run:
// the largest modelled run, or an exogenous floor, which the sentence says is an assumption.
std::string largest_model(const Context& c) {
  std::string text = model_clause(c, c.subject, false);
  if (c.other.series)
    text += fmt::format("; {}", model_clause(c, c.other, c.subject.at(c.last, Metric::kComputeOptimalParams) > 0));
  return fmt::format("{} {}.", c.in_year, text);
}

std::string headcount_change(const Context& c, const std::string& whose) {
  double from = c.subject.at(0, Metric::kTalentHeadcount),
         to = c.subject.at(c.last, Metric::kTalentHeadcount);
  std::string a = text::count_number(from), b = text::count_number(to);
  if (a == b) return fmt::format("{} research headcount stays at {} over {}", whose, a, c.period);
  return fmt::format("{} research headcount {} from {} in {} to {} in {}", whose,
                     to > from ? "grows" : "falls", a, c.t.first_year, b, c.t.last_year);
}

// Finding 4: researchers lost to industry over the period, and the headcount first to last year.
std::string talent(const Context& c) {
  const Side& u = c.subject;
  if (u.series->kind != InstitutionKind::kUniversity)
    return capitalized(headcount_change(c, u.possessive())) + ".";
  std::string graduates;  // from the last year that has graduates
  for (int yi = c.last; yi >= 0 && graduates.empty(); --yi)
    if (double share = u.at(yi, Metric::kTalentGraduatesToIndustryShare);
        is_defined(share) && u.at(yi, Metric::kTalentGraduates) >= 0.5)
      graduates = fmt::format(" ({} of {} {} graduates take industry jobs)", text::percent_words(share), u.its(),
                              c.t.first_year + yi);
  // People who leave are replaced while the money lasts: say so when the headcount does not fall.
  const double gone = u.sum(Metric::kTalentDeparturesToIndustry);
  const bool refilled = gone >= 0.5 && u.at(c.last, Metric::kTalentHeadcount) >= u.at(0, Metric::kTalentHeadcount);
  return fmt::format("{} {} {} {} to industry{}{}, and {}.", c.over_period, u.name, u.verb("loses", "lose"),
                     amount_of(gone, "researcher"), graduates, refilled ? ", whose posts are filled again" : "",
                     headcount_change(c, u.its()));
}

}  // namespace

const InstitutionSeries* focal_institution(const Trajectory& t) {
  if (const InstitutionSeries* u = first_of(t, InstitutionKind::kUniversity)) return u;
  const InstitutionSeries* industry = first_of(t, InstitutionKind::kIndustry);
  for (const InstitutionSeries& x : t.institutions)
    if (&x != industry) return &x;
  return industry;
}

std::string spread_finding(const Trajectory& t, const StatTable& mc) {
  const InstitutionSeries* focal = focal_institution(t);
  if (!focal || mc.year_count() < 1) return "";
  auto inst = std::find(mc.institutions.begin(), mc.institutions.end(), focal->id);
  auto metric = std::find(mc.metrics.begin(), mc.metrics.end(), Metric::kComputeH100HoursPerResearcher);
  if (inst == mc.institutions.end() || metric == mc.metrics.end()) return "";
  const Summary& v = mc.at(static_cast<size_t>(inst - mc.institutions.begin()),
                           static_cast<size_t>(metric - mc.metrics.begin()), mc.year_count() - 1, 0);
  static_assert(kPercentiles.front() == 5 && kPercentiles.back() == 95);
  double lo = v.percentiles.front(), hi = v.percentiles.back();
  if (v.defined == 0 || !std::isfinite(lo) || !std::isfinite(hi)) return "";
  Side x = side_of(focal);
  std::string head = fmt::format("Across {} sampled set{} of assumptions, {} compute per researcher in {}",
                                 text::count_number(static_cast<double>(mc.samples)), mc.samples == 1 ? "" : "s",
                                 x.possessive(), mc.last_year);
  // Four significant digits, as `labsim mc` prints them: the percentiles are good to 0.5%.
  lo = text::round_sig(lo, 4);
  hi = text::round_sig(hi, 4);
  std::string a = text::count_number(lo), b = text::count_number(hi);
  if (a == b) return fmt::format("{} is {} in every sample: the uncertain inputs do not move it.", head,
                                 count_words(hi, "H100-hour"));
  // "368 thousand and 684 thousand" reads "368 and 684 thousand".
  for (const char* scale : text::kScales)
    if (*scale && a.ends_with(scale) && b.ends_with(scale)) a.resize(a.size() - std::string_view(scale).size());
  return fmt::format("{} lies between {} and {} (90% interval).", head, a, count_words(hi, "H100-hour"));
}

std::string effect_spread_finding(const Trajectory& t, const StatTable& comparison, int year) {
  const InstitutionSeries* focal = focal_institution(t);
  if (!focal || year < comparison.first_year || year > comparison.last_year || comparison.columns.size() < 3)
    return "";
  auto inst = std::find(comparison.institutions.begin(), comparison.institutions.end(), focal->id);
  auto metric = std::find(comparison.metrics.begin(), comparison.metrics.end(), Metric::kComputeH100HoursPerResearcher);
  if (inst == comparison.institutions.end() || metric == comparison.metrics.end()) return "";
  const Summary& v = comparison.at(static_cast<size_t>(inst - comparison.institutions.begin()),
                                   static_cast<size_t>(metric - comparison.metrics.begin()),
                                   year - comparison.first_year, 2);
  double lo = v.percentiles.front(), hi = v.percentiles.back();
  if (v.defined == 0 || !std::isfinite(lo) || !std::isfinite(hi)) return "";
  auto signed_count = [](double x) {
    x = text::round_sig(x, 4);
    return x > 0 ? "+" + text::count_number(x) : x < 0 ? "-" + text::count_number(-x) : std::string("0");
  };
  return fmt::format("Across {} sampled sets of assumptions, the policy changes {} compute per researcher in {} by "
                     "between {} and {} H100-hours (90% interval).",
                     text::count_number(static_cast<double>(comparison.samples)), side_of(focal).possessive(),
                     year, signed_count(lo), signed_count(hi));
}

std::vector<std::string> key_findings(const Scenario& s, const Trajectory& t, const Scenario* baseline_scenario,
                                      const Trajectory* baseline, const std::string& spread) {
  if (t.institutions.empty() || t.year_count() < 1) return {"The scenario has no institutions to report on."};
  Context c = context_of(s, t);
  // In order of importance; the first five are kept.
  std::vector<std::string> out;
  if (baseline) {
    std::string headline = policy_headline(c, baseline_scenario, *baseline);
    if (!headline.empty()) out.push_back(headline);
  }
  out.push_back(compute_gap(c));
  if (!spread.empty()) out.push_back(spread);
  if (!baseline) out.push_back(largest_model(c));
  out.push_back(talent(c));
  std::string money = money_runs_out(c, c.subject);
  out.push_back(money.empty() ? funding(c) : money);
  if (baseline) out.push_back(largest_model(c));
  if (out.size() > kMaxFindings) out.resize(kMaxFindings);
  return out;
}

}  // namespace labsim::report
