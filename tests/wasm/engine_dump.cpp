// The native engine through its C interface (labsim/engine_c.h), for the WebAssembly comparison
// (tests/wasm/engine.test.mjs): reads a resolved scenario (labsim resolve) and prints the layout,
// then every value's 64 bits in hex, one a line, so that any difference in any bit shows.
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "labsim/engine_c.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: labsim_engine_dump SCENARIO.json\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const int status = labsim_run_json(json.data(), json.size());
  if (status != 0) {
    std::fprintf(stderr, "%s", labsim_error());
    return status;
  }
  std::printf("%s\n", labsim_layout());
  const double* values = labsim_values();
  for (size_t i = 0; i < labsim_values_count(); ++i) {
    std::uint64_t bits;
    std::memcpy(&bits, &values[i], sizeof bits);
    std::printf("%016" PRIx64 "\n", bits);
  }
  return 0;
}
