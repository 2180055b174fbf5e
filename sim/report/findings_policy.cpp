// The brief's policy sentences: the headline change, the policy's effect with and without it
// (page 2), what its money would do as plain funding, and what national resources deliver.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/findings.hpp"
#include "report/findings_context.hpp"
#include "report/words.hpp"
#include "text/number.hpp"

namespace labsim::report {

namespace {

// The years both runs cover; first > last when they share none.
struct Overlap {
  int first = 0, last = 0;
};

Overlap overlap(const Trajectory& a, const Trajectory& b) {
  return {std::max(a.first_year, b.first_year), std::min(a.last_year, b.last_year)};
}

// A value of the subject before (baseline) and after (policy), the two runs' years aligned.
struct Pair {
  double before = kUndefined, after = kUndefined;
};

// The metric in `year` (or summed over the overlap when `year` is 0) for the subject in both runs;
// per institution when the replica counts differ.
Pair pair_of(const Side& was, const Trajectory& b, const Side& now, const Trajectory& t, Metric m, int year,
             Overlap o) {
  const bool per_one = was.series->replicas != now.series->replicas;
  auto value = [&](const Side& x, const Trajectory& run) {
    double v = 0;
    if (year) v = x.at(year - run.first_year, m);
    else
      for (int y = o.first; y <= o.last; ++y) v += x.at(y - run.first_year, m);
    return per_one && metric_info(m).extensive ? v / x.series->replicas : v;
  };
  return {value(was, b), value(now, t)};
}

// "rises from 132,730 to 135,000 H100-hours (+1.7%)", "stays at 14 researchers".
std::string moves(const Pair& p, const std::string& noun, const char* up, const char* down) {
  // Fewer than a hundred (people): one decimal, so that the percentage beside them adds up.
  const bool small = std::fabs(p.before) < 100 && std::fabs(p.after) < 100 && noun == "researcher";
  auto number = [&](double v) { return small ? fmt::format("{:.1f}", v) : text::count_number(v); };
  const std::string a = number(p.before), b = small ? fmt::format("{} {}", number(p.after), plural(noun))
                                                    : count_words(p.after, noun);
  // The verb agrees with its subject: "it rises", "departures rise"; so does "stay".
  if (a == number(p.after)) return fmt::format("{} at {}", std::string(up).ends_with('s') ? "stays" : "stay", b);
  std::string change = percent_change(p.before, p.after);
  return fmt::format("{} from {} to {}{}", p.after > p.before ? up : down, a, b,
                     change.empty() ? "" : fmt::format(" ({})", change));
}

// The subject in the baseline run, or an empty side when the baseline lacks it.
Side baseline_side(const Context& c, const Trajectory& b) { return side_of(series_of(b, c.subject.series->id)); }

std::string allocation_words(const Context& c, const Allocation& a, double delivered, double year_granted, bool first,
                             int yi) {
  const Institution& to = c.s.institutions[static_cast<size_t>(a.recipient)];
  std::string out = a.h100_hours ? fmt::format("{} to {}", count_words(year_granted, "H100-hour"), display_name(to))
                                 : fmt::format("{}{} to {}", text::percent_words(a.share), first ? " of them" : "",
                                               display_name(to));
  double received = a.h100_hours ? year_granted : a.share * delivered;
  double total = c.subject.at(yi, Metric::kComputeH100Hours);
  if (to.id == c.subject.series->id && received > 0 && total > 0)
    out += fmt::format(" ({}{} of {} compute)", a.h100_hours ? "" : count_words(received, "H100-hour") + ", ",
                       text::percent_words(received / total), c.subject.possessive());
  return out;
}

// The year both runs cover in which the policy changes `m` of the subject most (the absolute
// change; the latest such year on a tie, so a constant change is told at its last year); the
// last year when it changes nothing.
int peak_year(const Side& was, const Trajectory& b, const Side& now, const Trajectory& t, Metric m, Overlap o) {
  int best = o.last;
  double most = 0;
  for (int y = o.first; y <= o.last; ++y) {
    const Pair p = pair_of(was, b, now, t, m, y, o);
    if (!is_defined(p.before) || !is_defined(p.after)) continue;
    const double change = std::fabs(p.after - p.before);
    if (change > 0 && change >= most * (1 - 1e-9)) most = std::max(most, change), best = y;
  }
  return best;
}

// People as the brief writes them: one decimal below a hundred, so that small changes show.
std::string people(double n) { return std::fabs(n) < 100 ? fmt::format("{:.1f}", n) : text::count_number(n); }

// "expected notable models ... rise from 1.2 to 1.3 (+8%)": two significant digits, as the counts are small.
std::string models_moves(const Pair& p) {
  auto two = [](double v) { return v < 10 ? fmt::format("{:.2f}", v) : fmt::format("{:.3g}", text::round_sig(v, 3)); };
  if (two(p.before) == two(p.after)) return fmt::format("stay at {}", two(p.after));
  return fmt::format("{} from {} to {} ({})", p.after > p.before ? "rise" : "fall", two(p.before), two(p.after),
                     percent_change(p.before, p.after));
}

}  // namespace

namespace {

// A stream's money, its years and its details apart: "$420,000 a year", "over 2024-2034",
// "growing 2.5% a year, for people only".
struct StreamWords {
  std::string money, years, details;
  std::string all() const { return money + " " + years + (details.empty() ? "" : " (" + details + ")"); }
};

StreamWords stream_words(const Stream& st) {
  StreamWords w;
  w.money = st.per_year ? text::money_words(st.amount_usd) + " a year" : text::money_words(st.amount_usd);
  w.years = st.first_year == st.last_year ? fmt::format("in {}", st.first_year)
                                          : fmt::format("over {}-{}", st.first_year, st.last_year);
  std::vector<std::string> d;
  if (st.per_year && st.growth_factor != 1)
    d.push_back(fmt::format("growing {:g}% a year", text::round_sig((st.growth_factor - 1) * 100, 3)));
  if (st.purpose != Purpose::kAny) d.push_back(fmt::format("for {} only", to_string(st.purpose)));
  for (size_t k = 0; k < d.size(); ++k) w.details += (k ? ", " : "") + d[k];
  return w;
}

// A role's people in the plural: "faculty", "postdocs", "PhD students".
std::string role_plural(Role r) {
  switch (r) {
    case Role::kFaculty: return "faculty";
    case Role::kPostdoc: return "postdocs";
    case Role::kPhd: return "PhD students";
    case Role::kResearchScientist: return "research scientists";
    case Role::kEngineer: return "engineers";
  }
  return "people";
}

// "the institute's faculty", "State University's topped-up faculty (20)".
std::string people_words(const Institution& inst, const RolePlan& p) {
  std::string who = display_name(inst);
  who += who.ends_with('s') ? "'" : "'s";
  if (p.group.empty()) return fmt::format("{} {}", who, role_plural(p.role));
  return fmt::format("{} {} {} ({})", who, p.group, role_plural(p.role), text::count_number(p.count));
}

const RolePlan* same_entry(const Institution& inst, const RolePlan& p) {
  for (const RolePlan& q : inst.people)
    if (q.role == p.role && q.group == p.group) return &q;
  return nullptr;
}

}  // namespace

std::vector<std::string> policy_description(const Scenario& baseline, const Scenario& policy) {
  std::vector<std::string> parts;
  auto in_baseline = [&](const std::string& id) -> const Institution* {
    for (const Institution& i : baseline.institutions)
      if (i.id == id) return &i;
    return nullptr;
  };
  for (const Institution& inst : policy.institutions) {
    const Institution* was = in_baseline(inst.id);
    if (!was) {
      std::string text = fmt::format("{} ({}", display_name(inst),
                                     inst.kind == InstitutionKind::kNationalResource ? "a national compute resource"
                                     : inst.kind == InstitutionKind::kIndustry       ? "an industry lab"
                                                                                     : "a university");
      std::vector<std::string> money;
      for (const Stream& st : inst.funding) money.push_back(stream_words(st).all());
      if (!money.empty()) text += ", with " + money.front() + (money.size() > 1 ? " and more" : "");
      text += ")";
      std::vector<std::string> gives;
      for (const Allocation& a : inst.allocations) {
        const Institution& to = policy.institutions[static_cast<size_t>(a.recipient)];
        gives.push_back(a.h100_hours ? fmt::format("{} a year to {}", count_words(a.h100_hours->at(policy.first_year), "H100-hour"), display_name(to))
                                     : fmt::format("{} of its hours to {}", text::percent_words(a.share), display_name(to)));
      }
      if (!gives.empty()) {
        text += grants_only(inst) ? " granting " : " allocating ";
        for (size_t k = 0; k < gives.size(); ++k) text += (k == 0 ? "" : k + 1 == gives.size() ? " and " : ", ") + gives[k];
      }
      parts.push_back(text);
      continue;
    }
    if (was->replicas != inst.replicas)
      parts.push_back(fmt::format("{} copies of {} instead of {}", inst.replicas, inst.name, was->replicas));
    for (const Stream& st : inst.funding) {
      auto old = std::find_if(was->funding.begin(), was->funding.end(), [&](const Stream& o) { return o.name == st.name; });
      const StreamWords w = stream_words(st);
      if (old == was->funding.end())
        parts.push_back(fmt::format("{} more for {} {}{}", w.money, display_name(inst), w.years,
                                    w.details.empty() ? "" : " (" + w.details + ")"));
      else if (old->amount_usd != st.amount_usd || old->per_year != st.per_year || old->first_year != st.first_year ||
               old->last_year != st.last_year)
        parts.push_back(fmt::format("{} for {} instead of {}", w.all(), display_name(inst), stream_words(*old).all()));
    }
    for (const RolePlan& p : inst.people) {
      const RolePlan* old = same_entry(*was, p);
      if (!old) {
        parts.push_back(fmt::format("{} more {} at {} a year", text::count_number(p.count), role_plural(p.role),
                                    text::money_words(p.salary_usd)));
        continue;
      }
      if (old->salary_usd != p.salary_usd && !p.market_salary)
        parts.push_back(fmt::format("a salary of {} for {}, against {}", text::money_words(p.salary_usd),
                                    people_words(inst, p), text::money_words(old->salary_usd)));
      if (old->count != p.count)
        parts.push_back(fmt::format("{} {} against {}", text::count_number(p.count), people_words(inst, p),
                                    text::count_number(old->count)));
    }
  }
  return parts;
}

std::string policy_headline(const Context& c, const Scenario*, const Trajectory& b) {
  const Side& u = c.subject;
  const Side was = baseline_side(c, b);
  if (!was.series) return "";
  const Overlap o = overlap(c.t, b);
  if (o.first > o.last) return "";
  const int year = peak_year(was, b, u, c.t, Metric::kComputeH100HoursPerResearcher, o);
  const Pair compute = pair_of(was, b, u, c.t, Metric::kComputeH100HoursPerResearcher, year, o);
  const Pair departures = pair_of(was, b, u, c.t, Metric::kTalentDeparturesToIndustry, 0, o);
  if (!is_defined(compute.before) || !is_defined(compute.after)) return "";
  const bool changes = text::count_number(compute.before) != text::count_number(compute.after);
  std::string a = changes ? fmt::format("{} compute per researcher changes most in {}: it {}", u.possessive(), year,
                                        moves(compute, "H100-hour", "rises", "falls"))
                          : fmt::format("{} compute per researcher does not change ({} in {})", u.possessive(),
                                        count_words(compute.after, "H100-hour"), year);
  // A change that does not last: say where it stands in the last year, inside the same brackets.
  if (changes && year != o.last) {
    const Pair end = pair_of(was, b, u, c.t, Metric::kComputeH100HoursPerResearcher, o.last, o);
    if (a.ends_with(')')) a.pop_back();
    a += text::count_number(end.before) == text::count_number(end.after)
             ? fmt::format("; by {} the difference is gone)", o.last)
             : fmt::format("; {} in {})", percent_change(end.before, end.after), o.last);
  }
  // The same change every year ("500,000 hours a year" over the same people) is said once.
  if (changes) {
    double least = INFINITY, most = 0;
    for (int y = o.first; y <= o.last; ++y) {
      const Pair p = pair_of(was, b, u, c.t, Metric::kComputeH100HoursPerResearcher, y, o);
      least = std::min(least, std::fabs(p.after - p.before));
      most = std::max(most, std::fabs(p.after - p.before));
    }
    const Pair first = pair_of(was, b, u, c.t, Metric::kComputeH100HoursPerResearcher, o.first, o);
    if (o.first < o.last && most > 0 && least >= 0.95 * most)
      a = fmt::format("{} compute per researcher {} by about {} every year ({} in {}, {} in {})", u.possessive(),
                      compute.after > compute.before ? "rises" : "falls", count_words(most, "H100-hour"),
                      percent_change(first.before, first.after), o.first, percent_change(compute.before, compute.after),
                      year);
  }
  // A policy that moves people more than compute leads with its people.
  const Pair head = pair_of(was, b, u, c.t, Metric::kTalentHeadcount, o.last, o);
  const double head_change = head.before > 0 ? std::fabs(head.after / head.before - 1) : 0;
  const double compute_change = compute.before > 0 ? std::fabs(compute.after / compute.before - 1) : 0;
  // Replicas that differ are compared per institution: totals of 7 institutes against 1 would not be.
  const char* per = was.series->replicas != u.series->replicas ? " per institution" : "";
  std::string d = fmt::format("{} departures to industry over {}-{}{} {}", u.its(), o.first, o.last, per,
                              moves(departures, "researcher", "rise", "fall"));
  if (head_change > 0.05 && head_change > compute_change)
    return fmt::format("With the policy, {} headcount in {} {}; {}, and {}.", u.possessive(), o.last,
                       moves(head, "researcher", "rises", "falls"), a, d);
  return fmt::format("With the policy, {}, and {}.", a, d);
}

std::string resource(const Context& c, const Side& r) {
  // The year it delivers most (its last year when it never delivers).
  int yi = c.last;
  for (int y = 0; y <= c.last; ++y)
    if (r.at(y, Metric::kComputeH100Hours) > r.at(yi, Metric::kComputeH100Hours)) yi = y;
  const int year = c.t.first_year + yi;
  double hours = r.at(yi, Metric::kComputeH100Hours);
  const Institution* inst = institution_of(c, r);
  const bool grants_only_program = inst && grants_only(*inst);
  const bool peak = !grants_only_program && yi != c.last && hours > 0;
  std::string text = fmt::format("In {} {} {} ", year, r.name, r.verb(grants_only_program ? "grants" : "delivers",
                                                                      grants_only_program ? "grant" : "deliver"));
  if (grants_only_program) {
    // A program with no modelled provider: its grants are its hours.
    std::vector<std::string> parts;
    for (const Allocation& a : inst->allocations)
      parts.push_back(allocation_words(c, a, 0, a.h100_hours ? a.h100_hours->at(year) : 0, false, yi));
    std::string list;
    for (size_t k = 0; k < parts.size(); ++k) list += (k == 0 ? "" : k + 1 == parts.size() ? " and " : ", ") + parts[k];
    return text + list + ", from providers the scenario does not model.";
  }
  if (!(hours > 0)) return text + "no compute.";
  text += count_words(hours, "H100-hour") + (peak ? ", its most," : "");
  if (!inst || inst->allocations.empty())
    return fmt::format("{} and {} none of them to other institutions.", text, r.verb("allocates", "allocate"));
  if (peak) text.pop_back();  // "its most; it allocates ...
  text += fmt::format("; {} {} ", r.it(), r.verb("allocates", "allocate"));
  const std::vector<Allocation>& to = inst->allocations;
  for (size_t k = 0; k < to.size(); ++k) {
    const char* separator = k == 0 ? "" : k + 1 == to.size() ? " and " : ", ";
    double granted = to[k].h100_hours ? to[k].h100_hours->at(year) : 0;
    text += fmt::format("{}{}", separator, allocation_words(c, to[k], hours, granted, k == 0, yi));
  }
  double unserved = r.at(yi, Metric::kComputeAllocationsUnserved);
  if (unserved > 0)
    text += fmt::format("; {} of the fixed grants cannot be delivered and are rationed pro rata",
                        count_words(unserved, "H100-hour"));
  return text + ".";
}

// The share of a national resource's hours the scenario's institutions receive, over the policy's
// resources: below 1, the rest goes to recipients the scenario does not model.
double modelled_share(const Scenario& s) {
  double lowest = 1;
  for (const Institution& i : s.institutions) {
    if (i.kind != InstitutionKind::kNationalResource || i.allocations.empty() || grants_only(i)) continue;
    double shares = 0;
    bool fixed = false;
    for (const Allocation& a : i.allocations) shares += a.share, fixed = fixed || a.h100_hours.has_value();
    if (!fixed) lowest = std::min(lowest, shares);
  }
  return lowest;
}

std::vector<std::string> policy_effect(const Scenario& s, const Trajectory& t, const PolicyEffectInput& in) {
  std::vector<std::string> out;
  if (t.institutions.empty() || !in.baseline) return out;
  const Context c = context_of(s, t);
  const Trajectory& b = *in.baseline;
  const Side& u = c.subject;
  const Side was = baseline_side(c, b);
  if (!was.series) {
    out.push_back(fmt::format("The baseline has no institution \"{}\", so the policy's effect on it is not shown.",
                              u.name));
    return out;
  }
  const Overlap o = overlap(t, b);
  if (o.first > o.last) {
    out.push_back(fmt::format("The policy covers other years than the baseline ({}-{}), so the two are not compared.",
                              b.first_year, b.last_year));
    return out;
  }
  const std::string U = capitalized(u.possessive());
  const int year = peak_year(was, b, u, t, Metric::kComputeH100HoursPerResearcher, o);
  const Pair compute = pair_of(was, b, u, t, Metric::kComputeH100HoursPerResearcher, year, o);
  // The industry lab's lead, with and without: "narrows from 2,520 to 2,470 times".
  if (c.other.series) {
    const Side other_was = side_of(series_of(b, c.other.series->id));
    if (other_was.series) {
      const double before = other_was.at(year - b.first_year, Metric::kComputeH100HoursPerResearcher) / compute.before;
      const double after = c.other.at(year - t.first_year, Metric::kComputeH100HoursPerResearcher) / compute.after;
      if (std::isfinite(before) && std::isfinite(after) && before > 0 && after > 0) {
        const std::string a = times_words(before), z = times_words(after);
        out.push_back(a == z ? fmt::format("{} lead in compute per researcher over {} in {} stays at {}.",
                                           capitalized(c.other.possessive()), u.name, year, z)
                             : fmt::format("{} lead in compute per researcher over {} in {} {} from {} to {}.",
                                           capitalized(c.other.possessive()), u.name, year,
                                           after < before ? "narrows" : "widens", a, z));
      }
    }
  }
  const Pair head_at = pair_of(was, b, u, t, Metric::kTalentHeadcount, year, o);
  // Compute per researcher falls when more people share the same compute: say so.
  const bool shared = compute.after < compute.before && head_at.after > head_at.before * 1.01;
  if (is_defined(compute.before) && is_defined(compute.after))
    out.push_back(fmt::format("{} compute per researcher in {}{} {}{}.", U, year,
                              year != o.last ? " (the year the policy changes it most)" : "",
                              moves(compute, "H100-hour", "rises", "falls"),
                              shared ? ", as more researchers share its compute" : ""));
  if (in.comparison)
    if (std::string spread = effect_spread_finding(t, *in.comparison, year); !spread.empty()) out.push_back(spread);
  const Pair head = pair_of(was, b, u, t, Metric::kTalentHeadcount, o.last, o);
  const Pair gone = pair_of(was, b, u, t, Metric::kTalentDeparturesToIndustry, 0, o);
  const char* per = was.series->replicas != u.series->replicas ? " per institution" : "";
  out.push_back(fmt::format("{} headcount in {}{} {}; its departures to industry over {}-{} {}.", U, o.last, per,
                            moves(head, "researcher", "rises", "falls"), o.first, o.last,
                            moves(gone, "researcher", "rise", "fall")));
  const Pair models = pair_of(was, b, u, t, Metric::kOutputNotableModels, 0, o);
  if (models.before > 0 || models.after > 0)
    out.push_back(fmt::format("{} expected notable models over {}-{} {}.", U, o.first, o.last, models_moves(models)));
  if (in.equal_cost && in.equal_cost_run && in.equal_cost->beneficiary == u.series->id) {
    const EqualCost& e = *in.equal_cost;
    const Side cf = side_of(series_of(*in.equal_cost_run, e.beneficiary));
    double cost = 0;
    int from = 0, to = 0;
    for (size_t y = 0; y < e.cost_usd.size(); ++y)
      if (e.cost_usd[y] > 0) {
        cost += e.cost_usd[y];
        if (!from) from = b.first_year + static_cast<int>(y);
        to = b.first_year + static_cast<int>(y);
      }
    if (cf.series) {
      const Pair cf_compute = pair_of(was, b, cf, *in.equal_cost_run, Metric::kComputeH100HoursPerResearcher, year, o);
      const Pair cf_head = pair_of(was, b, cf, *in.equal_cost_run, Metric::kTalentHeadcount, o.last, o);
      const std::string worth = e.granted_hours_usd > 0
                                    ? fmt::format(", {} of it the granted H100-hours at their rental price",
                                                  text::money_words(e.granted_hours_usd))
                                    : "";
      std::string text = fmt::format(
          "At equal cost: the policy costs {} {}{}. Given to {} as money it may spend on anything, the same sum "
          "would give it {} per researcher in {} ({}; the policy: {}) and {} researchers in {} ({} with the "
          "policy).",
          text::money_words(cost), in_years(from, to), worth, u.name, count_words(cf_compute.after, "H100-hour"), year,
          percent_change(cf_compute.before, cf_compute.after), percent_change(compute.before, compute.after),
          people(cf_head.after), o.last, people(head.after));
      const double share = modelled_share(s);
      if (share < 1)
        text += fmt::format(" Only {} of the resource's hours go to institutions the scenario models; {} share "
                            "of the money would be {}, so this comparison overstates what that share would do.",
                            text::percent_words(share), u.possessive(), text::money_words(share * cost));
      out.push_back(text);
    }
  }
  if (const InstitutionSeries* r = first_of(t, InstitutionKind::kNationalResource)) {
    out.push_back(resource(c, side_of(r)));
    if (std::string money = money_runs_out(c, side_of(r)); !money.empty() && r != u.series) out.push_back(money);
  }
  return out;
}

}  // namespace labsim::report
