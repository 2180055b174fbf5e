// Shards: one study — a Monte Carlo (`labsim mc`) or a Sobol sensitivity analysis (`labsim
// sensitivity --method sobol`) — split into K parts that run apart (array jobs of a cluster's
// scheduler, MPI ranks, separate machines) and merged into exactly the bytes one process prints.
//
// A study's work is a fixed sequence of chunks (Monte Carlo: 4,096 samples; Sobol:
// max(256, ceil(N / 256)) base rows), fixed by the study alone. Shard I of K takes chunks
// [floor((I - 1) C / K), floor(I C / K)) of the C chunks, and keeps, for each chunk, the sums its
// statistics need; the merge adds the chunks' sums in chunk order, as one process does, and merges
// the quantile sketches (integer counts). Random numbers are keyed by the global sample index, so
// the split changes no sample. docs/scale.md describes the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "labsim/explore.hpp"
#include "labsim/scenario.hpp"

namespace labsim {

// Shard I of K.
struct ShardSpec {
  std::size_t index = 1;  // 1 <= index <= count
  std::size_t count = 1;  // 1 <= count <= kMaxShards
};
inline constexpr std::size_t kMaxShards = 100'000;

// Reads "I/K" (as --shard takes it). Throws InputError naming --shard for anything else, I
// outside 1..K or K above kMaxShards.
ShardSpec parse_shard(std::string_view text);

// The chunks [first, last) that shard `spec` of a study of `chunks` chunks runs (empty when K > C
// leaves the shard nothing).
struct ChunkRange {
  std::size_t first = 0, last = 0;
};
ChunkRange shard_chunks(std::size_t chunks, ShardSpec spec);

// The bytes of shard `spec` of monte_carlo(scenario, options) printed for `shown_years` (the
// --years of mc). Throws what monte_carlo throws.
std::string monte_carlo_shard(const Scenario& scenario, const MonteCarloOptions& options,
                              const std::vector<int>& shown_years, ShardSpec spec);

// The bytes of shard `spec` of sensitivity(scenario, options). Throws what sensitivity throws,
// and InputError naming --shard unless the method is Sobol (tornado and Morris are small).
std::string sensitivity_shard(const Scenario& scenario, const SensitivityOptions& options, ShardSpec spec);

// A shard file's name (for messages) and bytes.
struct ShardFile {
  std::string name;
  std::string bytes;
};

// What the shards of one study give together: the Monte Carlo's table (sobol false) or the
// Sobol analysis's (sobol true), equal to what the single-process run returns.
struct MergedStudy {
  bool sobol = false;
  StatTable stats;
  SensitivityTable sensitivity;
};

// Merges the shards of one study, whatever order `files` come in. Throws InputError, located in
// the file (and at the manifest line when there is one), for: a file that is not a shard, a
// damaged one (its checksum or length does not match), a manifest that differs from the first
// file's in anything but the shard's place (labsim version, scenario hash, seed, sampler, sample
// count, metrics ...), chunks that two files both hold, and chunks that no file holds.
MergedStudy merge_shards(const std::vector<ShardFile>& files);

// The first line of every shard file.
inline constexpr std::string_view kShardMagic = "labsim shard 1\n";

// A shard file's last line, "end " and 16 hex digits and a newline, for the bytes before it:
// their 64-bit FNV-1a hash (it catches accidents — a file cut short or altered — not forgeries:
// merge checks the manifest against itself besides).
std::string shard_trailer(std::string_view bytes);

}  // namespace labsim
