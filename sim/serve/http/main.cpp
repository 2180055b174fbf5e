// labsim-serve: the explorer's server program, which `labsim serve` runs (issue 18).
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <iostream>

#include "cli/serve_options.hpp"
#include "labsim/loader.hpp"
#include "serve/http/server.hpp"

namespace {

labsim::serve::Server* g_server = nullptr;

void on_signal(int) {
  if (g_server) g_server->stop();
}

}  // namespace

int main(int argc, char** argv) {
  // The same name, description and options as `labsim serve` (cli/serve_options.hpp): one help.
  CLI::App app{labsim::cli::kServeDescription, "labsim serve"};
  labsim::cli::ServeOptions args;
  labsim::cli::setup_serve(app, args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  labsim::serve::ServerOptions o;
  o.scenario = args.scenario;
  o.baseline = args.baseline;
  o.host = args.host;
  o.port = args.port;
  o.allow_hosts = args.allow_hosts;
  o.scenario = labsim::find_scenario(o.scenario);
  if (!o.baseline.empty()) o.baseline = labsim::find_scenario(o.baseline);
  labsim::serve::Server server(o);
  if (!server.bind()) {
    std::cerr << "labsim serve: error: cannot listen on " << o.host << ":" << o.port << "\n";
    return 3;
  }
  g_server = &server;
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::printf("labsim serve: http://%s:%d/ serving %s (Ctrl-C stops)\n", o.host.c_str(), server.port(),
              o.scenario.c_str());
  std::fflush(stdout);
  server.run();
  return 0;
}
