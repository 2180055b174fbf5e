// One enumeration of a scenario's numbers serves both binding a path and listing the paths, so
// the two cannot disagree. Keys and quantities are the loader's (sim/io/schema*.cpp); a test
// checks that setting each field equals reloading with --set.
#include "explore/bind.hpp"

#include <fmt/format.h>

#include <cmath>
#include <functional>

#include "io/reader.hpp"
#include "labsim/diagnostics.hpp"

namespace labsim::explore {

namespace {

using io::Quantity;
using Visit = std::function<void(Field&&)>;

void number(const Visit& visit, const std::string& path, Quantity q, double& value, double scale = 1) {
  Field f;
  f.path = path;
  f.quantity = q;
  f.value = &value;
  f.scale = scale;
  visit(std::move(f));
}

// A number whose key accepts less than its quantity's range (the loader's own check for that key,
// sim/io/schema*.cpp; "above 0" as a small positive bound).
void number_within(const Visit& visit, const std::string& path, Quantity q, double& value, double lower,
                   double upper, double scale = 1) {
  number([&](Field&& f) {
    f.lower = lower;
    f.upper = upper;
    visit(std::move(f));
  }, path, q, value, scale);
}

// A series: its single value when constant, else each point by year and its growth.
void series(const Visit& visit, const std::string& path, Quantity q, Series& s) {
  if (s.points.size() == 1 && s.points.front().first == 0) {
    number(visit, path, q, s.points.front().second);
    return;
  }
  for (auto& [year, value] : s.points) number(visit, io::join(path, std::to_string(year)), q, value);
  number(visit, io::join(path, "growth"), Quantity::kGrowth, s.growth_factor);
}

void catalog(const Visit& visit, Catalog& c) {
  for (Accelerator& a : c.parts) {
    std::string p = io::join("hardware.catalog", a.name);
    number_within(visit, io::join(p, "bf16_tflops"), Quantity::kNumber, a.bf16_flops, 1e-9, 1e6, 1e12);
    number(visit, io::join(p, "fp8_tflops"), Quantity::kAmount, a.fp8_flops, 1e12);
    number(visit, io::join(p, "memory_gb"), Quantity::kCount, a.memory_gb);
    number(visit, io::join(p, "tdp_w"), Quantity::kCount, a.tdp_w);
    if (a.price_usd) series(visit, io::join(p, "price_usd"), Quantity::kMoney, *a.price_usd);
    if (a.cloud_usd_per_hour) series(visit, io::join(p, "cloud_usd_per_hour"), Quantity::kMoney, *a.cloud_usd_per_hour);
  }
}

void people(const Visit& visit, const std::string& path, Institution& inst) {
  for (RolePlan& r : inst.people) {
    std::string p = io::join(path, to_string(r.role));
    number(visit, io::join(p, "count"), Quantity::kCount, r.count);
    if (r.target) series(visit, io::join(p, "target"), Quantity::kCount, *r.target);
    if (!r.market_salary) number(visit, io::join(p, "salary"), Quantity::kMoney, r.salary_usd);
    if (!r.salary_growth_is_inflation) number(visit, io::join(p, "salary_growth"), Quantity::kGrowth, r.salary_growth);
    number(visit, io::join(p, "fringe"), Quantity::kOverhead, r.fringe);
    number(visit, io::join(p, "paid_share"), Quantity::kShare, r.paid_share);
    number(visit, io::join(p, "tuition"), Quantity::kMoney, r.tuition_usd);
    number(visit, io::join(p, "attrition"), Quantity::kRate, r.attrition_rate);
    if (r.role == Role::kPhd) number_within(visit, io::join(p, "program_years"), Quantity::kYears, r.program_years, 1, 200);
    else number(visit, io::join(p, "program_years"), Quantity::kYears, r.program_years);
  }
}

void institution(const Visit& visit, Institution& inst) {
  std::string p = io::join("institutions", inst.id);
  for (size_t i = 0; i < inst.fleet.size(); ++i) {
    std::string c = fmt::format("{}.fleet[{}]", p, i);
    Field f;
    f.path = io::join(c, "count");
    f.quantity = Quantity::kCount;
    f.value = &inst.fleet[i].count;
    f.whole = true;
    visit(std::move(f));
    number(visit, io::join(c, "lifetime"), Quantity::kYears, inst.fleet[i].lifetime_years);
  }
  std::string pr = io::join(p, "procurement");
  number_within(visit, io::join(pr, "lifetime"), Quantity::kYears, inst.procurement.lifetime_years, 1, 200);
  number(visit, io::join(pr, "server_overhead"), Quantity::kOverhead, inst.procurement.server_overhead);
  number(visit, io::join(pr, "maintenance"), Quantity::kRate, inst.procurement.maintenance_rate);
  number_within(visit, io::join(pr, "commissioning"), Quantity::kMonths, inst.procurement.commissioning_months, 0, 12);
  std::string op = io::join(p, "operations");
  number(visit, io::join(op, "availability"), Quantity::kShare, inst.operations.availability);
  number(visit, io::join(op, "utilization"), Quantity::kShare, inst.operations.utilization);
  number(visit, io::join(op, "mfu"), Quantity::kShare, inst.operations.mfu);
  number(visit, io::join(p, "largest_run.share"), Quantity::kShare, inst.largest_run.share);
  number_within(visit, io::join(p, "largest_run.days"), Quantity::kDays, inst.largest_run.days, 0, 365);
  people(visit, io::join(p, "people"), inst);
  for (Stream& st : inst.funding) {
    std::string f = io::join(io::join(p, "funding"), st.name);
    Field amount;
    amount.path = io::join(f, "amount");
    amount.quantity = Quantity::kMoney;
    amount.per_year_money = st.per_year;
    amount.value = &st.amount_usd;
    visit(std::move(amount));
    if (st.per_year) number(visit, io::join(f, "growth"), Quantity::kGrowth, st.growth_factor);
    number(visit, io::join(f, "indirect_rate"), Quantity::kShare, st.indirect_rate);
  }
  number(visit, io::join(p, "spending.compute_share"), Quantity::kShare, inst.spending.compute_share);
}

void each_field(Scenario& s, const Visit& visit) {
  Field inflation;
  inflation.path = "economy.inflation";
  inflation.quantity = Quantity::kRate;
  inflation.value = &s.economy.inflation_rate;
  for (Institution& inst : s.institutions)
    for (RolePlan& r : inst.people)
      if (r.salary_growth_is_inflation) inflation.followers.push_back(&r.salary_growth);
  visit(std::move(inflation));
  number_within(visit, "economy.electricity_usd_per_kwh", Quantity::kMoney, s.economy.electricity_usd_per_kwh, 0, 5);
  number_within(visit, "economy.pue", Quantity::kNumber, s.economy.pue, 1, 5);
  number_within(visit, "economy.server_power_factor", Quantity::kNumber, s.economy.server_power_factor, 1, 5);
  number_within(visit, "hardware.price_performance_doubling", Quantity::kYears,
                s.hardware.price_performance_doubling_years, 0.5, 200);
  catalog(visit, s.catalog);
  series(visit, "market.industry_comp", Quantity::kMoney, s.market.industry_comp_usd);
  series(visit, "market.frontier_training_flop", Quantity::kFlop, s.market.frontier_training_flop);
  if (s.market.industry_h100_hours_per_researcher)
    series(visit, "market.industry_h100_hours_per_researcher", Quantity::kCount,
           *s.market.industry_h100_hours_per_researcher);
  number(visit, "talent.choice.intercept", Quantity::kNumber, s.talent.choice.intercept);
  number(visit, "talent.choice.salary", Quantity::kNumber, s.talent.choice.salary);
  number(visit, "talent.choice.compute", Quantity::kNumber, s.talent.choice.compute);
  for (int r = 0; r < kRoleCount; ++r)
    number(visit, io::join("talent.mobility", to_string(static_cast<Role>(r))), Quantity::kRate,
           s.talent.mobility[static_cast<size_t>(r)]);
  number_within(visit, "training.tokens_per_parameter", Quantity::kNumber, s.training.tokens_per_parameter, 1e-12, 1e6);
  // The loader's limits (sim/io/schema.cpp, read_output); "above 0" as the smallest positive step.
  number_within(visit, "output.productivity", Quantity::kNumber, s.output.productivity, 0, 1000);
  number_within(visit, "output.threshold", Quantity::kShare, s.output.threshold, 1e-12, 1);
  number_within(visit, "output.steepness", Quantity::kNumber, s.output.steepness, 1e-6, 100);
  for (Institution& inst : s.institutions) institution(visit, inst);
}

// Why a path that names no bindable number cannot vary, when it is a known fixed input.
std::string fixed_reason(std::string_view path) {
  for (const char* key : {".replicas", ".years", ".acquired", ".year", ".schedule", ".allocates"})
    if (path.find(key) != std::string_view::npos) return "this input shapes the scenario and cannot vary";
  return {};
}

}  // namespace

Field bind_field(Scenario& s, std::string_view path) {
  std::optional<Field> found;
  std::vector<std::string> paths;
  each_field(s, [&](Field&& f) {
    if (!found && f.path == path) found = std::move(f);
    else paths.push_back(f.path);
  });
  if (found) return std::move(*found);
  Diagnostic d;
  d.path = std::string(path);
  std::string why = fixed_reason(path);
  d.message = why.empty() ? "no number of the scenario has this key path" : why;
  std::string guess = io::nearest(path, paths);
  if (!guess.empty()) d.hint = fmt::format("did you mean '{}'?", guess);
  else if (why.empty()) d.hint = "`labsim validate --inputs SCENARIO` lists the inputs that can vary";
  throw InputError({d});
}

std::vector<std::string> field_paths(const Scenario& s) {
  Scenario copy = s;  // each_field hands out pointers; the listing needs none of them
  std::vector<std::string> paths;
  each_field(copy, [&](Field&& f) { paths.push_back(std::move(f.path)); });
  return paths;
}

}  // namespace labsim::explore
