#include "model/output.hpp"

#include <cmath>

#include "labsim/trajectory.hpp"

namespace labsim::model {

double large_models(double researchers, double share, const ResearchOutput& p) {
  return researchers * p.productivity * share;
}

double notable_models(double researchers, double share, bool has_compute, const ResearchOutput& p) {
  if (!has_compute) return 0;
  return researchers * p.base_productivity + large_models(researchers, share, p);
}

double academic_share(std::span<const double> notable_models, std::span<const Institution> institutions) {
  double all = 0, academic = 0;
  for (size_t i = 0; i < notable_models.size(); ++i) {
    all += notable_models[i];
    if (institutions[i].kind == InstitutionKind::kUniversity) academic += notable_models[i];
  }
  return all > 0 ? academic / all : kUndefined;
}

}  // namespace labsim::model
