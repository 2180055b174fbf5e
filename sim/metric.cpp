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

}  // namespace labsim
