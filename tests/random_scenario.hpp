// Random valid scenarios for property tests: a rapidcheck generator of scenario specifications
// and their rendering as scenario YAML, so that every case goes through the loader as a user's
// file would. Numbers are drawn on coarse grids (whole percentages, round money) so that a
// shrunk counterexample reads like a hand-written scenario.
#pragma once

#include <rapidcheck.h>

#include <string>
#include <vector>

namespace labsim::test {

struct CohortSpec {
  std::string gpu;
  int count = 0;
  int acquired = 0;
  bool cloud = false;
};

struct RoleSpec {
  std::string role;
  int count = 0;
  int salary_k = 0;   // thousand USD a year; 0 means `market`
  int attrition_pct = 0;
};

struct StreamSpec {
  int amount_k = 0;  // thousand USD
  bool per_year = false;
  int first = 0;     // year offsets from the scenario's first year
  int last = 0;
  int indirect_pct = 0;
};

struct InstitutionSpec {
  std::string id;
  std::string kind;  // university | industry | national_resource
  int replicas = 1;
  std::vector<CohortSpec> fleet;
  std::string buy;   // `best` or a part name
  std::string mode;  // owned | cloud | cheapest
  int commissioning_months = 0;
  bool power_paid_by_lab = false;
  int utilization_pct = 60;
  int mfu_pct = 40;
  int run_share_pct = 50;
  bool frontier_developer = false;  // industry only: the scaling profile unless the keys below say otherwise
  int run_share_growth_pct = 0;
  int run_days_growth_pct = 0;      // -1: not given (a frontier developer's default, 1.4x/yr)
  int power_cap_kw = 0;             // 0: not given
  std::vector<RoleSpec> people;
  std::vector<StreamSpec> funding;
  int compute_share_pct = 30;
  bool carryover = true;
  int reserves_k = 0;  // thousand USD at the start
  struct Allocation {
    std::string recipient;
    double share = 0;  // of the resource's delivered hours
  };
  std::vector<Allocation> allocates;  // national resources only
};

struct ScenarioSpec {
  int first_year = 2024;
  int years = 1;
  int industry_comp_k = 300;
  int industry_comp_growth_pct = 4;
  double intercept = -3.1;
  double salary_weight = 1.6;   // drawn ≥ 0
  double compute_weight = 0.15; // drawn ≥ 0
  int faculty_mobility_pct = 10;
  int postdoc_mobility_pct = 40;
  double frontier_floor = 0;  // market.frontier_training_flop in the first year [FLOP]; 0: none
  int frontier_floor_growth_x = 1;
  std::vector<InstitutionSpec> institutions;
};

// Scenarios of 1–4 institutions over 1–8 years, each with 0–2 initial cohorts, 1–3 roles,
// 1–2 funding streams and, for about a third of them, reserves; a national resource may allocate
// part of its hours to a university.
rc::Gen<ScenarioSpec> scenario_spec();

// The scenario as YAML text, ready for load_scenario_string.
std::string to_yaml(const ScenarioSpec& spec);

}  // namespace labsim::test
