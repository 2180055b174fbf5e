// `labsim explore`: the explorer as a static page (labsim/serve.hpp, static_explorer), with the
// engine built for WebAssembly by scripts/build-wasm.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"
#include "labsim/serve.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

namespace {

namespace fs = std::filesystem;

// Where the WebAssembly engine may be: $LABSIM_WASM_DIR, then beside the program when installed
// (../share/labsim/wasm) or in the build tree (../build-wasm).
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

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw IoError(path.string() + ": cannot read the file");
  return text.str();
}

}  // namespace

void setup_explore(CLI::App& app, ExploreOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file or shipped scenario name (default: compute-divide)");
  app.add_option("--baseline", o.baseline, "Baseline scenario, drawn faintly beside the current state");
  app.add_option("-o,--out", o.out_dir, "Directory for the page (default: explorer)");
  app.add_flag("--force", o.force, "Write into the directory even if it holds files labsim did not write");
  app.add_flag("--monte-carlo", o.monte_carlo,
               "Also draw Monte Carlo bands, computed in the browser as labsim mc -n 2000 --seed 1 (adds the larger "
               "module labsim_engine_mc: about 470 KB more, gzipped)");
  app.footer("Examples:\n  labsim explore compute-divide -o explorer/\n  labsim explore nairr --baseline compute-divide -o nairr-explorer/\n"
             "  labsim explore uncertain-divide --monte-carlo -o uncertain-explorer/\n"
             "Writes index.html: the explorer of labsim serve, with labsim's engine in WebAssembly inside the page. It\n"
             "opens from the disk (file://) or any static web host (a university site, GitHub Pages), with no server\n"
             "and no network. Needs the WebAssembly engine: scripts/build-wasm (looked for in $LABSIM_WASM_DIR,\n"
             "../share/labsim/wasm and ../build-wasm beside the program).\n"
             "Exit status: 0 ok, 1 invalid scenario, 3 cannot read or write.");
}

int run_explore(const ExploreOptions& o, const Invocation& call) {
  check_out_dir("-o", o.out_dir, {"index.html"}, o.force);
  fs::path found;
  std::string tried;
  const auto has = [&](const fs::path& dir, const char* stem) {
    std::error_code ec;
    return fs::is_regular_file(dir / (std::string(stem) + ".wasm"), ec) && fs::is_regular_file(dir / (std::string(stem) + ".js"), ec);
  };
  for (const fs::path& dir : wasm_dirs()) {
    if (has(dir, "labsim_engine") && (!o.monte_carlo || has(dir, "labsim_engine_mc"))) {
      found = dir;
      break;
    }
    tried += "\n  " + dir.lexically_normal().string();
  }
  if (found.empty())
    throw IoError(std::string("the WebAssembly engine (labsim_engine") + (o.monte_carlo ? " and labsim_engine_mc" : "") +
                  ", .js and .wasm) is not built; looked in:" + tried +
                  "\n  hint: scripts/build-wasm builds it into build-wasm/");
  const std::string page = static_explorer(find_scenario(o.scenario), o.baseline.empty() ? "" : find_scenario(o.baseline),
                                            read_all(found / "labsim_engine.js"), read_all(found / "labsim_engine.wasm"),
                                            o.monte_carlo ? read_all(found / "labsim_engine_mc.js") : std::string(),
                                            o.monte_carlo ? read_all(found / "labsim_engine_mc.wasm") : std::string());
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) throw IoError(o.out_dir + ": cannot create the directory (" + ec.message() + ")");
  write_file_atomic((fs::path(o.out_dir) / "index.html").string(), page);
  call.out << fmt::format("wrote {}/index.html ({} KB): open it in a browser, from the disk or any web host\n", o.out_dir,
                          (page.size() + 512) / 1024);
  return kOk;
}

}  // namespace labsim::cli
