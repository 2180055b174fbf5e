// labsim command line: wires the subcommands and maps errors to exit codes (with
// describe_current_exception, which MPI ranks share: cli/mpi.hpp).
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands.hpp"
#include "cli/mpi.hpp"
#include "cli/reference.hpp"
#include "cli/serve_options.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/version.hpp"
#include "labsim/writers.hpp"

using namespace labsim::cli;

namespace {

// Every subcommand, in the order `labsim --help` lists them.
const Command kCommands[] = {
    command("run", "Project a scenario year by year", setup_run, run_run),
    command("validate", "Check scenario files and report every problem", setup_validate, run_validate),
    command("init", "Write a commented starter scenario to edit", setup_init, run_init),
    command("scenarios", "List the shipped scenarios, which any command takes by name", setup_scenarios,
            run_scenarios),
    command("catalog", "List the built-in accelerator catalog", setup_catalog, run_catalog),
    command("metrics", "List every metric labsim reports, with its unit and meaning", setup_metrics, run_metrics),
    command("resolve", "Write a scenario as the engine reads it: typed, unit-free JSON", setup_resolve, run_resolve),
    command("train-time", "Time and cost to train a model on a GPU fleet", setup_train_time, run_train_time),
    command("optimal", "Compute-optimal model size for a training budget", setup_optimal, run_optimal),
    command("brief", "Write a policy brief (HTML, PDF, Markdown, charts)", setup_brief, run_brief),
    command("mc", "Monte Carlo over a scenario's uncertain inputs", setup_mc, run_mc),
    command("compare", "A policy's effect on a baseline, metric by metric", setup_compare, run_compare),
    command("sweep", "Runs over a grid of up to three inputs", setup_sweep, run_sweep),
    command("merge", "Merge the shards of a study run in parts (--shard) into its result", setup_merge, run_merge),
    command("sensitivity", "Which uncertain input matters (tornado, Morris, Sobol)", setup_sensitivity,
            run_sensitivity),
    command("solve", "The smallest value of an input that meets a target", setup_solve, run_solve),
    command("serve", kServeDescription, setup_serve, run_serve),
    command("explore", "Write the explorer as one HTML file that runs the engine in the browser", setup_explore,
            run_explore),
    command("calibrate", "Fit inputs to observed values (weighted least squares)", setup_calibrate, run_calibrate),
    command("backtest", "The model against observed values, within tolerances", setup_backtest, run_backtest),
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"labsim: compute and talent projections for universities, industry labs and national "
               "compute resources.\nExample: labsim run compute-divide",
               "labsim"};
  app.set_version_flag("--version", labsim::version_line());
  app.require_subcommand(1);
  // Setting up a command's options is a good part of a short run's start-up: when the first
  // argument names a command, only that one is set up (`labsim --help` and mistakes see them all).
  const std::string first = argc > 1 ? argv[1] : "";
  bool named = false;
  std::vector<std::string> names;
  for (const Command& c : kCommands) {
    named = named || first == c.name;
    names.emplace_back(c.name);
  }
  // A first word that is not a command (nor an option such as --help): say so, with the commands.
  if (!named && (first.empty() || first.front() != '-')) {
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    std::string guess = first.empty() ? "" : labsim::nearest_name(first, names);
    std::cerr << "labsim: usage error: "
              << (first.empty() ? std::string("a command is required") : "unknown command '" + first + "'")
              << (guess.empty() ? std::string() : "; did you mean '" + guess + "'?") << "\ncommands: " << list
              << "\n(run 'labsim --help' or 'labsim COMMAND --help')\n";
    return kUsage;
  }
  // Under mpirun, the studies that split over ranks are labsim-mpi's to run (cli/mpi.hpp).
  if ((first == "mc" || first == "sensitivity") && !built_with_mpi() && launched_by_mpi()) {
    try {
      exec_mpi(argc, argv);
    } catch (...) {
      std::string message;
      const int code = describe_current_exception(message);
      if (!quiet_rank()) std::cerr << message;
      return code;
    }
  }
  // `labsim serve ...` is labsim-serve's to parse and run (cli/cmd_serve.cpp).
  if (first == "serve") {
    try {
      exec_serve(argc, argv);
    } catch (const labsim::IoError& e) {
      std::cerr << "labsim: error: " << e.what() << '\n';
      return kIoError;
    }
  }
  std::vector<std::pair<CLI::App*, Runner>> subcommands;
  for (const Command& c : kCommands) {
    if (named && first != c.name) continue;
    CLI::App* sub = app.add_subcommand(c.name, c.description);
    subcommands.emplace_back(sub, c.bind(*sub));
  }
  // The man page and the bash completion, from the same commands (the build writes both).
  if (first == "--man" || first == "--bash-completion") {
    std::vector<const CLI::App*> subs;
    for (const auto& [sub, run] : subcommands) subs.push_back(sub);
    std::cout << (first == "--man" ? man_page(app, subs) : bash_completion(subs));
    return kOk;
  }
  std::string command_line = "labsim";
  for (int i = 1; i < argc; ++i) command_line += std::string(" ") + argv[i];
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "labsim: usage error: " << e.what() << "\n(run 'labsim --help' or 'labsim COMMAND --help')\n";
    return kUsage;
  }
  try {
    const Invocation call{std::cout, std::cerr, command_line};
    for (const auto& [sub, run] : subcommands)
      if (sub->parsed()) return run(call);
  } catch (...) {
    std::string message;
    const int code = describe_current_exception(message);
    // Other MPI ranks meet the same bad option or input as rank 0, which prints it once.
    if (!(quiet_rank() && (code == kUsage || code == kInvalidInput))) std::cerr << message;
    return code;
  }
  return kUsage;
}
