#include "labsim/version.hpp"

namespace labsim {

const char* version() { return LABSIM_VERSION; }

const char* model_version() { return "v1"; }

// Epoch AI's ML hardware (2026-01), hardware prices (2026-04) and GPU clusters (2025-12) data sets,
// and CSStipendRankings (2026-05, stipends only): the catalog's prices are as of 2026-04.
const char* data_vintage() { return "2026-04"; }

std::string version_line() {
  return std::string("labsim ") + version() + " (model " + model_version() +
         "; catalog and calibration data as of " + data_vintage() + ")";
}

}  // namespace labsim
