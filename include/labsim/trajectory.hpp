// The result of a run: per institution, per year, a fixed set of named metrics.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "labsim/metric.hpp"
#include "labsim/scenario.hpp"

namespace labsim {

// Undefined values (a ratio with a zero denominator) are stored as NaN and written as empty
// (CSV) or null (JSON).
inline constexpr double kUndefined = NAN;
inline bool is_defined(double v) { return std::isfinite(v); }

struct InstitutionSeries {
  std::string id;
  std::string name;
  std::string short_name;       // Institution::short_name
  InstitutionKind kind = InstitutionKind::kUniversity;
  int replicas = 1;
  std::vector<Role> roles;      // roles this institution has, in scenario order
  std::vector<double> values;   // [year_index * kMetricCount + metric], totals over replicas

  double at(int year_index, Metric m) const {
    return values[static_cast<size_t>(year_index * kMetricCount + static_cast<int>(m))];
  }
  double& at(int year_index, Metric m) {
    return values[static_cast<size_t>(year_index * kMetricCount + static_cast<int>(m))];
  }
  // The kMetricCount values of one year, indexed by Metric.
  double* row(int year_index) { return values.data() + static_cast<std::ptrdiff_t>(year_index) * kMetricCount; }
};

struct Trajectory {
  std::string scenario;
  int first_year = 0;
  int last_year = 0;
  std::vector<InstitutionSeries> institutions;

  int year_count() const { return last_year - first_year + 1; }
};

}  // namespace labsim
