// The native engine through its C interface (labsim/engine_c.h), for the WebAssembly comparison
// (tests/wasm/engine.test.mjs): reads a resolved scenario (labsim resolve) and prints the layout,
// then every value's 64 bits in hex, one a line, so that any difference in any bit shows.
// With --mc N SEED METRICS: the same for labsim_mc_json's summaries.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "labsim/engine_c.h"

int main(int argc, char** argv) {
  const bool mc = argc == 6 && std::strcmp(argv[2], "--mc") == 0;
  if (argc != 2 && !mc) {
    std::fprintf(stderr, "usage: labsim_engine_dump SCENARIO.json [--mc SAMPLES SEED METRICS]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const int status = mc ? labsim_mc_json(json.data(), json.size(), std::strtoull(argv[3], nullptr, 10),
                                         std::strtod(argv[4], nullptr), argv[5])
                        : labsim_run_json(json.data(), json.size());
  if (status != 0) {
    std::fprintf(stderr, "%s", labsim_error());
    return status;
  }
  std::printf("%s\n", mc ? labsim_mc_layout() : labsim_layout());
  const double* values = mc ? labsim_mc_values() : labsim_values();
  const size_t count = mc ? labsim_mc_values_count() : labsim_values_count();
  for (size_t i = 0; i < count; ++i) {
    std::uint64_t bits;
    std::memcpy(&bits, &values[i], sizeof bits);
    std::printf("%016" PRIx64 "\n", bits);
  }
  return 0;
}
