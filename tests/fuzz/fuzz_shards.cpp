// Fuzz target: `labsim merge` of one shard file. The input is the file without its last line, the
// checksum, which the harness appends: so the fuzzer gets past the checksum to the manifest and
// payload checks, as a forger (or a bug writing shards) would. Merging must return or refuse with
// an InputError; no crash, no other exception, and (libFuzzer's -rss_limit_mb and -timeout) no
// runaway allocation or loop, whatever the manifest claims.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "labsim/shard.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  bytes += labsim::shard_trailer(bytes);
  labsim::fuzz::expect_value_or_input_error([&] { labsim::merge_shards({{"fuzz.lsr", bytes}}); });
  return 0;
}
