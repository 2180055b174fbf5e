// The engine's yearly invariants (engine_invariants.hpp) fire: each rule broken on its own, for
// one run and in one lane of a block, throws InvariantError with that rule's message; a year that
// breaks none (all zeros) passes.
#include <catch2/catch.hpp>

#include <array>
#include <functional>
#include <limits>
#include <string>

#include "engine_invariants.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"

namespace {

using labsim::Institution;
using labsim::Scenario;
using labsim::model::Lanes;
using labsim::model::kLanes;

// One year of stage results, as one run's (double) numbers; lane_year() spreads them to a block.
struct Year {
  labsim::model::BudgetPlanT<double> plan;
  labsim::model::TalentYearT<double> talent;
  labsim::model::FleetYear fleet;
  labsim::model::Throughput tp;
  labsim::model::ClosingT<double> closing;
};

Scenario scenario() {
  return labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/compute-divide.yaml");
}

void check_one(const Scenario& s, const Institution& inst, const Year& y) {
  const Scenario* sp = &s;
  const Institution* ip = &inst;
  labsim::check_year_invariants<double>(&sp, &ip, 2030, y.plan, y.talent, &y.fleet, &y.tp, y.closing);
}

// A block whose lanes all hold `calm` but lane `odd`, which holds `y` for `odd_inst`.
void check_block(const Scenario& s, const Institution& inst, const Institution& odd_inst, const Year& calm, const Year& y,
                 int odd) {
  std::array<const Scenario*, kLanes> sp;
  std::array<const Institution*, kLanes> ip;
  std::array<labsim::model::FleetYear, kLanes> fleet;
  std::array<labsim::model::Throughput, kLanes> tp;
  labsim::model::BudgetPlanT<Lanes> plan;
  labsim::model::TalentYearT<Lanes> talent;
  labsim::model::ClosingT<Lanes> closing;
  for (int l = 0; l < kLanes; ++l) {
    const Year& v = l == odd ? y : calm;
    const auto u = static_cast<size_t>(l);
    sp[u] = &s, ip[u] = l == odd ? &odd_inst : &inst, fleet[u] = v.fleet, tp[u] = v.tp;
    plan.revenue_usd[l] = v.plan.revenue_usd, plan.carry_in_usd[l] = v.plan.carry_in_usd;
    plan.reserves_usd[l] = v.plan.reserves_usd, plan.compute_usd[l] = v.plan.compute_usd;
    for (size_t k = 0; k < v.talent.start.size(); ++k) {
      talent.start[k][l] = v.talent.start[k], talent.end[k][l] = v.talent.end[k];
      talent.hires[k][l] = v.talent.hires[k], talent.departures[k][l] = v.talent.departures[k];
      talent.graduates[k][l] = v.talent.graduates[k], talent.cut[k][l] = v.talent.cut[k];
    }
    talent.personnel_direct_usd[l] = v.talent.personnel_direct_usd, talent.indirect_usd[l] = v.talent.indirect_usd;
    talent.reserves_usd[l] = v.talent.reserves_usd, talent.unfunded_usd[l] = v.talent.unfunded_usd;
    closing.carry_out_usd[l] = v.closing.carry_out_usd, closing.lapsed_usd[l] = v.closing.lapsed_usd;
    closing.reserves_usd[l] = v.closing.reserves_usd;
  }
  labsim::check_year_invariants<Lanes>(sp.data(), ip.data(), 2030, plan, talent, fleet.data(), tp.data(), closing);
}

}  // namespace

TEST_CASE("Each yearly invariant fires alone for a run and for one lane of a block", "[engine][invariants]") {
  const Scenario s = scenario();
  Institution inst = s.institutions[0];  // the institute: faculty first
  REQUIRE(inst.people[0].role == labsim::Role::kFaculty);
  inst.largest_run.power_cap_gw = labsim::Series::constant(1e-9);  // 1 W
  const Year calm;
  CHECK_NOTHROW(check_one(s, inst, calm));
  // The broken lane's institution has its own id, so that the message shows which lane broke.
  Institution odd_inst = inst;
  odd_inst.id = "institute-of-the-odd-lane";
  CHECK_NOTHROW(check_block(s, inst, odd_inst, calm, calm, 0));

  struct Broken {
    const char* message;
    std::function<void(Year&)> apply;
  };
  const Broken rules[] = {
      {"money does not balance: in 100 != out 0", [](Year& y) { y.plan.revenue_usd = 100; }},
      {"money does not balance: in nan != out 0",
       [](Year& y) { y.plan.revenue_usd = std::numeric_limits<double>::quiet_NaN(); }},
      {"reserves: 0 at the start, 0 drawn, 5 at the end", [](Year& y) { y.closing.reserves_usd = 5; }},
      {"reserves: 10 at the start, 20 drawn", [](Year& y) {
         y.plan.reserves_usd = 10, y.talent.reserves_usd = 20, y.talent.personnel_direct_usd = 20;
       }},
      {"people not conserved for faculty", [](Year& y) { y.talent.end[0] = 3; }},
      {"people not conserved for faculty", [](Year& y) { y.talent.hires[0] = -1, y.talent.end[0] = -1; }},
      {"cuts: negative, or more GPUs idle than owned", [](Year& y) { y.fleet.gpus_idle = 1; }},
      {"cuts: negative, or more GPUs idle than owned", [](Year& y) { y.talent.unfunded_usd = -1; }},
      {"owned GPU-hours exceed the owned GPUs' hours in the year", [](Year& y) { y.fleet.owned_gpu_hours = 1; }},
      {"purchases exceed the compute envelope", [](Year& y) { y.plan.revenue_usd = 1, y.fleet.capex_usd = 1; }},
      {"a value is negative or not finite",
       [](Year& y) { y.tp.gpu_hours = std::numeric_limits<double>::quiet_NaN(); }},
      {"the largest run exceeds a whole year of the whole fleet", [](Year& y) { y.tp.largest_run_flop = 1; }},
      {"the largest run draws more power than its cap", [](Year& y) { y.tp.largest_run_power_w = 10; }},
  };
  for (const Broken& rule : rules) {
    Year y;
    rule.apply(y);
    CHECK_THROWS_WITH(check_one(s, inst, y),
                      Catch::Contains(std::string("invariant broken for 'institute' in 2030: ") + rule.message));
    for (int odd : {0, 5, kLanes - 1}) {
      INFO("the broken lane: " << odd);
      CHECK_THROWS_WITH(check_block(s, inst, odd_inst, calm, y, odd),
                        Catch::Contains(std::string("invariant broken for 'institute-of-the-odd-lane' in 2030: ") +
                                        rule.message));
    }
  }
}
