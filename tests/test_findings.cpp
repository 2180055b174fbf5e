// Key findings (sim/report/findings.*): the number words at their rounding edges, whole sentences
// for small trajectories whose numbers are set by hand, and, on the default scenario, every number
// in the findings read back and compared with the trajectory it came from.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <regex>
#include <string>
#include <vector>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "report/findings.hpp"
#include "report/words.hpp"
#include "text/number.hpp"

namespace {

using labsim::Allocation;
using labsim::Institution;
using labsim::InstitutionKind;
using labsim::InstitutionSeries;
using labsim::Metric;
using labsim::Scenario;
using labsim::Trajectory;
using labsim::report::count_words;
using labsim::report::key_findings;
using labsim::text::money_words;
using labsim::report::times_words;

struct Words {
  double value;
  const char* expected;
};

// A three-year run, 2024-2026, whose metrics are all zero until set.
Trajectory trajectory() {
  Trajectory t;
  t.scenario = "policy";
  t.first_year = 2024;
  t.last_year = 2026;
  return t;
}

InstitutionSeries& add(Trajectory& t, const std::string& id, InstitutionKind kind, int replicas = 1) {
  InstitutionSeries s;
  s.id = id;
  s.name = id;
  s.kind = kind;
  s.replicas = replicas;
  s.values.assign(static_cast<size_t>(t.year_count()) * static_cast<size_t>(labsim::kMetricCount), 0.0);
  t.institutions.push_back(s);
  return t.institutions.back();
}

void set(InstitutionSeries& s, Metric m, std::vector<double> by_year) {
  for (size_t yi = 0; yi < by_year.size(); ++yi) s.at(static_cast<int>(yi), m) = by_year[yi];
}

// A university with hand-chosen numbers. Values are totals for `replicas` institutes where the
// metric is extensive: revenue 5M + 5M + 2.5M = 12.5M each; departures 1.5 + 2 + 1.7 = 5.2 each.
void fill_institute(InstitutionSeries& u, int replicas = 1) {
  double n = replicas;
  set(u, Metric::kBudgetRevenue, {5e6 * n, 5e6 * n, 2.5e6 * n});
  set(u, Metric::kFleetH100Equivalents, {100 * n, 412.4 * n, 300 * n});
  set(u, Metric::kComputeH100HoursPerResearcher, {1000, 1500, 2000});
  set(u, Metric::kComputeOptimalParams, {50e9, 60e9, 68.6e9});
  set(u, Metric::kComputeFrontierRatio, {1e-5, 8e-6, 5e-6});
  set(u, Metric::kTalentDeparturesToIndustry, {1.5 * n, 2 * n, 1.7 * n});
  set(u, Metric::kTalentGraduatesToIndustryShare, {0.6, labsim::kUndefined, 0.634});
  set(u, Metric::kTalentGraduates, {3 * n, 0, 3.6 * n});  // a share is quoted only for >= 0.5 graduates
  set(u, Metric::kTalentHeadcount, {38 * n, 34 * n, 30.4 * n});
}

void fill_lab(InstitutionSeries& lab) {
  set(lab, Metric::kComputeH100HoursPerResearcher, {400e3, 450e3, 510e3});
  set(lab, Metric::kComputeOptimalParams, {1e12, 3e12, 5.5e12});
  set(lab, Metric::kComputeFrontierRatio, {1, 0.5, 0.314});  // a modelled frontier of another lab
  set(lab, Metric::kTalentHeadcount, {3000, 3000, 3000});
}

// The normal case: one institute and one industry lab.
Trajectory institute_and_lab() {
  Trajectory t = trajectory();
  fill_institute(add(t, "institute", InstitutionKind::kUniversity));
  fill_lab(add(t, "industry-lab", InstitutionKind::kIndustry));
  return t;
}

Scenario scenario_named(const std::string& name) {
  Scenario s;
  s.name = name;
  return s;
}

}  // namespace

TEST_CASE("money_words: three significant digits, separators below a million", "[report]") {
  const Words cases[] = {
      {0, "$0"},
      {0.4, "$0"},
      {1, "$1"},
      {999, "$999"},
      {999.6, "$1,000"},
      {1000, "$1,000"},
      {1234, "$1,230"},
      {850e3, "$850,000"},
      {999'499, "$999,000"},
      {999'999, "$1 million"},  // 3 significant digits: 1,000,000
      {1e6, "$1 million"},
      {4e6, "$4 million"},
      {20e6, "$20 million"},
      {27.4e6, "$27.4 million"},
      {27'449'000, "$27.4 million"},
      {27'450'001, "$27.5 million"},
      {999.6e6, "$1 billion"},
      {1.5e9, "$1.5 billion"},
      {2.25e9, "$2.25 billion"},
      {383e9, "$383 billion"},
      {1.2e12, "$1.2 trillion"},
      {-5e6, "-$5 million"},
  };
  for (const Words& w : cases) {
    CAPTURE(w.value);
    CHECK(money_words(w.value) == w.expected);
  }
}

TEST_CASE("count_words: whole numbers below 10,000, 3 digits with separators below a million, words above", "[report]") {
  const struct {
    double n;
    const char* noun;
    const char* expected;
  } cases[] = {
      {0, "H100", "0 H100s"},
      {1, "researcher", "1 researcher"},
      {0.6, "researcher", "1 researcher"},  // singular after rounding
      {1.5, "researcher", "2 researchers"},
      {999, "GPU", "999 GPUs"},
      {1000, "GPU", "1,000 GPUs"},
      {1240, "H100", "1,240 H100s"},
      {9'999, "GPU", "9,999 GPUs"},
      {14'417, "GPU", "14,400 GPUs"},  // from 10,000: three significant digits
      {99'999, "GPU", "100,000 GPUs"},
      {99'999.6, "GPU", "100,000 GPUs"},
      {141'443, "H100-hour", "141,000 H100-hours"},
      {999'999, "GPU", "1 million GPUs"},
      {1e6, "H100", "1 million H100s"},
      {2.4e6, "H100", "2.4 million H100s"},
      {1.5e9, "parameter", "1.5 billion parameters"},
      {2.25e9, "parameter", "2.25 billion parameters"},
      {68.6e9, "parameter", "68.6 billion parameters"},
      {5.5e12, "parameter", "5.5 trillion parameters"},
      {3, "university", "3 universities"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.n, c.noun);
    CHECK(count_words(c.n, c.noun) == c.expected);
  }
}

TEST_CASE("times_words: one decimal below 10, then whole with separators, then words from a million", "[report]") {
  const Words cases[] = {
      {1, "about the same"},
      {1.05, "about the same"},
      {1 / 1.05, "about the same"},
      {1.06, "1.1 times"},
      {2, "2 times"},
      {2.25, "2.3 times"},  // half away from zero
      {2.5, "2.5 times"},
      {9.94, "9.9 times"},
      {9.96, "10 times"},
      {12.4, "12 times"},
      {255, "255 times"},
      {999, "999 times"},
      {999.4, "999 times"},
      {999.6, "1,000 times"},
      {1000, "1,000 times"},
      {3140, "3,140 times"},
      {9960, "9,960 times"},
      {25'300, "25,300 times"},
      {254'884, "255,000 times"},
      {999'600, "1 million times"},
      {4.2e6, "4.2 million times"},
      {1.5e9, "1.5 billion times"},
      {0.5, "0.5 times"},  // below one: callers turn it round, but it still reads
  };
  for (const Words& w : cases) {
    CAPTURE(w.value);
    CHECK(times_words(w.value) == w.expected);
  }
}

TEST_CASE("key_findings: an institute and an industry lab", "[report]") {
  Trajectory t = institute_and_lab();
  std::vector<std::string> f = key_findings(scenario_named("policy"), t, nullptr, nullptr);
  REQUIRE(f.size() == 4);
  // 510,000 / 2,000 = 255.
  CHECK(f[0] ==
        "In 2026 the industry lab has 255 times as much training compute per researcher as the institute: "
        "510,000 H100-hours against 2,000 H100-hours.");
  CHECK(f[3] ==
        "Over 2024-2026 the institute receives $12.5 million in funding; its fleet peaks at 412 "
        "H100-equivalents in service, in 2025.");
  // 1 / 5e-6 = 200,000.
  CHECK(f[1] ==
        "In 2026 the largest compute-optimal model the institute can train has 68.6 billion parameters, on "
        "a run with 1 in 200,000 of the compute of the frontier run of 2026; the industry lab's has 5.5 trillion "
        "parameters, on a run 31% the size of the frontier run.");
  // 5.2 departures; 63.4% of graduates; 30.4 researchers at the end.
  CHECK(f[2] ==
        "Over 2024-2026 the institute loses 5 researchers to industry (63% of its 2026 graduates take "
        "industry jobs), and its research headcount falls from 38 in 2024 to 30 in 2026.");
}

TEST_CASE("key_findings: a lab that sets the frontier, and an exogenous frontier with what it needs", "[report]") {
  Trajectory t = institute_and_lab();
  set(t.institutions[1], Metric::kComputeFrontierRatio, {1, 1, 1});
  std::vector<std::string> f = key_findings(scenario_named("policy"), t, nullptr, nullptr);
  CHECK(f[1] ==
        "In 2026 the largest compute-optimal model the institute can train has 68.6 billion parameters, on "
        "a run with 1 in 200,000 of the compute of the frontier run of 2026; the industry lab's has 5.5 trillion "
        "parameters, on its own run, which sets the frontier of 2026.");
  // An exogenous floor sets the frontier in 2026: both runs are below it, and the sentence says
  // it is an assumption and what it would need (4.18 GW, $103 billion).
  set(t.institutions[1], Metric::kComputeFrontierRatio, {1, 1, 0.2});
  for (InstitutionSeries& x : t.institutions) {
    set(x, Metric::kComputeFrontierExogenous, {0, 0, 1});
    set(x, Metric::kComputeFrontierPowerGw, {labsim::kUndefined, labsim::kUndefined, 4.18});
    set(x, Metric::kComputeFrontierCapex, {labsim::kUndefined, labsim::kUndefined, 103e9});
  }
  f = key_findings(scenario_named("policy"), t, nullptr, nullptr);
  CHECK(f[1] ==
        "In 2026 the largest compute-optimal model the institute can train has 68.6 billion parameters, on "
        "a run with 1 in 200,000 of the compute of the assumed frontier run of 2026 (an exogenous input: on 2026's best "
        "hardware it would need 4.18 GW and $103 billion of GPUs and servers); the industry lab's has 5.5 "
        "trillion parameters, on a run 20% the size of the assumed frontier run.");
}

TEST_CASE("key_findings: a university with no compute of its own", "[report]") {
  Trajectory t = institute_and_lab();
  InstitutionSeries& u = t.institutions[0];
  set(u, Metric::kComputeH100HoursPerResearcher, {0, 0, 0});
  set(u, Metric::kComputeOptimalParams, {0, 0, 0});
  set(u, Metric::kComputeFrontierRatio, {0, 0, 0});
  set(u, Metric::kFleetH100Equivalents, {0, 0, 0});
  std::vector<std::string> f = key_findings(scenario_named("policy"), t, nullptr, nullptr);
  REQUIRE(f.size() == 4);
  CHECK(f[0] ==
        "In 2026 the institute has no compute of its own, while the industry lab has 510,000 "
        "H100-hours per researcher.");
  CHECK(f[3] ==
        "Over 2024-2026 the institute receives $12.5 million in funding; it never has a GPU in service.");
  CHECK(f[1] ==
        "In 2026 the institute has no compute for a training run; the largest compute-optimal model the "
        "industry lab can train has 5.5 trillion parameters, on a run 31% the size of the frontier "
        "run of 2026.");
}

TEST_CASE("key_findings: equal compute per researcher, and a university without researchers", "[report]") {
  Trajectory t = institute_and_lab();
  // 103,000 / 100,000 = 1.03: within 5%.
  set(t.institutions[0], Metric::kComputeH100HoursPerResearcher, {0, 0, 100e3});
  set(t.institutions[1], Metric::kComputeH100HoursPerResearcher, {0, 0, 103e3});
  CHECK(key_findings(scenario_named("policy"), t, nullptr, nullptr)[0] ==
        "In 2026 the industry lab and the institute have about the same training compute per researcher: "
        "103,000 H100-hours and 100,000 H100-hours.");

  set(t.institutions[0], Metric::kComputeH100HoursPerResearcher, {0, 0, labsim::kUndefined});
  CHECK(key_findings(scenario_named("policy"), t, nullptr, nullptr)[0] ==
        "In 2026 the institute has no researchers, while the industry lab has 103,000 H100-hours per "
        "researcher.");
}

TEST_CASE("key_findings: a university with more compute than the lab, and a gap in the millions",
          "[report]") {
  Trajectory t = institute_and_lab();
  set(t.institutions[1], Metric::kComputeH100HoursPerResearcher, {0, 0, 800});
  CHECK(key_findings(scenario_named("policy"), t, nullptr, nullptr)[0] ==
        "In 2026 the institute has 2.5 times as much training compute per researcher as the industry lab: "
        "2,000 H100-hours against 800 H100-hours.");

  // 42,000,000 / 10 = 4.2 million.
  set(t.institutions[0], Metric::kComputeH100HoursPerResearcher, {0, 0, 10});
  set(t.institutions[1], Metric::kComputeH100HoursPerResearcher, {0, 0, 42e6});
  CHECK(key_findings(scenario_named("policy"), t, nullptr, nullptr)[0] ==
        "In 2026 the industry lab has 4.2 million times as much training compute per researcher as the "
        "institute: 42 million H100-hours against 10 H100-hours.");
}

TEST_CASE("key_findings: no industry lab", "[report]") {
  Trajectory t = trajectory();
  fill_institute(add(t, "institute", InstitutionKind::kUniversity));
  Scenario s = scenario_named("alone");
  std::vector<std::string> f = key_findings(s, t, nullptr, nullptr);
  REQUIRE(f.size() == 4);
  CHECK(f[0] ==
        "In 2026 the institute has 2,000 H100-hours per researcher; the scenario has no industry lab to "
        "compare with.");
  CHECK(f[1] ==
        "In 2026 the largest compute-optimal model the institute can train has 68.6 billion parameters, on "
        "a run with 1 in 200,000 of the compute of the frontier run of 2026.");

  SECTION("the scenario's assumed industry compute stands in for the lab") {
    s.market.industry_h100_hours_per_researcher = labsim::Series::constant(500e3);
    CHECK(key_findings(s, t, nullptr, nullptr)[0] ==
          "In 2026 industry labs (as the scenario assumes) have 250 times as much training compute per "
          "researcher as the institute: 500,000 H100-hours against 2,000 H100-hours.");
  }
}

TEST_CASE("key_findings: an industry lab alone speaks of itself", "[report]") {
  Trajectory t = trajectory();
  fill_lab(add(t, "industry-lab", InstitutionKind::kIndustry));
  std::vector<std::string> f = key_findings(scenario_named("lab"), t, nullptr, nullptr);
  REQUIRE(f.size() == 4);
  CHECK(f[0] ==
        "In 2026 the industry lab has 510,000 H100-hours per researcher; the scenario has no "
        "university to compare with.");
  CHECK(f[3] == "Over 2024-2026 the industry lab receives no funding; it never has a GPU in service.");
  CHECK(f[2] == "The industry lab's research headcount stays at 3,000 over 2024-2026.");
}

TEST_CASE("key_findings: seven replicas are named in the plural, totals stay totals", "[report]") {
  Trajectory t = trajectory();
  fill_institute(add(t, "institute", InstitutionKind::kUniversity, 7), 7);
  fill_lab(add(t, "industry-lab", InstitutionKind::kIndustry));
  std::vector<std::string> f = key_findings(scenario_named("nsf"), t, nullptr, nullptr);
  REQUIRE(f.size() == 4);
  CHECK(f[0] ==
        "In 2026 the industry lab has 255 times as much training compute per researcher as the 7 "
        "institutes: 510,000 H100-hours against 2,000 H100-hours.");
  // 7 x 12.5M = 87.5M; 7 x 412.4 = 2,886.8.
  CHECK(f[3] ==
        "Over 2024-2026 the 7 institutes receive $87.5 million in funding; their fleets peak at 2,887 "
        "H100-equivalents in service, in 2025.");
  CHECK(f[1] ==
        "In 2026 the largest compute-optimal model each of the 7 institutes can train has 68.6 billion "
        "parameters, on a run with 1 in 200,000 of the compute of the frontier run of 2026; the industry lab's has 5.5 "
        "trillion parameters, on a run 31% the size of the frontier run.");
  // 7 x 5.2 = 36.4 departures; 7 x 38 = 266 and 7 x 30.4 = 212.8 researchers.
  CHECK(f[2] ==
        "Over 2024-2026 the 7 institutes lose 36 researchers to industry (63% of their 2026 graduates take "
        "industry jobs), and their research headcount falls from 266 in 2024 to 213 in 2026.");
}

TEST_CASE("key_findings: against a baseline, the policy's change leads", "[report]") {
  Trajectory policy = institute_and_lab(), base = institute_and_lab();
  Scenario s = scenario_named("salary-topup"), b = scenario_named("compute-divide");
  // Baseline: 1,000, 1,200 and 1,500 H100-hours per researcher (the policy: 1,000, 1,500, 2,000),
  // so the largest change is 2026's +33%; departures 3 + 3 + 2 = 8 against 5.2 (-35%).
  set(base.institutions[0], Metric::kComputeH100HoursPerResearcher, {1000, 1200, 1500});
  set(base.institutions[0], Metric::kTalentDeparturesToIndustry, {3, 3, 2});
  std::vector<std::string> f = key_findings(s, policy, &b, &base);
  REQUIRE(f.size() == 5);
  CHECK(f[0] ==
        "With the policy, the institute's compute per researcher changes most in 2026: it rises from 1,500 to "
        "2,000 H100-hours (+33%), and its departures to industry over 2024-2026 fall from 8.0 to 5.2 researchers "
        "(-35%).");
  SECTION("the year of the largest change, not the last") {
    // 1,000 -> 1,000 (0), 750 -> 1,500 (+750: twice as much), 1,800 -> 2,000 (+200, +11%): the largest
    // change is 2025's, and the last year's follows in the same brackets.
    set(base.institutions[0], Metric::kComputeH100HoursPerResearcher, {1000, 750, 1800});
    CHECK(key_findings(s, policy, &b, &base)[0].rfind(
              "With the policy, the institute's compute per researcher changes most in 2025: it rises from 750 to "
              "1,500 H100-hours (2 times as much; +11% in 2026)", 0) == 0);
  }
  SECTION("no change") {
    CHECK(key_findings(s, policy, &b, &policy)[0] ==
          "With the policy, the institute's compute per researcher does not change (2,000 H100-hours in 2026), and "
          "its departures to industry over 2024-2026 stay at 5.2 researchers.");
  }
  SECTION("a baseline without the institution: no policy sentence on page 1") {
    base.institutions[0].id = "other";
    CHECK(key_findings(s, policy, &b, &base)[0].rfind("In 2026 the industry lab has", 0) == 0);
  }
}

TEST_CASE("policy_effect: with and without the policy, each change beside its percentage", "[report]") {
  Trajectory policy = institute_and_lab(), base = institute_and_lab();
  Scenario s = scenario_named("policy");
  set(base.institutions[0], Metric::kComputeH100HoursPerResearcher, {1000, 1200, 1500});
  set(base.institutions[0], Metric::kTalentDeparturesToIndustry, {3, 3, 2});
  set(base.institutions[0], Metric::kTalentHeadcount, {38, 33, 29});
  set(base.institutions[0], Metric::kOutputNotableModels, {0.3, 0.3, 0.4});
  set(policy.institutions[0], Metric::kOutputNotableModels, {0.3, 0.4, 0.4});
  labsim::report::PolicyEffectInput in;
  in.baseline = &base;
  std::vector<std::string> f = labsim::report::policy_effect(s, policy, in);
  REQUIRE(f.size() == 4);
  // The lab's 510,000 over 1,500 = 340 times without; over 2,000 = 255 times with.
  CHECK(f[0] == "The industry lab's lead in compute per researcher over the institute in 2026 narrows from 340 times "
                "to 255 times.");
  CHECK(f[1] == "The institute's compute per researcher in 2026 rises from 1,500 to 2,000 H100-hours (+33%).");
  // Headcount 29 -> 30.4 (+4.8%); departures 8 -> 5.2.
  // Fewer than a hundred people: one decimal, so that the percentages add up.
  CHECK(f[2] == "The institute's headcount in 2026 rises from 29.0 to 30.4 researchers (+4.8%); its departures to "
                "industry over 2024-2026 fall from 8.0 to 5.2 researchers (-35%).");
  // Models 1.0 -> 1.1 (+10%), two decimals below ten.
  CHECK(f[3] == "The institute's expected notable models over 2024-2026 rise from 1.00 to 1.10 (+10%).");
  CHECK(labsim::report::policy_effect(s, policy, labsim::report::PolicyEffectInput{}).empty());
}

TEST_CASE("policy_effect: a national resource, its best year and where its hours go", "[report]") {
  Trajectory t = institute_and_lab();
  InstitutionSeries& r = add(t, "nairr", InstitutionKind::kNationalResource);
  r.short_name = "the NAIRR";
  set(r, Metric::kComputeH100Hours, {0, 250e6, 100e6});
  set(t.institutions[0], Metric::kComputeH100Hours, {0, 4.5e6, 5e6});
  Scenario s = scenario_named("nairr");
  for (const char* id : {"institute", "industry-lab", "nairr"}) {
    s.institutions.emplace_back();
    s.institutions.back().id = id;
    s.institutions.back().name = id;
  }
  s.institutions[0].short_name = "the institute";
  s.institutions[2].funding.emplace_back();  // a modelled provider
  // 1% of 250M in 2025 (its best year) = 2.5M H100-hours, 2.5 / 4.5 = 56% of the institute's.
  Allocation to_institute, to_lab;
  to_institute.recipient = 0, to_institute.share = 0.01;
  to_lab.recipient = 1, to_lab.share = 0.005;
  s.institutions[2].allocations = {to_institute, to_lab};
  labsim::report::PolicyEffectInput in;
  in.baseline = &t;
  std::vector<std::string> f = labsim::report::policy_effect(s, t, in);
  CHECK(f.back() ==
        "In 2025 the NAIRR delivers 250 million H100-hours, its most; it allocates 1% of them to the institute "
        "(2.5 million H100-hours, 56% of the institute's compute) and 0.5% to the industry lab.");
  s.institutions[2].allocations.clear();
  CHECK(labsim::report::policy_effect(s, t, in).back() ==
        "In 2025 the NAIRR delivers 250 million H100-hours, its most, and allocates none of them to other "
        "institutions.");
  // A program with no modelled provider grants fixed hours: its grants are its hours.
  s.institutions[2].funding.clear();
  Allocation grant;
  grant.h100_hours = labsim::Series::constant(500e3);
  s.institutions[2].allocations = {grant};
  set(r, Metric::kComputeH100Hours, {0, 0, 0});
  CHECK(labsim::report::policy_effect(s, t, in).back() ==
        "In 2026 the NAIRR grants 500,000 H100-hours to the institute (10% of the institute's compute), from "
        "providers the scenario does not model.");
}

namespace {

// A number as the findings print it ("27.4 million", "1,240", "$850,000", "63%", "1/205 million")
// and half a unit of its last digit: the value it stands for lies within that of it.
struct Shown {
  double value = 0;
  double half_unit = 0;
};

Shown read_number(std::string text) {
  bool inverse = text.starts_with("1/");
  if (inverse) text.erase(0, 2);
  if (text.starts_with("$")) text.erase(0, 1);
  double scale = 1;
  if (text.ends_with("%")) {
    scale = 0.01;
    text.pop_back();
  }
  const std::pair<std::string, double> words[] = {
      {" thousand", 1e3}, {" million", 1e6}, {" billion", 1e9}, {" trillion", 1e12}};
  for (const auto& [word, factor] : words)
    if (text.ends_with(word)) {
      scale = factor;
      text.erase(text.size() - word.size());
    }
  std::string digits;
  for (char ch : text)
    if (ch != ',') digits += ch;
  size_t dot = digits.find('.');
  int decimals = dot == std::string::npos ? 0 : static_cast<int>(digits.size() - dot - 1);
  // Trailing zeros of a whole number may be rounding ("31,800" for 31,808), not digits.
  while (dot == std::string::npos && digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    --decimals;
  }
  double shown = std::stod(digits) * std::pow(10.0, -std::min(0, decimals)) * scale;
  double half = 0.5 * std::pow(10.0, -decimals) * scale;
  // 1/D stands for a value between 1/(D + h) and 1/(D - h).
  if (inverse) return {1 / shown, half / (shown * (shown - half))};
  return {shown, half};
}

// `text` shows `value` rounded: within half a unit of its last digit, and within 5% (so that a
// coarse rounding cannot pass).
void check_shown(const std::string& text, double value) {
  INFO(text << " for " << value);
  Shown s = read_number(text);
  CHECK(std::fabs(s.value - value) <= s.half_unit * (1 + 1e-9));
  CHECK(std::fabs(s.value - value) <= 0.05 * std::fabs(value));
}

double sum(const InstitutionSeries& s, Metric m, int years) {
  double total = 0;
  for (int yi = 0; yi < years; ++yi) total += s.at(yi, m);
  return total;
}

// A sentence pattern in which each # is a number as the findings print it.
std::regex sentence(std::string pattern) {
  const std::string number = R"(([0-9][0-9,.]*(?: thousand| million| billion| trillion)?%?))";
  for (size_t at = pattern.find('#'); at != std::string::npos; at = pattern.find('#', at + number.size()))
    pattern.replace(at, 1, number);
  return std::regex(pattern);
}

}  // namespace

TEST_CASE("key_findings: when the money stops paying for what an institution has, and what follows", "[report]") {
  // The institute of institute_and_lab(), whose award (2024-2025) ends: in 2026 its revenue,
  // 2.5M, and the 0.3M carried over from 2025 no longer pay for what it has.
  Trajectory t = institute_and_lab();
  InstitutionSeries& u = t.institutions[0];
  Scenario s = scenario_named("policy");
  Institution inst;
  inst.id = "institute";
  labsim::Stream award;
  award.name = "award";
  award.first_year = 2024;
  award.last_year = 2025;
  inst.funding = {award};
  s.institutions = {inst};
  set(u, Metric::kBudgetCarryover, {0, 0.3e6, 0});
  set(u, Metric::kFleetGpus, {40, 40, 35});
  SECTION("no reserves: it cuts") {
    set(u, Metric::kBudgetUnfunded, {0, 0, 612e3});
    set(u, Metric::kTalentPostsCut, {0, 0, 3.6});
    set(u, Metric::kFleetGpusRetiredEarly, {0, 0, 5});
    std::vector<std::string> f = key_findings(s, t, nullptr, nullptr);
    REQUIRE(f.size() == 4);
    CHECK(f[3] ==
          "From 2026, after its award funding ends in 2025 (the scenario does not renew it), the institute's revenue and carry-over ($2.8 million) "
          "no longer pay for the people and GPUs it already has: in 2026 it hires nobody, cuts 4 posts and retires "
          "5 GPUs early, commitments it can no longer pay: $612,000 in all.");
    CHECK(f[1].rfind("In 2026 the largest compute-optimal model", 0) == 0);  // the others come first
  }
  SECTION("reserves pay it all, and some are left") {
    set(u, Metric::kBudgetReservesDrawn, {0, 0, 400e3});
    set(u, Metric::kBudgetReserves, {1e6, 1e6, 600e3});
    CHECK(key_findings(s, t, nullptr, nullptr)[3] ==
          "From 2026, after its award funding ends in 2025 (the scenario does not renew it), the institute's revenue and carry-over ($2.8 million) "
          "no longer pay for the people and GPUs it already has: its reserves pay $400,000 of the difference, and "
          "$600,000 are left in 2026.");
  }
  SECTION("reserves run out, then it cuts; no hires from then on") {
    set(u, Metric::kBudgetCarryover, {0, 0, 0});
    set(u, Metric::kBudgetReservesDrawn, {0, 250e3, 50e3});
    set(u, Metric::kBudgetReserves, {300e3, 50e3, 0});
    set(u, Metric::kBudgetUnfunded, {0, 0, 1.2e6});
    set(u, Metric::kTalentPostsCut, {0, 0, 12});
    set(u, Metric::kFleetGpusIdle, {0, 0, 2});
    set(u, Metric::kTalentHires, {1, 0, 0});
    CHECK(key_findings(s, t, nullptr, nullptr)[3] ==
          "From 2025, the institute's revenue ($5 million) no longer pays for the people and GPUs it already has: its "
          "reserves pay $300,000 of the difference until they run out in 2026; in 2026 it hires nobody, cuts 12 "
          "posts and idles up to 2 GPUs a year, commitments it can no longer pay: $1.2 million in all.");
  }
  SECTION("the money always pays: the funding sentence instead") {
    std::vector<std::string> f = key_findings(s, t, nullptr, nullptr);
    REQUIRE(f.size() == 4);
    CHECK(f[3] == "Over 2024-2026 the institute receives $12.5 million in funding; its fleet peaks at 412 "
                  "H100-equivalents in service, in 2025.");
  }
}

TEST_CASE("policy_effect: a national resource whose money ends is said to retire its GPUs", "[report]") {
  // nairr.yaml: the resource's 2.25B is paid over 2025-2030; from 2031 only what it carried over is
  // left, and it retires its fleet (tests/test_reserves.cpp checks the metrics).
  Scenario s = labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/nairr.yaml");
  Scenario b = labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/compute-divide.yaml");
  Trajectory t = labsim::run(s), base = labsim::run(b);
  labsim::report::PolicyEffectInput in;
  in.baseline = &base;
  std::vector<std::string> f = labsim::report::policy_effect(s, t, in);
  REQUIRE(f.size() >= 2);
  // Its best year is its last funded one; its short name, never its id.
  CHECK(f[f.size() - 2].rfind("In 2030 the NAIRR delivers ", 0) == 0);
  // What it carries into 2031 is a few dollars: no money to speak of.
  CHECK(std::regex_match(f.back(), sentence(R"(From 2031, after its compute-providers funding ends in 2030 \(the scenario does not renew it\), the NAIRR )"
                                            R"(has no money left to pay for the GPUs it already has: )"
                                            R"(in 2031 it retires # GPUs early, commitments it can no longer pay: \$# in all\.)")));
}

TEST_CASE("key_findings: every number on the default scenario is the trajectory's, rounded", "[report]") {
  Scenario s = labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/compute-divide.yaml");
  Trajectory t = labsim::run(s);
  REQUIRE(t.institutions.size() == 2);
  const InstitutionSeries &u = t.institutions[0], &lab = t.institutions[1];
  int years = t.year_count(), last = years - 1;
  // The gap, the largest models, the talent and the funding cliff (which takes the funding
  // sentence's place).
  std::vector<std::string> f = key_findings(s, t, nullptr, nullptr);
  REQUIRE(f.size() == 4);
  std::smatch m;

  INFO(f[0]);
  REQUIRE(
      std::regex_match(f[0], m,
                       sentence(R"(In 2034 the industry lab has # times as much training compute )"
                                R"(per researcher as the institute: # H100-hours against # H100-hours\.)")));
  double lab_hours = lab.at(last, Metric::kComputeH100HoursPerResearcher);
  double u_hours = u.at(last, Metric::kComputeH100HoursPerResearcher);
  check_shown(m[1], lab_hours / u_hours);
  check_shown(m[2], lab_hours);
  check_shown(m[3], u_hours);

  // The NSF award ends in 2028: from 2029 the institute cuts (the first year with unfunded
  // commitments), and revenue and carry-over are 2029's revenue and 2028's carry-over.
  INFO(f[3]);
  REQUIRE(std::regex_match(f[3], m,
                           sentence(R"(From 2029, after its nsf-institute funding ends in 2028 \(the scenario does not renew it\), the institute's )"
                                    R"(revenue and carry-over \(\$#\) no longer pay for the people and GPUs it )"
                                    R"(already has: in 2029-([0-9]+) it hires nobody and cuts # posts, )"
                                    R"(commitments it can no longer pay: \$# in all\.)")));
  CHECK(u.at(2028 - t.first_year, Metric::kBudgetUnfunded) == 0);
  CHECK(u.at(2028 - t.first_year, Metric::kBudgetReservesDrawn) == 0);
  check_shown(m[1], u.at(2029 - t.first_year, Metric::kBudgetRevenue) +
                        u.at(2028 - t.first_year, Metric::kBudgetCarryover));
  int cut_to = std::stoi(m[2]) - t.first_year;
  double posts = 0, unfunded = 0;
  for (int yi = 2029 - t.first_year; yi <= cut_to; ++yi) {
    CHECK(u.at(yi, Metric::kBudgetUnfunded) + u.at(yi, Metric::kBudgetReservesDrawn) > 0);
    CHECK(u.at(yi, Metric::kTalentHires) == 0);
    posts += u.at(yi, Metric::kTalentPostsCut);
    unfunded += u.at(yi, Metric::kBudgetUnfunded);
  }
  for (int yi = cut_to + 1; yi < years; ++yi) CHECK(u.at(yi, Metric::kBudgetUnfunded) == 0);
  check_shown(m[3], posts);
  check_shown(m[4], unfunded);

  INFO(f[1]);
  REQUIRE(std::regex_match(f[1], m,
                           sentence(R"(In 2034 the largest compute-optimal model the institute can train )"
                                    R"(has # parameters, on a run with 1 in # of the compute of the frontier run of )"
                                    R"(2034; the industry lab's has # parameters, on its own run, which )"
                                    R"(sets the frontier of 2034 \(([0-9.]+)e([0-9]+) FLOP on GPUs drawing # MW, )"
                                    R"(within its # GW site\)\.)")));
  check_shown(m[1], u.at(last, Metric::kComputeOptimalParams));
  check_shown("1/" + std::string(m[2]), u.at(last, Metric::kComputeFrontierRatio));
  check_shown(m[3], lab.at(last, Metric::kComputeOptimalParams));
  // Its run, the power its GPUs draw and its site's cap (2.26 GW from 2030, the frontier profile).
  // Three significant digits: within half a unit of the third.
  double flop = std::stod(std::string(m[4])) * std::pow(10.0, std::stoi(std::string(m[5])));
  CHECK(std::fabs(flop - lab.at(last, Metric::kComputeLargestRunFlop)) <= 0.005 * std::pow(10.0, std::stoi(std::string(m[5]))));
  check_shown(m[6], lab.at(last, Metric::kComputeLargestRunPowerMw));
  CHECK(std::string(m[7]) == "2.26");
  // The lab, a frontier developer, sets the frontier: its run is the frontier, not an input.
  CHECK(lab.at(last, Metric::kComputeFrontierRatio) == 1);
  CHECK(lab.at(last, Metric::kComputeFrontierExogenous) == 0);
  CHECK(lab.at(last, Metric::kComputeFrontierFlop) == lab.at(last, Metric::kComputeLargestRunFlop));

  INFO(f[2]);
  REQUIRE(std::regex_match(f[2], m,
                           sentence(R"(Over 2024-2034 the institute loses # researchers to industry )"
                                    R"(\(# of its 2034 graduates take industry jobs\), and its research )"
                                    R"(headcount falls from # in 2024 to # in 2034\.)")));
  check_shown(m[1], sum(u, Metric::kTalentDeparturesToIndustry, years));
  check_shown(m[2], u.at(last, Metric::kTalentGraduatesToIndustryShare));
  check_shown(m[3], u.at(0, Metric::kTalentHeadcount));
  check_shown(m[4], u.at(last, Metric::kTalentHeadcount));
}

TEST_CASE("policy_description: what the policy adds, in words", "[report]") {
  auto load = [](const char* f) { return labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/" + f); };
  CHECK(labsim::report::policy_description(load("compute-divide.yaml"), load("salary-topup.yaml")) ==
        std::vector<std::string>{
            "$420,000 a year more for the institute over 2024-2034 (growing 2.5% a year, for people only)",
            "a salary of $240,000 for the institute's faculty, against $185,000",
            "a salary of $90,000 for the institute's postdocs, against $61,000"});
  CHECK(labsim::report::policy_description(load("state-university.yaml"), load("state-university-policy.yaml")) ==
        std::vector<std::string>{
            "$780,000 a year more for State University over 2025-2032 (growing 2.5% a year, for people only)",
            "a salary of $215,000 for State University's topped-up faculty (20), against $185,000",
            "the NAIRR (a national compute resource) granting 500,000 H100-hours a year to State University"});
  CHECK(labsim::report::policy_description(load("compute-divide.yaml"), load("nairr.yaml")) ==
        std::vector<std::string>{"the NAIRR (a national compute resource, with $2.25 billion over 2025-2030) "
                                 "allocating 1% of its hours to the institute"});
  CHECK(labsim::report::policy_description(load("compute-divide.yaml"), load("compute-divide.yaml")).empty());
}

TEST_CASE("key_findings: leavers whose posts are filled again are said to be replaced", "[report]") {
  Trajectory t = institute_and_lab();
  // 5.2 researchers leave for industry, but the headcount ends where it began: 38.
  set(t.institutions[0], Metric::kTalentHeadcount, {38, 38, 38});
  std::vector<std::string> f = key_findings(scenario_named("policy"), t, nullptr, nullptr);
  CHECK(f[2] == "Over 2024-2026 the institute loses 5 researchers to industry (63% of its 2026 graduates take "
                "industry jobs), whose posts are filled again, and its research headcount stays at 38 over "
                "2024-2026.");
}

TEST_CASE("key_findings: a constant change is said once; a policy that moves people leads with them", "[report]") {
  Trajectory policy = institute_and_lab(), base = institute_and_lab();
  Scenario s = scenario_named("policy"), b = scenario_named("baseline");
  // +500 H100-hours per researcher every year (1,000/500, 1,500/1,000, 2,000/1,500).
  set(base.institutions[0], Metric::kComputeH100HoursPerResearcher, {500, 1000, 1500});
  CHECK(key_findings(s, policy, &b, &base)[0] ==
        "With the policy, the institute's compute per researcher rises by about 500 H100-hours every year (2 times "
        "as much in 2024, +33% in 2026), and its departures to industry over 2024-2026 stay at 5.2 researchers.");
  // Compute unchanged, headcount 20 -> 30.4 in 2026 (+52%): the people come first.
  base = institute_and_lab();
  set(base.institutions[0], Metric::kTalentHeadcount, {38, 30, 20});
  CHECK(key_findings(s, policy, &b, &base)[0] ==
        "With the policy, the institute's headcount in 2026 rises from 20.0 to 30.4 researchers (+52%); the "
        "institute's compute per researcher does not change (2,000 H100-hours in 2026), and its departures to "
        "industry over 2024-2026 stay at 5.2 researchers.");
}

TEST_CASE("policy_effect: compute per researcher that falls because more people share it says so", "[report]") {
  Trajectory policy = institute_and_lab(), base = institute_and_lab();
  // The baseline keeps fewer people (20 in 2026 against 30.4) with more compute each (2,500 against 2,000).
  set(base.institutions[0], Metric::kTalentHeadcount, {38, 30, 20});
  set(base.institutions[0], Metric::kComputeH100HoursPerResearcher, {1000, 1500, 2500});
  labsim::report::PolicyEffectInput in;
  in.baseline = &base;
  std::vector<std::string> f = labsim::report::policy_effect(scenario_named("policy"), policy, in);
  REQUIRE(f.size() >= 2);
  CHECK(f[1] == "The institute's compute per researcher in 2026 falls from 2,500 to 2,000 H100-hours (-20%), as more "
                "researchers share its compute.");
}
