// labsim command line: wires the subcommands and maps errors to exit codes. The only catch site.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/writers.hpp"

using namespace labsim::cli;

int main(int argc, char** argv) {
  CLI::App app{"labsim: compute and talent projections for universities, industry labs and national "
               "compute resources.\nExample: labsim run scenarios/compute-divide.yaml"};
  app.set_version_flag("--version", labsim::version());
  app.require_subcommand(1);
  RunOptions run;
  ValidateOptions validate;
  CatalogOptions catalog;
  TrainTimeOptions train_time;
  OptimalOptions optimal;
  BriefOptions brief;
  McOptions mc;
  CompareOptions compare;
  SweepOptions sweep;
  SensitivityCliOptions sensitivity;
  SolveCliOptions solve;
  CalibrateCliOptions calibrate;
  BacktestCliOptions backtest;
  setup_run(*app.add_subcommand("run", "Project a scenario year by year"), run);
  setup_validate(*app.add_subcommand("validate", "Check scenario files and report every problem"), validate);
  setup_catalog(*app.add_subcommand("catalog", "List the built-in accelerator catalog"), catalog);
  setup_train_time(*app.add_subcommand("train-time", "Time and cost to train a model on a GPU fleet"), train_time);
  setup_optimal(*app.add_subcommand("optimal", "Compute-optimal model size for a training budget"), optimal);
  setup_brief(*app.add_subcommand("brief", "Write a policy brief (HTML, PDF, Markdown, charts)"), brief);
  setup_mc(*app.add_subcommand("mc", "Monte Carlo over a scenario's uncertain inputs"), mc);
  setup_compare(*app.add_subcommand("compare", "A policy's effect on a baseline, metric by metric"), compare);
  setup_sweep(*app.add_subcommand("sweep", "Runs over a grid of up to three inputs"), sweep);
  setup_sensitivity(*app.add_subcommand("sensitivity", "Which uncertain input matters (tornado, Morris, Sobol)"),
                    sensitivity);
  setup_solve(*app.add_subcommand("solve", "The smallest value of an input that meets a target"), solve);
  setup_calibrate(*app.add_subcommand("calibrate", "Fit inputs to observed values (weighted least squares)"),
                  calibrate);
  setup_backtest(*app.add_subcommand("backtest", "The model against observed values, within tolerances"), backtest);
  brief.command_line = "labsim";
  for (int i = 1; i < argc; ++i) brief.command_line += std::string(" ") + argv[i];
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
    if (app.got_subcommand("run")) return run_run(run, std::cout);
    if (app.got_subcommand("validate")) return run_validate(validate, std::cout, std::cerr);
    if (app.got_subcommand("catalog")) return run_catalog(catalog, std::cout);
    if (app.got_subcommand("train-time")) return run_train_time(train_time, std::cout);
    if (app.got_subcommand("optimal")) return run_optimal(optimal, std::cout);
    if (app.got_subcommand("brief")) return run_brief(brief, std::cout);
    if (app.got_subcommand("mc")) return run_mc(mc, std::cout);
    if (app.got_subcommand("compare")) return run_compare(compare, std::cout);
    if (app.got_subcommand("sweep")) return run_sweep(sweep, std::cout);
    if (app.got_subcommand("sensitivity")) return run_sensitivity(sensitivity, std::cout);
    if (app.got_subcommand("solve")) return run_solve(solve, std::cout);
    if (app.got_subcommand("calibrate")) return run_calibrate(calibrate, std::cout);
    if (app.got_subcommand("backtest")) return run_backtest(backtest, std::cout);
  } catch (const UsageError& e) {
    std::cerr << "labsim: usage error: " << e.what() << '\n';
    return kUsage;
  } catch (const labsim::InputError& e) {
    std::cerr << e.report();
    return kInvalidInput;
  } catch (const labsim::IoError& e) {
    std::cerr << "labsim: error: " << e.what() << '\n';
    return kIoError;
  } catch (const labsim::InvariantError& e) {
    std::cerr << "labsim: " << e.what() << "\nThis is a bug in labsim; please report it with the scenario.\n";
    return kInternal;
  } catch (const std::bad_alloc&) {
    std::cerr << "labsim: error: out of memory\n";
    return kInternal;
  } catch (const std::exception& e) {
    std::cerr << "labsim: internal error: " << e.what()
              << "\nThis is a bug in labsim; please report it with the scenario.\n";
    return kInternal;
  }
  return kUsage;
}
