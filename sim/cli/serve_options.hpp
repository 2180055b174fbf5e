// The options of `labsim serve`, declared once for both programs that show them: labsim (its
// --help, man page and completion) and labsim-serve (which parses them).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace labsim::cli {

struct ServeOptions {
  std::string scenario = "compute-divide";
  std::string baseline;
  std::string host = "127.0.0.1";
  int port = 8421;
  std::vector<std::string> allow_hosts;
  bool open = false;
};

inline constexpr const char* kServeDescription =
    "Serve the explorer on this machine: a page that redraws as you move an input (labsim-serve)";

inline void setup_serve(CLI::App& app, ServeOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file or shipped scenario name (default: compute-divide)");
  app.add_option("--baseline", o.baseline, "Baseline scenario for comparisons");
  app.add_option("--host", o.host, "Address to bind (default 127.0.0.1: this machine only)");
  app.add_option("--port", o.port, "Port (default 8421; 0: any free port)")->check(CLI::Range(0, 65535));
  app.add_option("--allow-host", o.allow_hosts, "A Host name to accept besides 127.0.0.1, localhost and [::1]");
  app.add_flag("--open", o.open, "Open the page in the desktop's browser (xdg-open)");
  app.footer("Examples:\n  labsim serve compute-divide --port 0 --open\n  labsim serve nairr --baseline compute-divide --port 0\n"
             "Open the address it prints. API: /api/inputs, /api/run, /api/compare, /api/mc, /api/brief, /api/overlay\n"
             "(docs/cli.md, serve).\n"
             "Only this machine can connect unless --host says otherwise; Host headers other than 127.0.0.1,\n"
             "localhost, [::1] and --allow-host names are refused. The server never writes files.");
}

}  // namespace labsim::cli
