// Every fixed statement of the brief (summary, limits, method) is shown exactly when it is true of
// the run: the condition is worked out here again from the scenario and what the brief was asked
// to do, independently of sim/report/brief_text.cpp, for scenarios that switch each condition on
// and off; and the document holds a statement's text exactly when it is shown.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "labsim/engine.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "labsim/report.hpp"
#include "report/brief.hpp"
#include "report/brief_text.hpp"

namespace {

using labsim::BriefInput;
using labsim::Institution;
using labsim::InstitutionKind;
using labsim::Scenario;
using labsim::report::Statement;

// One brief to check: its scenarios and runs, kept alive for the BriefInput's pointers.
struct Case {
  std::string name;
  Scenario scenario;
  labsim::Trajectory trajectory;
  std::optional<Scenario> baseline_scenario;
  labsim::Trajectory baseline;
  std::optional<labsim::EqualCost> equal;
  labsim::Trajectory equal_run;
  std::optional<labsim::BriefUncertainty> uncertainty;
  BriefInput in;
};

// Built in place: the BriefInput points into the Case.
std::unique_ptr<Case> make_case(std::string name, Scenario s, std::optional<Scenario> base, std::size_t samples,
                                bool appendix) {
  auto owned = std::make_unique<Case>();
  Case& c = *owned;
  c.name = std::move(name);
  c.scenario = std::move(s);
  c.trajectory = labsim::run(c.scenario);
  c.in.scenario = &c.scenario;
  c.in.trajectory = &c.trajectory;
  if (base) {
    c.baseline_scenario = std::move(base);
    c.baseline = labsim::run(*c.baseline_scenario);
    c.in.baseline_scenario = &*c.baseline_scenario;
    c.in.baseline = &c.baseline;
    c.equal = labsim::brief_equal_cost(c.in);
    if (c.equal) {
      c.equal_run = labsim::run(c.equal->scenario);
      c.in.equal_cost = &*c.equal;
      c.in.equal_cost_run = &c.equal_run;
    }
  }
  if (samples) {
    labsim::MonteCarloOptions o;
    o.samples = samples;
    c.uncertainty = labsim::analyse_uncertainty(c.in, o);
    c.in.uncertainty = &*c.uncertainty;
  }
  c.in.appendix = appendix;
  return owned;
}

Scenario file(const std::string& name, const std::vector<std::string>& sets = {}) {
  return labsim::load_scenario_file(labsim::test::source_path("scenarios/" + name + ".yaml"), sets);
}

template <class P>
bool any_of(const Scenario& s, P p) {
  return std::any_of(s.institutions.begin(), s.institutions.end(), p);
}

// Each statement's condition, from the scenario and the run, written without brief_text.cpp.
std::map<std::string, bool> expected(const Case& c) {
  const Scenario& s = c.scenario;
  const bool university = any_of(s, [](const Institution& i) { return i.kind == InstitutionKind::kUniversity; });
  const bool industry = any_of(s, [](const Institution& i) { return i.kind == InstitutionKind::kIndustry; });
  const labsim::ChoiceModel fitted;
  const bool calibrated = s.talent.choice.intercept == fitted.intercept && s.talent.choice.salary == fitted.salary &&
                          s.talent.choice.compute == fitted.compute && s.talent.choice.demand == fitted.demand &&
                          s.talent.choice.academic_demand == fitted.academic_demand;
  bool exogenous = false;
  for (const auto& x : c.trajectory.institutions)
    for (int yi = 0; yi < c.trajectory.year_count(); ++yi)
      exogenous = exogenous || x.at(yi, labsim::Metric::kComputeFrontierExogenous) == 1;
  const bool sampled = c.uncertainty && c.uncertainty->inputs > 0;
  const bool reserves = any_of(s, [](const Institution& i) { return i.reserves_usd > 0; });
  // The policy differs in institutions, money or pay (what policy_description names).
  bool differs = false;
  if (c.baseline_scenario) {
    const Scenario& b = *c.baseline_scenario;
    differs = s.institutions.size() != b.institutions.size();
    for (const Institution& i : s.institutions)
      for (const Institution& j : b.institutions)
        if (i.id == j.id) {
          differs = differs || i.replicas != j.replicas || i.funding.size() != j.funding.size();
          for (size_t k = 0; k < i.funding.size() && k < j.funding.size(); ++k)
            differs = differs || i.funding[k].amount_usd != j.funding[k].amount_usd;
          for (size_t k = 0; k < i.people.size() && k < j.people.size(); ++k)
            differs = differs || i.people[k].salary_usd != j.people[k].salary_usd || i.people[k].count != j.people[k].count;
        }
  }
  return {
      {"summary.what", true},
      {"summary.policy", differs},
      {"summary.with_policy", c.baseline_scenario.has_value()},
      {"summary.baseline", c.baseline_scenario.has_value()},
      {"summary.ranges", sampled},
      {"summary.no_ranges", c.uncertainty && c.uncertainty->inputs == 0},
      {"summary.hours", s.catalog.parts[static_cast<size_t>(s.hardware.reference)].cloud_usd_per_hour.has_value()},
      {"summary.chart", !c.baseline_scenario.has_value()},
      {"summary.effect_chart", c.baseline_scenario.has_value()},
      {"summary.appendix", c.in.appendix},
      {"limits.expected", university},
      {"limits.prices", true},
      {"limits.research_share", industry},
      {"limits.choice_calibrated", university && calibrated},
      {"limits.choice_set", university && !calibrated},
      {"limits.output", true},
      {"limits.programs", any_of(s, [](const Institution& i) {
         return i.kind == InstitutionKind::kNationalResource && i.fleet.empty() && i.funding.empty() &&
                i.reserves_usd == 0 && !i.allocations.empty();
       })},
      {"limits.single_values", s.uncertain.empty()},
      {"limits.no_industry", !industry && !s.market.industry_h100_hours_per_researcher},
      {"method.split", true},
      {"method.fa", any_of(s, [](const Institution& i) {
         return std::any_of(i.funding.begin(), i.funding.end(), [](const auto& st) { return st.indirect_rate > 0; });
       })},
      {"method.earmarks", any_of(s, [](const Institution& i) {
         return std::any_of(i.funding.begin(), i.funding.end(),
                            [](const auto& st) { return st.purpose != labsim::Purpose::kAny; });
       })},
      {"method.reserves", reserves},
      {"method.cuts", !reserves},
      {"method.allocations", any_of(s, [](const Institution& i) { return !i.allocations.empty(); })},
      {"method.compute", true},
      {"method.frontier_developer", any_of(s, [](const Institution& i) { return i.frontier_developer; })},
      {"method.frontier_assumed", exogenous},
      {"method.talent", university},
      {"method.output", true},
      {"method.uncertainty", sampled},
      // The tornado: with -n when there is something to sample; none is computed here without -n.
      {"method.drivers", sampled},
      {"method.equal_cost", c.equal.has_value()},
      {"method.docs", true},
  };
}

// Every text the document shows: summary, findings, sections' paragraphs, bullets and notes.
std::string document_text(const labsim::report::Document& d) {
  std::string all = d.summary + "\n";
  for (const auto& f : d.findings) all += f + "\n";
  for (const auto& sec : d.sections) {
    for (const auto& p : sec.paragraphs) all += p + "\n";
    for (const auto& b : sec.bullets) all += b + "\n";
    all += sec.note + "\n";
  }
  return all;
}

}  // namespace

TEST_CASE("every fixed statement of the brief is shown exactly when it is true of the run", "[report][statements]") {
  std::vector<std::unique_ptr<Case>> cases;
  cases.push_back(make_case("the default scenario", file("compute-divide"), std::nullopt, 0, true));
  cases.push_back(make_case("a national resource against the default, sampled", file("nairr"), file("compute-divide"), 50,
                            true));
  cases.push_back(make_case("fixed hours, earmarks and a program without provider", file("state-university-policy"),
                            file("state-university"), 0, false));
  cases.push_back(make_case("no uncertain inputs under -n", file("cloud-vs-owned"), std::nullopt, 20, true));
  cases.push_back(make_case(
      "reserves, a choice model of its own, an assumed frontier, no industry lab",
      labsim::load_scenario_string("scenario: {name: alone, years: 2024-2026}\n"
                                   "talent: {choice: {intercept: -1}}\n"
                                   "hardware: {reference: MI250X}\n"
                                   "market: {frontier_training_flop: 1e26}\n"
                                   "institutions:\n"
                                   "  - id: u\n"
                                   "    kind: university\n"
                                   "    reserves: 1M\n"
                                   "    people: [{role: phd, count: 5, salary: 40k}]\n"
                                   "    fleet: [{gpu: H100-SXM, count: 8, acquired: 2024}]\n"
                                   "    funding: [{name: g, amount: 1M/yr, years: 2024-2026, indirect_rate: 50%}]\n",
                                   "alone.yaml"),
      std::nullopt, 0, true));
  cases.push_back(make_case(
      "an industry lab alone",
      labsim::load_scenario_string("scenario: {name: lab, years: 2024-2025}\n"
                                   "institutions:\n"
                                   "  - id: lab\n"
                                   "    kind: industry\n"
                                   "    people: [{role: research_scientist, count: 100, salary: market}]\n"
                                   "    fleet: [{gpu: H100-SXM, count: 1000, acquired: 2024}]\n"
                                   "    funding: [{name: capex, amount: 1B/yr, years: 2024-2025}]\n",
                                   "lab.yaml"),
      std::nullopt, 0, true));
  std::map<std::string, std::pair<int, int>> seen;  // statement -> (times shown, times hidden)
  for (const auto& owned : cases) {
    const Case& c = *owned;
    INFO(c.name);
    const std::map<std::string, bool> want = expected(c);
    const std::string text = document_text(labsim::report::brief_document(c.in));
    std::vector<Statement> all = labsim::report::summary_statements(c.in);
    for (auto part : {labsim::report::limit_statements(c.in), labsim::report::method_statements(c.in)})
      all.insert(all.end(), part.begin(), part.end());
    for (const Statement& st : all) {
      INFO(st.id);
      REQUIRE(want.count(st.id) == 1);  // every statement has its condition written above
      CHECK(st.shown == want.at(st.id));
      (st.shown ? seen[st.id].first : seen[st.id].second)++;
      // The method is the appendix's: its statements appear only there.
      const bool in_document = st.shown && (std::string(st.id).rfind("method.", 0) != 0 || c.in.appendix);
      if (!st.text.empty()) CHECK((text.find(st.text) != std::string::npos) == in_document);
    }
  }
  // Each condition is seen both ways somewhere, but for statements that always hold.
  for (const char* always : {"summary.what", "limits.prices", "limits.output", "method.split",
                             "method.compute", "method.output", "method.docs"})
    seen.erase(always);
  for (const auto& [id, counts] : seen) {
    INFO(id);
    CHECK(counts.first > 0);
    CHECK(counts.second > 0);
  }
}

TEST_CASE("the summary never promises what the brief does not show", "[report][statements]") {
  // Without -n: no ranges, no shading; without a baseline: no policy; without --appendix: no appendix.
  auto c = make_case("plain", file("compute-divide"), std::nullopt, 0, false);
  const std::string summary = labsim::report::brief_document(c->in).summary;
  CHECK(summary.find("samples") == std::string::npos);
  CHECK(summary.find("shaded") == std::string::npos);
  CHECK(summary.find("baseline") == std::string::npos);
  CHECK(summary.find("appendix") == std::string::npos);
  CHECK(summary.find("tornado") == std::string::npos);
  // The equal-cost comparison is named only when it was run.
  auto p = make_case("policy", file("salary-topup"), file("compute-divide"), 0, false);
  REQUIRE(p->equal);
  CHECK(labsim::report::brief_document(p->in).summary.find("as plain funding for the institute") != std::string::npos);
  p->in.equal_cost = nullptr;
  CHECK(labsim::report::brief_document(p->in).summary.find("plain funding") == std::string::npos);
}
