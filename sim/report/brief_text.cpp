// The brief's fixed text, each statement with the condition under which it is true of the run:
// summary, limits, method, what matters most, and the assumptions table.
#include "report/brief_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "labsim/keys.hpp"
#include "report/findings.hpp"
#include "report/findings_context.hpp"
#include "report/words.hpp"
#include "text/number.hpp"

namespace labsim::report {

namespace {

std::string kind_words(InstitutionKind k) {
  switch (k) {
    case InstitutionKind::kUniversity: return "the university";
    case InstitutionKind::kIndustry: return "the industry lab";
    case InstitutionKind::kNationalResource: return "the national compute resource";
  }
  return "the institution";
}

std::string kind_words_plural(InstitutionKind k) {
  switch (k) {
    case InstitutionKind::kUniversity: return "universities";
    case InstitutionKind::kIndustry: return "industry labs";
    case InstitutionKind::kNationalResource: return "national compute resources";
  }
  return "institutions";
}

template <class P>
bool any_institution(const Scenario& s, P p) {
  return std::any_of(s.institutions.begin(), s.institutions.end(), p);
}

bool default_choice(const Scenario& s) {
  const ChoiceModel d;
  const ChoiceModel& m = s.talent.choice;
  return m.intercept == d.intercept && m.salary == d.salary && m.compute == d.compute && m.demand == d.demand &&
         m.academic_demand == d.academic_demand;
}

// Whether any year's frontier is an exogenous floor rather than a modelled run.
bool exogenous_frontier(const Trajectory& t) {
  for (const InstitutionSeries& x : t.institutions)
    for (int yi = 0; yi < t.year_count(); ++yi)
      if (x.at(yi, Metric::kComputeFrontierExogenous) == 1) return true;
  return false;
}

const SensitivityTable* drivers_of(const BriefInput& in) {
  if (in.uncertainty && in.uncertainty->tornado) return &*in.uncertainty->tornado;
  return in.drivers;
}

bool sampled(const BriefInput& in) { return in.uncertainty && in.uncertainty->inputs > 0; }

// The reference part's cloud price in the first simulated year, and the year: what an H100-hour
// costs to rent (the catalog's price).
std::optional<std::pair<double, int>> reference_rent(const Scenario& s) {
  const Accelerator& ref = s.catalog.parts[static_cast<size_t>(s.hardware.reference)];
  if (!ref.cloud_usd_per_hour) return std::nullopt;
  return std::pair{ref.cloud_usd_per_hour->at(s.first_year), s.first_year};
}

std::string samples_words(const BriefUncertainty& u) {
  return fmt::format("{} samples of its {}", text::group_thousands(std::to_string(u.options.samples)),
                     u.inputs == 1 ? "uncertain input" : fmt::format("{} uncertain inputs", u.inputs));
}

std::vector<std::string> policy_parts(const BriefInput& in) {
  return in.baseline_scenario ? policy_description(*in.baseline_scenario, *in.scenario) : std::vector<std::string>{};
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  // Parts hold commas of their own: semicolons between them, "; and" before the last.
  for (size_t k = 0; k < parts.size(); ++k) out += (k == 0 ? "" : k + 1 == parts.size() ? "; and " : "; ") + parts[k];
  return out;
}

}  // namespace

std::vector<std::string> shown(const std::vector<Statement>& statements) {
  std::vector<std::string> out;
  for (const Statement& st : statements)
    if (st.shown) out.push_back(st.text);
  return out;
}

std::vector<Statement> summary_statements(const BriefInput& in) {
  const Scenario& s = *in.scenario;
  std::string who;
  for (size_t i = 0; i < s.institutions.size(); ++i) {
    const Institution& inst = s.institutions[i];
    std::string one = inst.replicas > 1 ? fmt::format("{} identical {}, \"{}\"", inst.replicas,
                                                      kind_words_plural(inst.kind), inst.name)
                                        : fmt::format("{} \"{}\"", kind_words(inst.kind), inst.name);
    who += (i == 0 ? "" : i + 1 == s.institutions.size() ? " and " : ", ") + one;
  }
  const InstitutionSeries* focal = focal_institution(*in.trajectory);
  const std::string subject = focal ? side_of(focal).name : "the institution";
  const BriefUncertainty* u = in.uncertainty;
  const std::vector<std::string> policy = policy_parts(in);  // empty without a baseline
  return {
      {"summary.what", true,
       fmt::format("This brief projects, year by year from {} to {}, what {} can buy with its funding, how much "
                   "training compute it delivers, the largest model it can train, and how many of its researchers it "
                   "keeps when industry pays more and offers more compute. It covers {}.",
                   s.first_year, s.last_year, s.institutions.size() == 1 ? "one institution" : "each institution",
                   who)},
      {"summary.baseline", in.baseline_scenario != nullptr,
       in.baseline_scenario ? fmt::format("It sets the policy against the baseline \"{}\"{}.",
                                          in.baseline_scenario->title.empty() ? in.baseline_scenario->name
                                                                              : in.baseline_scenario->title,
                                          in.equal_cost ? fmt::format(" and against what the policy's money would do "
                                                                      "as plain funding for {}", subject)
                                                        : "")
                            : ""},
      {"summary.policy", !policy.empty(), policy.empty() ? "" : "The policy: " + joined(policy) + "."},
      {"summary.with_policy", in.baseline_scenario != nullptr,
       "Findings that do not compare describe the scenario with the policy."},
      {"summary.ranges", sampled(in),
       u ? fmt::format("Its ranges come from {}.", samples_words(*u)) : ""},
      {"summary.no_ranges", u && u->inputs == 0,
       u ? fmt::format("The scenario gives every input as a single value, so the {} samples asked for would all be "
                       "the same run: the brief shows no ranges.",
                       text::group_thousands(std::to_string(u->options.samples)))
         : ""},
      {"summary.hours", reference_rent(s).has_value(),
       reference_rent(s) ? fmt::format("Compute is counted in H100-hours: one hour of one NVIDIA H100 GPU (or its "
                                       "equivalent in a newer part), which rents for about ${:.2f} an hour in {}.",
                                       reference_rent(s)->first, reference_rent(s)->second)
                         : ""},
      {"summary.chart", focal != nullptr && !in.baseline,
       fmt::format("The chart shows training compute per researcher year by year{}.",
                   sampled(in) ? ", with the middle half and 90% of the samples shaded" : "")},
      {"summary.effect_chart", focal != nullptr && in.baseline != nullptr,
       "The chart shows the policy's effect on training compute per researcher year by year: the policy minus the "
       "baseline."},
      {"summary.appendix", in.appendix,
       "An appendix gives the other charts, every assumption with its source, the method and how to reproduce the "
       "brief."},
  };
}

std::vector<Statement> limit_statements(const BriefInput& in) {
  const Scenario& s = *in.scenario;
  const bool industry = any_institution(s, [](const Institution& i) { return i.kind == InstitutionKind::kIndustry; });
  const bool university = any_institution(s, [](const Institution& i) { return i.kind == InstitutionKind::kUniversity; });
  const bool programs = any_institution(s, [](const Institution& i) {
    return i.kind == InstitutionKind::kNationalResource && grants_only(i) && !i.allocations.empty();
  });
  const Institution* lab = nullptr;
  for (const Institution& i : s.institutions)
    if (!lab && i.kind == InstitutionKind::kIndustry) lab = &i;
  return {
      {"limits.expected", university,
       "Headcounts are expected values, not people; small numbers can be fractional."},
      {"limits.prices", true,
       "Prices follow the catalog and a price-performance trend; shortages, export controls and discounts are not "
       "modelled."},
      {"limits.research_share", lab != nullptr,
       lab ? fmt::format("An industry lab's research compute is {} of its fleet{}; its researchers are a fixed count.",
                         text::percent_words(lab->research_share),
                         lab->research_share == kIndustryResearchShare
                             ? " (Epoch AI's estimate for OpenAI in 2024, about $5 billion of $7 billion on research; "
                               "a lab that serves more products uses less)"
                             : " (the scenario's figure)")
           : ""},
      {"limits.choice_calibrated", university && default_choice(s),
       "Who leaves for industry follows a choice model calibrated on data up to 2019; out of sample it puts the "
       "share of new AI PhDs going to industry within 7 percentage points of each year 2020-2024 (docs/validation.md)."},
      {"limits.choice_set", university && !default_choice(s),
       "Who leaves for industry follows a choice model whose weights this scenario sets, not labsim's calibration."},
      {"limits.output", true,
       "Research output is expected notable models, calibrated on Epoch AI's counts 2010-2019; the part that "
       "depends on run size is weakly determined."},
      {"limits.programs", programs,
       "Hours granted by a program whose provider the scenario does not model are free to the recipient; the "
       "equal-cost comparison counts them at the H100's rental price."},
      {"limits.single_values", s.uncertain.empty(),
       "The scenario gives every input as a single value: the brief shows no ranges and cannot say which inputs "
       "matter most."},
      {"limits.no_industry", !industry && !s.market.industry_h100_hours_per_researcher,
       "The scenario has no industry lab, so no gap to industry is shown."},
  };
}

std::vector<Statement> method_statements(const BriefInput& in) {
  const Scenario& s = *in.scenario;
  auto any = [&](auto p) { return any_institution(s, p); };
  const bool fa = any([](const Institution& i) {
    return std::any_of(i.funding.begin(), i.funding.end(), [](const Stream& st) { return st.indirect_rate > 0; });
  });
  const bool earmarks = any([](const Institution& i) {
    return std::any_of(i.funding.begin(), i.funding.end(), [](const Stream& st) { return st.purpose != Purpose::kAny; });
  });
  const bool reserves = any([](const Institution& i) { return i.reserves_usd > 0; });
  const bool allocations = any([](const Institution& i) { return !i.allocations.empty(); });
  const bool frontier_developer = any([](const Institution& i) { return i.frontier_developer; });
  const bool university = any([](const Institution& i) { return i.kind == InstitutionKind::kUniversity; });
  const BriefUncertainty* u = in.uncertainty;
  std::string sampler = !u ? ""
                        : u->options.sampling == Sampling::kLhs   ? "Latin hypercube sampling"
                        : u->options.sampling == Sampling::kSobol ? "a randomly shifted Sobol sequence"
                                                                  : "independent random draws";
  return {
      {"method.split", true,
       "labsim runs each institution year by year. Each year its funding is split between people and compute by "
       "its compute share; running the GPUs it owns and paying the people who stay come first, from either side's "
       "money if need be; what is left buys whole GPUs or rents cloud hours, and fills vacant posts."},
      {"method.fa", fa,
       "Universities pay indirect costs (F&A) on salaries, services and cloud time but not on equipment, so the "
       "same grant buys more owned GPUs than cloud hours."},
      {"method.earmarks", earmarks,
       "Money earmarked for compute or for people is spent only on that side and never lent to the other."},
      {"method.reserves", reserves,
       "When the money cannot pay for what an institution already has, the reserves its scenario declares pay the "
       "difference; what they cannot pay is cut."},
      {"method.cuts", !reserves,
       "When the money cannot pay for what an institution already has, posts are not renewed and GPUs are idled or "
       "retired, oldest first."},
      {"method.allocations", allocations,
       "National resources allocate shares of the hours they deliver, or fixed hours rationed pro rata when they "
       "deliver too few, to their recipients in the same year."},
      {"method.compute", true,
       fmt::format("Delivered compute counts the hours GPUs run, converted to H100-equivalent hours at each part's "
                   "measured training efficiency; training compute is those hours at the H100's peak speed times "
                   "the share of it training achieves (MFU). The compute-optimal model follows the Chinchilla rule, "
                   "here with {:g} training tokens per parameter.",
                   s.training.tokens_per_parameter)},
      {"method.frontier_developer", frontier_developer,
       "A frontier developer's largest run grows longer each year, to at most a year, within the power of its "
       "largest site; the frontier is the largest modelled run."},
      {"method.frontier_assumed", exogenous_frontier(*in.trajectory),
       "In some years the scenario assumes a frontier run larger than any it models; the brief calls it an "
       "assumption."},
      {"method.talent", university,
       "People leave through attrition and through moves to industry, more likely the larger the gaps in pay and "
       "in research compute and the more industry spends on research; graduates and postdocs whose posts end "
       "choose between industry and the national academic market. A vacated post stays empty for months and a new "
       "hire starts at half output."},
      {"method.output", true,
       "Expected notable models come from researcher-years: a part every researcher-year brings, and a part that "
       "needs a largest run near the year's typical notable model."},
      {"method.uncertainty", u && u->inputs > 0,
       u ? fmt::format("Ranges: the scenario was run once for each of {} drawn by {} (seed {}). Charts show the "
                       "median as a line, the middle half and 90% of the samples as bands; the policy's effect is "
                       "computed sample by sample, both scenarios seeing the same draws.",
                       samples_words(*u), sampler, u->options.seed)
         : ""},
      {"method.drivers", drivers_of(in) != nullptr,
       "What matters most: each uncertain input is moved alone to its 10th and then its 90th percentile, all "
       "others at their nominal values."},
      {"method.equal_cost", in.equal_cost != nullptr,
       "At equal cost: the policy's cost is its yearly change in total revenue over all institutions; the same "
       "money is given to the subject as funding it may spend on anything, at its highest F&A rate."},
      {"method.docs", true,
       "Every equation, default and source is in docs/model.md; the scenario format in docs/scenario-format.md."},
  };
}

std::string drivers_text(const BriefInput& in) {
  const SensitivityTable* table = drivers_of(in);
  const InstitutionSeries* focal = focal_institution(*in.trajectory);
  if (!focal) return "";
  const Side subject = side_of(focal);
  if (!table || table->rows.empty()) return "";  // no uncertain inputs: a limit says so
  const int year = table->rows.back().year ? table->rows.back().year : in.trajectory->last_year;
  std::vector<const SensitivityRow*> rows;
  // Inputs whose two ends read the same once rounded do not move it in words either.
  for (const SensitivityRow& r : table->rows)
    if ((r.year == 0 || r.year == year) && r.values.size() >= 3 && r.values[2] > 0 &&
        text::count_number(r.values[0]) != text::count_number(r.values[1]))
      rows.push_back(&r);
  const double nominal = focal->at(in.trajectory->year_count() - 1, Metric::kComputeH100HoursPerResearcher);
  std::string head = fmt::format("{} compute per researcher in {} ({} with every input at its nominal value)",
                                 capitalized(subject.possessive()), in.trajectory->last_year,
                                 count_words(nominal, "H100-hour"));
  if (rows.empty()) return head + " is not moved by any of the scenario's uncertain inputs.";
  std::string list;
  const size_t n = std::min<size_t>(rows.size(), 3);
  for (size_t k = 0; k < n; ++k) {
    const SensitivityRow& r = *rows[k];
    list += fmt::format("{}{} ({} to {})", k == 0 ? "" : k + 1 == n ? " and " : "; ",
                        input_words(*in.scenario, r.input), text::count_number(r.values[0]),
                        count_words(r.values[1], "H100-hour"));
  }
  return fmt::format("{} moves most with {}, each moved alone from its 10th to its 90th percentile.", head, list);
}

}  // namespace labsim::report
