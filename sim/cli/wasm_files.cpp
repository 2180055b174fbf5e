#include "cli/wasm_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "labsim/diagnostics.hpp"

namespace labsim::cli {

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> wasm_dirs() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("LABSIM_WASM_DIR"); env && *env) dirs.emplace_back(env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    dirs.push_back(exe.parent_path() / ".." / "share" / "labsim" / "wasm");
    dirs.push_back(exe.parent_path() / ".." / "build-wasm");
  }
  return dirs;
}

bool has(const fs::path& dir, const std::string& stem) {
  std::error_code ec;
  return fs::is_regular_file(dir / (stem + ".wasm"), ec) && fs::is_regular_file(dir / (stem + ".js"), ec);
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw IoError(path.string() + ": cannot read the file");
  return text.str();
}

}  // namespace

WasmFiles load_wasm_files(bool monte_carlo) {
  std::string tried;
  for (const fs::path& dir : wasm_dirs()) {
    if (has(dir, "labsim_engine") && (!monte_carlo || has(dir, "labsim_engine_mc"))) {
      WasmFiles f{read_all(dir / "labsim_engine.js"), read_all(dir / "labsim_engine.wasm"), {}, {}};
      if (monte_carlo) {
        f.mc_js = read_all(dir / "labsim_engine_mc.js");
        f.mc_wasm = read_all(dir / "labsim_engine_mc.wasm");
      }
      return f;
    }
    tried += "\n  " + dir.lexically_normal().string();
  }
  throw IoError(std::string("the WebAssembly engine (labsim_engine") + (monte_carlo ? " and labsim_engine_mc" : "") +
                ", .js and .wasm) is not built; looked in:" + tried + "\n  hint: scripts/build-wasm builds it into build-wasm/");
}

}  // namespace labsim::cli
