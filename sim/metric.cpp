#include "labsim/metric.hpp"

#include "text/names.hpp"

namespace labsim {

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const MetricInfo& m : kMetrics) v.emplace_back(m.name);
    return v;
  }();
  return names;
}

Metric find_metric(std::string_view name) {
  for (const MetricInfo& m : kMetrics)
    if (name == m.name) return m.metric;
  return Metric::kCount;
}

std::string nearest_metric(std::string_view name) { return text::nearest(name, metric_names()); }

std::string unknown_metric_hint(std::string_view name) {
  for (const RetiredMetric& r : kRetiredMetrics)
    if (name == r.name) return r.replaced_by;
  if (std::string guess = nearest_metric(name); !guess.empty()) return "did you mean '" + guess + "'?";
  // A misspelt retired name ("budget.shortfal") gets what replaced it too.
  for (const RetiredMetric& r : kRetiredMetrics)
    if (!text::nearest(name, {r.name}).empty()) return r.replaced_by;
  return "";
}

}  // namespace labsim
