// `labsim explore`: the explorer as a static page (labsim/serve.hpp, static_explorer), with the
// engine built for WebAssembly by scripts/build-wasm.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>

#include "cli/commands.hpp"
#include "cli/wasm_files.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"
#include "labsim/serve.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

namespace fs = std::filesystem;

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
  const WasmFiles wasm = load_wasm_files(o.monte_carlo);
  StaticExplorer page_options{find_scenario(o.scenario), o.baseline.empty() ? "" : find_scenario(o.baseline), {}, {},
                              wasm.engine_js, wasm.engine_wasm, wasm.mc_js, wasm.mc_wasm};
  const std::string page = static_explorer(page_options);
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) throw IoError(o.out_dir + ": cannot create the directory (" + ec.message() + ")");
  write_file_atomic((fs::path(o.out_dir) / "index.html").string(), page);
  call.out << fmt::format("wrote {}/index.html ({} KB): open it in a browser, from the disk or any web host\n", o.out_dir,
                          (page.size() + 512) / 1024);
  return kOk;
}

}  // namespace labsim::cli
