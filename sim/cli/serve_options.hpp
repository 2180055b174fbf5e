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
};

inline constexpr const char* kServeDescription = "Serve the explorer's API on this machine (labsim-serve)";

inline void setup_serve(CLI::App& app, ServeOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file or shipped scenario name (default: compute-divide)");
  app.add_option("--baseline", o.baseline, "Baseline scenario for comparisons");
  app.add_option("--host", o.host, "Address to bind (default 127.0.0.1: this machine only)");
  app.add_option("--port", o.port, "Port (default 8421; 0: any free port)")->check(CLI::Range(0, 65535));
  app.add_option("--allow-host", o.allow_hosts, "A Host name to accept besides 127.0.0.1, localhost and [::1]");
  app.footer("Example:\n  labsim serve compute-divide --port 0\n"
             "API: GET /api/inputs, GET /api/run?set=PATH=VALUE&format=csv|json (docs/cli.md, serve).\n"
             "Only this machine can connect unless --host says otherwise; Host headers other than 127.0.0.1,\n"
             "localhost, [::1] and --allow-host names are refused. The server never writes files.");
}

}  // namespace labsim::cli
