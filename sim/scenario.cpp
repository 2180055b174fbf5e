#include "labsim/scenario.hpp"

namespace labsim {

const char* to_string(InstitutionKind kind) {
  switch (kind) {
    case InstitutionKind::kUniversity: return "university";
    case InstitutionKind::kIndustry: return "industry";
    case InstitutionKind::kNationalResource: return "national_resource";
  }
  return "?";
}

const char* to_string(Role role) {
  switch (role) {
    case Role::kFaculty: return "faculty";
    case Role::kPostdoc: return "postdoc";
    case Role::kPhd: return "phd";
    case Role::kResearchScientist: return "research_scientist";
    case Role::kEngineer: return "engineer";
  }
  return "?";
}

const char* to_string(Purpose purpose) {
  switch (purpose) {
    case Purpose::kAny: return "any";
    case Purpose::kCompute: return "compute";
    case Purpose::kPeople: return "people";
  }
  return "?";
}

Series frontier_power_cap_gw() {
  return Series{{{2024, 0.143}, {2026, 1.281}, {2030, 2.26}}, 1.0, true};
}

double reference_peak_flops(const Scenario& s) {
  return s.catalog.parts[static_cast<size_t>(s.hardware.reference)].bf16_flops;
}

bool grants_only(const Institution& inst) {
  return inst.fleet.empty() && inst.funding.empty() && inst.reserves_usd == 0;
}

}  // namespace labsim
