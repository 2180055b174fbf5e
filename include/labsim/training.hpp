// Training arithmetic for a dense transformer (docs/model.md, "Throughput"): the compute of a run,
// the compute-optimal model for a budget, and what a run costs on a catalog part. The engine's
// throughput stage and the train-time and optimal commands use the same functions.
#pragma once

#include <optional>

#include "labsim/catalog.hpp"

namespace labsim {

// Training compute of a dense transformer of `params` parameters on `tokens` tokens: 6 N D [FLOP].
inline double training_flop(double params, double tokens) { return 6 * params * tokens; }

// The compute-optimal model for a training budget (Chinchilla, Hoffmann et al. 2022).
struct OptimalModel {
  double flop = 0;    // the budget C [FLOP]
  double params = 0;  // N = sqrt(C / (6 r)), r the tokens per parameter
  double tokens = 0;  // D = r N
};
// The compute-optimal model for `flop` of training at `tokens_per_parameter` (r); params and
// tokens are 0 when either is not positive.
OptimalModel compute_optimal(double flop, double tokens_per_parameter);

// Training compute that `gpus` of `part` deliver in `days` at `mfu` (a share of the bf16 peak)
// [FLOP].
double cluster_flop(const Accelerator& part, double gpus, double mfu, double days);

// One training run on `gpus` of a catalog part.
struct TrainingRun {
  double flop = 0;                 // 6 N D [FLOP]
  double gpu_hours = 0;            // flop / (bf16 peak x MFU x 3600)
  double days = 0;                 // gpu_hours / gpus / 24, wall-clock
  std::optional<double> cost_usd;  // gpu_hours at the part's on-demand cloud rate; none when the
                                   // part cannot be rented
};
// A run of `params` parameters on `tokens` tokens with `gpus` of `part` at `mfu`, priced at the
// part's cloud rate in `year` (0: the last year of its rate series). Requires positive inputs;
// results past the range of a double come back infinite, for the caller to refuse.
TrainingRun training_run(const Accelerator& part, double params, double tokens, double gpus, double mfu,
                         int year = 0);

}  // namespace labsim
