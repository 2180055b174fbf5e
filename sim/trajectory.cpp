#include "labsim/trajectory.hpp"

#include <string_view>

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

double reference_peak_flops(const Scenario& s) {
  return s.catalog.parts[static_cast<size_t>(s.hardware.reference)].bf16_flops;
}

int Catalog::find(std::string_view name) const {
  for (size_t i = 0; i < parts.size(); ++i)
    if (parts[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace labsim
