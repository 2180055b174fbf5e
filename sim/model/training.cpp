#include "labsim/training.hpp"

#include <cmath>

namespace labsim {

OptimalModel compute_optimal(double flop, double tokens_per_parameter) {
  OptimalModel m;
  m.flop = flop;
  if (flop <= 0 || tokens_per_parameter <= 0) return m;
  m.params = std::sqrt(flop / (6 * tokens_per_parameter));
  m.tokens = tokens_per_parameter * m.params;
  return m;
}

double cluster_flop(const Accelerator& part, double gpus, double mfu, double days) {
  return gpus * part.bf16_flops * mfu * days * 86400;
}

TrainingRun training_run(const Accelerator& part, double params, double tokens, double gpus, double mfu, int year) {
  TrainingRun r;
  r.flop = training_flop(params, tokens);
  r.gpu_hours = r.flop / (part.bf16_flops * mfu * 3600);
  r.days = r.gpu_hours / gpus / 24;
  if (part.cloud_usd_per_hour) {
    const Series& rate = *part.cloud_usd_per_hour;
    r.cost_usd = r.gpu_hours * rate.at(year ? year : rate.points.back().first);
  }
  return r;
}

}  // namespace labsim
