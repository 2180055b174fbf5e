// labsim-serve: the explorer's server program, which `labsim serve` runs (issue 18).
#include <CLI/CLI.hpp>

#include <spawn.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

#include "cli/serve_options.hpp"
#include "labsim/loader.hpp"
#include "serve/http/server.hpp"

namespace {

labsim::serve::Server* g_server = nullptr;

void on_signal(int) {
  if (g_server) g_server->stop();
}

// Hands the address to the desktop (xdg-open), without a shell; says so when there is none.
void open_in_browser(const std::string& url) {
  const char* argv[] = {"xdg-open", url.c_str(), nullptr};
  std::signal(SIGCHLD, SIG_IGN);  // the child is reaped by the system: no zombie
  pid_t pid = 0;
  if (::posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0)
    std::fprintf(stderr, "labsim serve: note: cannot run xdg-open; open %s in a browser\n", url.c_str());
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
  const std::string url = "http://" + (o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host) + ":" +
                          std::to_string(server.port()) + "/";
  std::printf("labsim serve: %s serving %s (Ctrl-C stops)\n", url.c_str(), o.scenario.c_str());
  std::fflush(stdout);
  if (args.open) open_in_browser(url);
  server.run();
  return 0;
}
