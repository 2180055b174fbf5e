// The terminal table: a university and an industry lab side by side, with the gaps.
#include <fmt/format.h>

#include "labsim/writers.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

std::string ratio(double industry, double university) {
  if (!is_defined(industry) || !is_defined(university) || university <= 0 || industry <= 0) return "-";
  double r = industry / university;
  if (r >= 0.995 && r < 1.005) return "same";
  if (r < 1) return fmt::format("1/{}x", text::suffixed(1 / r));
  return text::suffixed(r) + "x";
}

struct Row {
  const char* label;
  Metric metric;
};

constexpr Row kRows[] = {
    {"GPUs in service", Metric::kFleetGpus},
    {"H100-equivalents", Metric::kFleetH100Equivalents},
    {"Training compute in the year (FLOP)", Metric::kComputeEffectiveFlop},
    {"H100-hours per researcher", Metric::kComputeH100HoursPerResearcher},
    {"Largest training run (FLOP)", Metric::kComputeLargestRunFlop},
    {"Compute-optimal model (parameters)", Metric::kComputeOptimalParams},
    {"Largest run / frontier run", Metric::kComputeFrontierRatio},
    {"Researchers", Metric::kTalentHeadcount},
    {"Mean research salary (USD/yr)", Metric::kTalentMeanSalary},
    {"Hires", Metric::kTalentHires},
    {"Departures to industry", Metric::kTalentDeparturesToIndustry},
    {"Funding received (USD)", Metric::kBudgetRevenue},
};

// Whether either side has `role`.
bool has_role(const InstitutionSeries& a, const InstitutionSeries& b, Role role) {
  for (const InstitutionSeries* x : {&a, &b})
    for (Role r : x->roles)
      if (r == role) return true;
  return false;
}

// The value of a per-role metric, or undefined ("-") for a side without the role.
double role_value(const InstitutionSeries& x, int yi, Metric m) {
  for (Role r : x.roles)
    if (static_cast<int>(r) == role_of(m)) return x.at(yi, m);
  return kUndefined;
}

int first_of(const Trajectory& t, InstitutionKind kind) {
  for (size_t i = 0; i < t.institutions.size(); ++i)
    if (t.institutions[i].kind == kind) return static_cast<int>(i);
  return -1;
}

// Institution `u` (the academic side) and `ind` (the side it is compared with) for the first,
// middle and last year, with the ratio ind / u.
void side_by_side(std::ostream& out, const Trajectory& t, int u, int ind) {
  const auto& us = t.institutions[static_cast<size_t>(u)];
  const auto& is = t.institutions[static_cast<size_t>(ind)];
  int n = t.year_count();
  int years[] = {0, (n - 1) / 2, n - 1};
  std::string gap = us.kind == InstitutionKind::kUniversity && is.kind == InstitutionKind::kIndustry
                        ? "industry/univ."
                        : fmt::format("{}/{}", is.id.substr(0, 9), us.id.substr(0, 9));
  out << fmt::format("{:<38}{:>20}{:>20}{:>20}\n", "", us.id.substr(0, 19), is.id.substr(0, 19), gap);
  for (int k = 0; k < 3; ++k) {
    if (k > 0 && years[k] == years[k - 1]) continue;
    int yi = years[k];
    out << t.first_year + yi << '\n';
    for (const Row& row : kRows) {
      double a = us.at(yi, row.metric), b = is.at(yi, row.metric);
      out << fmt::format("  {:<36}{:>20}{:>20}{:>20}\n", row.label, text::suffixed(a), text::suffixed(b), ratio(b, a));
      // Hires and moves to industry by role, for the roles either side has.
      bool hires = row.metric == Metric::kTalentHires;
      if (!hires && row.metric != Metric::kTalentDeparturesToIndustry) continue;
      for (int r = 0; r < kRoleCount; ++r) {
        auto role = static_cast<Role>(r);
        if (!has_role(us, is, role)) continue;
        Metric m = hires ? hires_metric(role) : departures_to_industry_metric(role);
        double ra = role_value(us, yi, m), rb = role_value(is, yi, m);
        out << fmt::format("    {:<34}{:>20}{:>20}{:>20}\n", to_string(role), text::suffixed(ra), text::suffixed(rb),
                           ratio(rb, ra));
      }
    }
  }
}

}  // namespace

void write_table(std::ostream& out, const Scenario& s, const Trajectory& t) {
  out << fmt::format("{}{}{} ({}-{})\n\n", s.name, s.title.empty() ? "" : ": ", s.title, s.first_year, s.last_year);
  // The first university against the first industry lab; failing either, the first two.
  int u = first_of(t, InstitutionKind::kUniversity);
  int ind = first_of(t, InstitutionKind::kIndustry);
  if (u < 0) u = ind == 0 ? 1 : 0;
  if (ind < 0) ind = u == 0 ? 1 : 0;
  if (u < static_cast<int>(t.institutions.size()) && ind < static_cast<int>(t.institutions.size()) && u != ind) {
    side_by_side(out, t, u, ind);
    out << '\n';
  }
  int last = t.year_count() - 1;
  out << fmt::format("{:<24}{:>12}{:>14}{:>14}{:>13}{:>15}\n", fmt::format("In {}", t.last_year),
                     "GPUs", "H100-h/res.", "largest run", "researchers", "moved to ind.");
  for (const InstitutionSeries& inst : t.institutions) {
    std::string name = inst.replicas > 1 ? fmt::format("{} (x{})", inst.id, inst.replicas) : inst.id;
    out << fmt::format("{:<24}{:>12}{:>14}{:>14}{:>13}{:>15}\n", name.substr(0, 23),
                       text::suffixed(inst.at(last, Metric::kFleetGpus)),
                       text::suffixed(inst.at(last, Metric::kComputeH100HoursPerResearcher)),
                       text::suffixed(inst.at(last, Metric::kComputeLargestRunFlop)),
                       text::suffixed(inst.at(last, Metric::kTalentHeadcount)),
                       text::suffixed(inst.at(last, Metric::kTalentDeparturesToIndustry)));
  }
  out << "\nlargest run: FLOP of the largest training run; researchers: headcount at the end of the year;\n"
         "moved to ind.: researchers who left for industry during the year. Totals cover all replicas;\n"
         "per-researcher values and run sizes are per institution.\n";
}

}  // namespace labsim
