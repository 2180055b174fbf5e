// The equal-cost counterfactual of a policy: its yearly cost, given to one institution as plain
// funding (docs/cli.md, "compare --equal-cost").
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "explore/input_error.hpp"
#include "labsim/engine.hpp"
#include "labsim/explore.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

// Σ budget.revenue over every institution (replicas included), year by year.
std::vector<double> total_revenue(const Trajectory& t) {
  std::vector<double> total(static_cast<size_t>(t.last_year - t.first_year + 1), 0.0);
  for (const InstitutionSeries& s : t.institutions)
    for (size_t y = 0; y < total.size(); ++y) total[y] += s.at(static_cast<int>(y), Metric::kBudgetRevenue);
  return total;
}

std::size_t beneficiary_index(const Scenario& baseline, const std::string& id) {
  if (!id.empty()) {
    for (std::size_t i = 0; i < baseline.institutions.size(); ++i)
      if (baseline.institutions[i].id == id) return i;
    std::vector<std::string> ids;
    for (const Institution& inst : baseline.institutions) ids.push_back(inst.id);
    explore::input_error("--beneficiary", fmt::format("the baseline has no institution '{}'", id),
                         "institutions: " + fmt::format("{}", fmt::join(ids, ", ")));
  }
  std::vector<std::size_t> universities;
  for (std::size_t i = 0; i < baseline.institutions.size(); ++i)
    if (baseline.institutions[i].kind == InstitutionKind::kUniversity) universities.push_back(i);
  if (universities.size() == 1) return universities.front();
  std::vector<std::string> ids;
  for (std::size_t i : universities) ids.push_back(baseline.institutions[i].id);
  explore::input_error("--beneficiary",
                       universities.empty() ? "the baseline has no university to give the policy's money to"
                                            : fmt::format("the baseline has {} universities: which one would receive "
                                                          "the policy's money?", universities.size()),
                       ids.empty() ? "name an institution with --beneficiary ID"
                                   : fmt::format("name one with --beneficiary ({})", fmt::join(ids, ", ")));
}

// The H100-hours the scenario's programs with no modelled provider grant in `year`: money no
// institution of the scenario pays, so revenue does not show it.
double program_hours(const Scenario& s, int year) {
  double hours = 0;
  for (const Institution& inst : s.institutions)
    if (grants_only(inst))
      for (const Allocation& a : inst.allocations)
        if (a.h100_hours) hours += a.h100_hours->at(year);
  return hours;
}

}  // namespace

EqualCost equal_cost(const Scenario& baseline, const Scenario& policy, const std::string& beneficiary) {
  const std::size_t b = beneficiary_index(baseline, beneficiary);
  const std::vector<double> base = total_revenue(run(baseline)), with = total_revenue(run(policy));
  EqualCost e;
  e.scenario = baseline;
  e.beneficiary = baseline.institutions[b].id;
  // Granted hours are costed at what the reference GPU rents for that year (the catalog's price).
  const Accelerator& ref = policy.catalog.parts[static_cast<std::size_t>(policy.hardware.reference)];
  for (std::size_t y = 0; y < base.size() && y < with.size(); ++y) {
    const int year = baseline.first_year + static_cast<int>(y);
    double granted = program_hours(policy, year) - program_hours(baseline, year);
    double rent = ref.cloud_usd_per_hour ? ref.cloud_usd_per_hour->at(year) : 0;
    e.granted_hours_usd += granted * rent;
    e.cost_usd.push_back(std::max(0.0, with[y] - base[y] + granted * rent));
  }
  const double total = std::accumulate(e.cost_usd.begin(), e.cost_usd.end(), 0.0);
  if (!(total > 0)) {
    explore::input_error("--equal-cost",
                         fmt::format("the policy {} adds no money to the baseline {} in any year: there is nothing to "
                                     "give at equal cost", policy.name, baseline.name),
                         "the cost of a policy is the change in total revenue over all institutions; compare without "
                         "--equal-cost");
  }
  Institution& inst = e.scenario.institutions[b];
  for (const Stream& st : inst.funding) e.indirect_rate = std::max(e.indirect_rate, st.indirect_rate);
  // A total spread over the scenario's years by the cost's own shape; each replica gets its part.
  Stream st;
  st.name = "equal-cost";
  while (std::any_of(inst.funding.begin(), inst.funding.end(), [&](const Stream& s) { return s.name == st.name; }))
    st.name += "'";
  st.purpose = Purpose::kAny;
  st.first_year = baseline.first_year;
  st.last_year = baseline.last_year;
  st.amount_usd = total / inst.replicas;
  for (double c : e.cost_usd) st.schedule.push_back(c / total);
  st.indirect_rate = e.indirect_rate;
  inst.funding.push_back(st);
  e.scenario.name = baseline.name + "-equal-cost";
  e.scenario.title = fmt::format("{}: the cost of {} given to {} as funding", baseline.title, policy.name, inst.name);
  Assumption a;
  a.path = fmt::format("institutions.{}.funding.{}.amount", inst.id, st.name);
  a.value = fmt::format("{} over {}-{}", text::money_words(total), baseline.first_year, baseline.last_year);
  a.source = fmt::format("labsim: the cost of {} (its yearly change in total revenue)", policy.name);
  e.scenario.assumptions.push_back(a);
  return e;
}

}  // namespace labsim
