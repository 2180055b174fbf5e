// Accelerator specifications, prices and the built-in catalog.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "labsim/series.hpp"

namespace labsim {

// Market segment of a part. `gpu: best` only buys datacenter parts.
enum class PartClass { kDatacenter, kWorkstation, kConsumer };

// One accelerator model. All rates are per GPU.
struct Accelerator {
  std::string name;                 // catalog key, e.g. "H100-SXM"
  int release_year = 0;             // first year the part can be bought
  double bf16_flops = 0;            // dense bf16 peak [FLOP/s]
  double fp8_flops = 0;             // dense fp8 peak [FLOP/s]; 0 when the part has none
  double memory_gb = 0;             // on-package memory [GB]
  double tdp_w = 0;                 // board power [W]
  PartClass part_class = PartClass::kDatacenter;
  std::optional<Series> price_usd;  // purchase price per GPU [USD]; absent: cannot be bought
  std::optional<Series> cloud_usd_per_hour;  // on-demand rental [USD/GPU-hour]; absent: not rentable
  // The MFU a fleet of this part achieves relative to the H100 on the same training workload
  // (above 0, at most 2.5; default 1: nothing known). A GPU-hour delivers bf16_flops x this x
  // the institution's mfu; H100-equivalents and peak FLOP/s do not include it.
  double training_efficiency = 1;
  std::string source;               // citation for the figures above

  bool operator==(const Accelerator&) const = default;
};

// The parts a scenario can name: the built-in catalog plus the scenario's additions.
struct Catalog {
  std::vector<Accelerator> parts;

  // Index of the part called `name`, or -1.
  int find(std::string_view name) const;
};

// The built-in catalog compiled into the binary (sim/catalog/accelerators.yaml).
// Throws InputError only if the embedded data is corrupt (a build defect).
const Catalog& builtin_catalog();

}  // namespace labsim
