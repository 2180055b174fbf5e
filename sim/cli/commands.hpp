// One options struct, one set-up and one run function per subcommand, and the Command that
// wires them (main.cpp lists every Command once). Run functions do not depend on CLI11; they
// write to the streams of the Invocation and return the exit status.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/explore_args.hpp"

namespace CLI {
class App;
}

namespace labsim::cli {

enum Exit { kOk = 0, kInvalidInput = 1, kUsage = 2, kIoError = 3, kInternal = 4, kMissed = 5 };

// Options that parse but do not make sense together. main prints it and exits with kUsage.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws UsageError when `dir` (given with `option`) exists, holds an entry that is not one of
// `names` (see labsim::foreign_file), and `force` is false: a command never mixes its files
// with someone else's unasked. A missing or empty directory passes.
void check_out_dir(const std::string& option, const std::string& dir, const std::vector<std::string>& names,
                   bool force);

// What a run function receives besides its options.
struct Invocation {
  std::ostream& out;         // results
  std::ostream& err;         // reports that are not the result (validate's diagnostics)
  std::string command_line;  // "labsim ARGS" as typed (the brief's reproducibility stamp)
};

// Runs a subcommand with the options parsed into it; returns the exit status.
using Runner = std::function<int(const Invocation&)>;

// A subcommand: its name and the line `labsim --help` shows for it, and `bind`, which adds its
// options to the subcommand's CLI::App and returns the Runner that reads them once parsed.
struct Command {
  const char* name;
  const char* description;
  std::function<Runner(CLI::App&)> bind;
};

// The Command of an options struct with its set-up and run functions.
template <class Options>
Command command(const char* name, const char* description, void (*setup)(CLI::App&, Options&),
                int (*run)(const Options&, const Invocation&)) {
  return {name, description, [=](CLI::App& app) -> Runner {
            auto options = std::make_shared<Options>();
            setup(app, *options);
            return [=](const Invocation& call) { return run(*options, call); };
          }};
}

struct RunOptions {
  std::string scenario = "compute-divide";
  std::vector<std::string> sets;
  std::string format;  // table | csv | csv-wide | json; empty: table on stdout, table, csv and json with --out
  std::string out_dir;
  bool force = false;  // write into an --out directory that holds files labsim did not write
};
void setup_run(CLI::App& app, RunOptions& o);
int run_run(const RunOptions& o, const Invocation& call);

struct ValidateOptions {
  std::vector<std::string> files;
  std::vector<std::string> sets;
  bool list_inputs = false;
  bool list_keys = false;
};
void setup_validate(CLI::App& app, ValidateOptions& o);
int run_validate(const ValidateOptions& o, const Invocation& call);

struct ResolveOptions {
  std::string scenario = "compute-divide";
  std::vector<std::string> sets;
  std::string out;
};
void setup_resolve(CLI::App& app, ResolveOptions& o);
int run_resolve(const ResolveOptions& o, const Invocation& call);

struct ExploreOptions {
  std::string scenario = "compute-divide";
  std::string baseline;
  std::string out_dir = "explorer";
  bool force = false;
  bool monte_carlo = false;
};
void setup_explore(CLI::App& app, ExploreOptions& o);
int run_explore(const ExploreOptions& o, const Invocation& call);

struct CatalogOptions {
  std::string format = "table";
};
void setup_catalog(CLI::App& app, CatalogOptions& o);
int run_catalog(const CatalogOptions& o, const Invocation& call);

struct InitOptions {
  std::string university = "State University", lab = "Industry lab", years = "2025-2034", out;
  bool force = false;
};
void setup_init(CLI::App& app, InitOptions& o);
int run_init(const InitOptions& o, const Invocation& call);

struct MetricsOptions {
  std::string format = "table";
};
void setup_metrics(CLI::App& app, MetricsOptions& o);
int run_metrics(const MetricsOptions& o, const Invocation& call);

struct ScenariosOptions {
  bool names = false;  // only the names
};
void setup_scenarios(CLI::App& app, ScenariosOptions& o);
int run_scenarios(const ScenariosOptions& o, const Invocation& call);

struct ServeOptions;
int run_serve(const ServeOptions& o, const Invocation& call);
// Replaces this process with labsim-serve and the command line's arguments after "serve";
// throws IoError when labsim-serve cannot be found or run.
[[noreturn]] int exec_serve(int argc, char** argv);
// The path of the program `name` beside labsim or in ../lib/labsim/ (an installed tree); "" when
// there is none.
std::string sibling_program(const char* name);
// Replaces this process with `program` and argv[first..argc); throws IoError when it cannot run.
[[noreturn]] void replace_process(const std::string& program, int argc, char** argv, int first);

struct TrainTimeOptions {
  std::string params, tokens, gpu, count, mfu = "37.5%", format = "table";
  int year = 0;  // 0: the latest year of the part's cloud price series
};
void setup_train_time(CLI::App& app, TrainTimeOptions& o);
int run_train_time(const TrainTimeOptions& o, const Invocation& call);

struct BriefOptions {
  std::string scenario = "compute-divide";
  std::string baseline;
  std::vector<std::string> sets;
  std::string out_dir = "brief";
  bool force = false;        // write into a directory that holds files labsim did not write
  std::string date;          // YYYY-MM-DD; empty: no date in the brief
  bool appendix = false;     // the other charts, assumptions, method and stamp after the two pages
  bool interactive = false;  // also brief-interactive.html: the brief with the engine in the page
  SamplingArgs sampling;     // -n (not given: no uncertainty sections), --seed, --threads, --sampler
};
void setup_brief(CLI::App& app, BriefOptions& o);
int run_brief(const BriefOptions& o, const Invocation& call);

struct OptimalOptions {
  std::string flop, gpu, count, days, mfu = "37.5%", tokens_per_parameter = "20", format = "table";
};
void setup_optimal(CLI::App& app, OptimalOptions& o);
int run_optimal(const OptimalOptions& o, const Invocation& call);

struct McOptions {
  std::string scenario;
  std::vector<std::string> sets;
  SamplingArgs sampling;
  std::string format = "csv";
  std::string out;    // statistics file; empty: stdout
  std::string draws;  // --samples FILE: each sample's input values
  std::string shard;  // --shard I/K: write shard I of K to --out instead of the statistics
};
void setup_mc(CLI::App& app, McOptions& o);
int run_mc(const McOptions& o, const Invocation& call);

struct CompareOptions {
  std::string baseline, policy;
  bool equal_cost = false;
  std::string beneficiary;  // --beneficiary: who receives the money at equal cost
  SamplingArgs sampling;
  std::string format = "csv";
  std::string out;
};
void setup_compare(CLI::App& app, CompareOptions& o);
int run_compare(const CompareOptions& o, const Invocation& call);

struct SweepOptions {
  std::string scenario;
  std::vector<std::string> sets, vary, metrics;
  int threads = 0;
  std::string format = "csv";
  std::string out;
};
void setup_sweep(CLI::App& app, SweepOptions& o);
int run_sweep(const SweepOptions& o, const Invocation& call);

struct SensitivityCliOptions {
  std::string scenario;
  std::vector<std::string> sets;
  std::string metric = "compute.h100_hours_per_researcher", institution, method = "tornado";
  int year = 0;
  bool per_year = false;
  SamplingArgs sampling;
  std::string format = "csv";
  std::string out;
  std::string shard;  // --shard I/K (Sobol)
};
void setup_sensitivity(CLI::App& app, SensitivityCliOptions& o);

struct MergeOptions {
  std::vector<std::string> files;
  std::string format = "csv";  // csv | json | table (Monte Carlo only)
  std::string out;
};
void setup_merge(CLI::App& app, MergeOptions& o);
int run_merge(const MergeOptions& o, const Invocation& call);
int run_sensitivity(const SensitivityCliOptions& o, const Invocation& call);

struct SolveCliOptions {
  std::string scenario;
  std::vector<std::string> sets;
  std::string vary, target;
  double probability = 0.9;
  SamplingArgs sampling;
  std::string format = "text";
};
void setup_solve(CLI::App& app, SolveCliOptions& o);
int run_solve(const SolveCliOptions& o, const Invocation& call);

struct CalibrateCliOptions {
  std::string scenario, targets;
  std::vector<std::string> sets, fit, bounds;
  std::string format = "text";  // text | json
  std::string out;              // overlay file; empty: <scenario stem>-calibrated.yaml here
  bool force = false;           // replace an --out file that labsim calibrate did not write
  int max_evaluations = 2000;
};
void setup_calibrate(CLI::App& app, CalibrateCliOptions& o);
int run_calibrate(const CalibrateCliOptions& o, const Invocation& call);

struct BacktestCliOptions {
  std::string scenario, targets;
  std::string out_of_sample;      // targets not used in the fit; empty: none
  std::vector<std::string> sets, fit;
  std::string tolerance = "10%";  // for targets without their own
  std::string format = "text";    // text | csv | json
  double intervals = 0;           // central predictive interval in percent; 0: none
  int draws = 2000;
  std::uint64_t seed = 1;
};
void setup_backtest(CLI::App& app, BacktestCliOptions& o);
// Exit status 0 when every target is within its tolerance, 5 when any misses.
int run_backtest(const BacktestCliOptions& o, const Invocation& call);

}  // namespace labsim::cli
