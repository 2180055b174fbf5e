// The random scenario generator of random_scenario.hpp.
#include "random_scenario.hpp"

#include <fmt/format.h>

#include <cmath>

#include <string>
#include <vector>

namespace labsim::test {
namespace {

// Catalog parts with both a price and a cloud rate, so that every mode can buy them.
const std::vector<std::string> kParts = {"V100-SXM2-32GB", "A100-80GB", "H100-SXM", "H200-SXM", "B200"};

int draw(int low, int high_inclusive) { return *rc::gen::inRange(low, high_inclusive + 1); }

template <typename T>
T pick(const std::vector<T>& options) {
  return *rc::gen::elementOf(options);
}

CohortSpec cohort(int first_year) {
  CohortSpec c;
  c.gpu = pick(kParts);
  c.count = draw(0, 400);
  c.acquired = first_year - draw(0, 4);
  c.cloud = draw(0, 3) == 0;
  return c;
}

StreamSpec stream(int years, bool university) {
  StreamSpec f;
  f.per_year = *rc::gen::arbitrary<bool>();
  f.amount_k = draw(0, f.per_year ? 20'000 : 60'000);
  f.first = draw(-1, years - 1);
  f.last = draw(f.first, years + 1);
  f.indirect_pct = university ? draw(0, 70) : 0;
  return f;
}

std::vector<RoleSpec> people(const std::string& kind) {
  std::vector<std::string> roles = kind == "industry"
                                       ? std::vector<std::string>{"research_scientist", "engineer"}
                                       : std::vector<std::string>{"faculty", "postdoc", "phd"};
  std::vector<RoleSpec> out;
  for (const std::string& role : roles) {
    if (!out.empty() && !*rc::gen::arbitrary<bool>()) continue;
    RoleSpec r;
    r.role = role;
    r.count = draw(0, kind == "industry" ? 500 : 60);
    r.salary_k = kind == "industry" && draw(0, 1) ? 0 : draw(30, 400);
    r.attrition_pct = role == "phd" ? 0 : draw(0, 30);
    out.push_back(r);
  }
  return out;
}

InstitutionSpec institution(int index, int first_year, int years) {
  InstitutionSpec inst;
  inst.kind = pick(std::vector<std::string>{"university", "university", "industry", "national_resource"});
  inst.id = fmt::format("{}-{}", inst.kind == "national_resource" ? "national" : inst.kind, index);
  inst.replicas = draw(0, 3) == 0 ? draw(2, 5) : 1;
  int cohorts = draw(0, 2);
  for (int c = 0; c < cohorts; ++c) inst.fleet.push_back(cohort(first_year));
  inst.buy = draw(0, 1) ? std::string("best") : pick(kParts);
  inst.mode = pick(std::vector<std::string>{"owned", "owned", "cloud", "cheapest"});
  inst.commissioning_months = draw(0, 2) == 0 ? draw(1, 12) : 0;
  inst.power_paid_by_lab = inst.kind == "university" && *rc::gen::arbitrary<bool>();
  inst.utilization_pct = draw(10, 100);
  inst.mfu_pct = draw(10, 60);
  inst.run_share_pct = draw(1, 100);
  if (inst.kind != "national_resource") inst.people = people(inst.kind);
  int streams = draw(1, 2);
  for (int f = 0; f < streams; ++f) inst.funding.push_back(stream(years, inst.kind == "university"));
  inst.compute_share_pct = draw(0, 100);
  inst.carryover = draw(0, 3) != 0;
  inst.frontier_developer = inst.kind == "industry" && draw(0, 1);
  inst.run_share_growth_pct = draw(0, 2) == 0 ? draw(0, 100) : 0;
  inst.run_days_growth_pct = draw(0, 2) == 0 ? -1 : draw(0, 60);
  inst.power_cap_kw = draw(0, 1) == 0 ? draw(1, 500) : 0;
  inst.reserves_k = draw(0, 2) == 0 ? draw(1, 30'000) : 0;
  return inst;
}

std::string percent(int pct) { return fmt::format("{}%", pct); }

void render_institution(const InstitutionSpec& inst, int first_year, std::string& out) {
  out += fmt::format("  - id: {}\n    kind: {}\n    replicas: {}\n", inst.id, inst.kind, inst.replicas);
  if (!inst.fleet.empty()) {
    out += "    fleet:\n";
    for (const CohortSpec& c : inst.fleet)
      out += fmt::format("      - {{gpu: {}, count: {}, acquired: {}, ownership: {}}}\n", c.gpu, c.count,
                         c.acquired, c.cloud ? "cloud" : "owned");
  }
  out += fmt::format("    procurement: {{gpu: {}, mode: {}, commissioning: {} months", inst.buy, inst.mode,
                     inst.commissioning_months);
  if (inst.kind == "university") out += fmt::format(", power_paid_by: {}", inst.power_paid_by_lab ? "lab" : "institution");
  out += "}\n";
  out += fmt::format("    operations: {{utilization: {}, mfu: {}}}\n", percent(inst.utilization_pct),
                     percent(inst.mfu_pct));
  if (inst.frontier_developer) out += "    frontier_developer: true\n";
  out += fmt::format("    largest_run: {{share: {}, share_growth: {}/yr", percent(inst.run_share_pct),
                     percent(inst.run_share_growth_pct));
  if (inst.run_days_growth_pct >= 0) out += fmt::format(", days_growth: {}/yr", percent(inst.run_days_growth_pct));
  if (inst.power_cap_kw > 0) out += fmt::format(", power_cap_gw: {}", inst.power_cap_kw / 1e6);
  out += "}\n";
  if (!inst.people.empty()) {
    out += "    people:\n";
    for (const RoleSpec& r : inst.people) {
      std::string salary = r.salary_k == 0 ? std::string("market") : fmt::format("{}k", r.salary_k);
      out += fmt::format("      - {{role: {}, count: {}, salary: {}, attrition: {}/yr}}\n", r.role, r.count,
                         salary, percent(r.attrition_pct));
    }
  }
  out += "    funding:\n";
  for (size_t f = 0; f < inst.funding.size(); ++f) {
    const StreamSpec& s = inst.funding[f];
    out += fmt::format("      - {{name: stream-{}, amount: {}k{}, years: {}-{}", f, s.amount_k, s.per_year ? "/yr" : "",
                       first_year + s.first, first_year + s.last);
    if (inst.kind == "university") out += fmt::format(", indirect_rate: {}", percent(s.indirect_pct));
    out += "}\n";
  }
  out += fmt::format("    spending: {{compute_share: {}, carryover: {}}}\n", percent(inst.compute_share_pct),
                     inst.carryover ? "true" : "false");
  if (inst.reserves_k > 0) out += fmt::format("    reserves: {}k\n", inst.reserves_k);
  if (!inst.allocates.empty()) {
    out += "    allocates:\n";
    for (const InstitutionSpec::Allocation& a : inst.allocates)
      out += fmt::format("      - {{institution: {}, share: {}}}\n", a.recipient, a.share);
  }
}

}  // namespace

rc::Gen<ScenarioSpec> scenario_spec() {
  return rc::gen::exec([] {
    ScenarioSpec spec;
    spec.years = draw(1, 8);
    spec.industry_comp_k = draw(100, 900);
    spec.industry_comp_growth_pct = draw(0, 10);
    spec.intercept = draw(-50, 10) / 10.0;
    spec.salary_weight = draw(0, 40) / 10.0;
    spec.compute_weight = draw(0, 10) / 10.0;
    spec.faculty_mobility_pct = draw(0, 30);
    spec.postdoc_mobility_pct = draw(0, 60);
    if (draw(0, 1)) {
      spec.frontier_floor = std::pow(10.0, draw(15, 26));
      spec.frontier_floor_growth_x = draw(1, 5);
    }
    int count = draw(1, 4);
    for (int i = 0; i < count; ++i) spec.institutions.push_back(institution(i, spec.first_year, spec.years));
    const InstitutionSpec* university = nullptr;
    for (const InstitutionSpec& inst : spec.institutions)
      if (inst.kind == "university" && !university) university = &inst;
    for (InstitutionSpec& inst : spec.institutions)
      if (inst.kind == "national_resource" && university)
        inst.allocates.push_back({university->id, draw(0, 50) / 100.0});
    return spec;
  });
}

std::string to_yaml(const ScenarioSpec& spec) {
  std::string out = fmt::format("scenario: {{name: random, years: {}-{}}}\n", spec.first_year,
                                spec.first_year + spec.years - 1);
  out += fmt::format("market:\n  industry_comp: {{{}: {}k, growth: {}/yr}}\n", spec.first_year, spec.industry_comp_k,
                     percent(spec.industry_comp_growth_pct));
  if (spec.frontier_floor > 0)
    out += fmt::format("  frontier_training_flop: {{{}: {:g}, growth: {}x/yr}}\n", spec.first_year, spec.frontier_floor,
                       spec.frontier_floor_growth_x);
  out += fmt::format("talent:\n  choice: {{intercept: {}, salary: {}, compute: {}}}\n", spec.intercept,
                     spec.salary_weight, spec.compute_weight);
  out += fmt::format("  mobility: {{faculty: {}/yr, postdoc: {}/yr}}\n", percent(spec.faculty_mobility_pct),
                     percent(spec.postdoc_mobility_pct));
  out += "institutions:\n";
  for (const InstitutionSpec& inst : spec.institutions) render_institution(inst, spec.first_year, out);
  return out;
}

}  // namespace labsim::test
