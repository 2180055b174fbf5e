// The WebAssembly engine's files, for the commands that write pages running it in the browser
// (labsim explore, labsim brief --interactive).
#pragma once

#include <string>

namespace labsim::cli {

struct WasmFiles {
  std::string engine_js, engine_wasm;  // labsim_engine.js, .wasm
  std::string mc_js, mc_wasm;          // labsim_engine_mc.js, .wasm (with Monte Carlo only)
};

// Reads them from the first directory that has them: $LABSIM_WASM_DIR, then beside the program
// when installed (../share/labsim/wasm) or in the build tree (../build-wasm). Throws IoError
// naming the directories tried, with the hint to run scripts/build-wasm.
WasmFiles load_wasm_files(bool monte_carlo);

}  // namespace labsim::cli
