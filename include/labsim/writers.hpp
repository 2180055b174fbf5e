// Writing results: tidy CSV, JSON and the side-by-side terminal table.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "labsim/catalog.hpp"
#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"
#include "labsim/training.hpp"
#include "labsim/version.hpp"  // the JSON writers record version()

namespace labsim {

// Long, tidy CSV: scenario,institution,year,metric,value,unit. Undefined values are empty.
// Numbers use up to 10 significant digits, shortest form.
void write_csv(std::ostream& out, const Trajectory& trajectory);
// Wide CSV for spreadsheets: one row per institution and metric, the years as columns:
// scenario,institution,metric,unit,<first year>,...,<last year>. Same numbers as write_csv.
void write_csv_wide(std::ostream& out, const Trajectory& trajectory);

// JSON: {"labsim_version", "scenario": <resolved scenario>, "years": [...],
// "institutions": {id: {"name", "kind", "replicas", "metrics": {metric: {"unit", "values": [...]}}}}}.
// Undefined values are null.
void write_json(std::ostream& out, const Scenario& scenario, const Trajectory& trajectory);

// A terminal table (fits 100 columns): the first university and the first industry lab side
// by side for the first, middle and last year with the gap ratios, then one line per other
// institution.
void write_table(std::ostream& out, const Scenario& scenario, const Trajectory& trajectory);

// validate's report of a scenario that loaded: "FILE: ok: 'NAME', FIRST-LAST, N institutions",
// then each uncertain input with its distribution as written, its nominal value and where it is
// written; with `list_inputs`, every key path that sweep and solve can vary (input_paths).
void write_validation(std::ostream& out, const std::string& file, const Scenario& scenario, bool list_inputs);

// The catalog (labsim catalog), one part a row with the latest point of its price and cloud
// rate: a table for the terminal, then every part's source; CSV (name,class,year,bf16_tflops,
// fp8_tflops,memory_gb,tdp_w,price_usd,price_year,cloud_usd_per_hour,cloud_year,
// training_efficiency,source); JSON {"labsim_version", "parts": [...]}. Numbers in %g form, as
// the table shows them.
void write_catalog_table(std::ostream& out, const Catalog& catalog);
void write_catalog_csv(std::ostream& out, const Catalog& catalog);
void write_catalog_json(std::ostream& out, const Catalog& catalog);

// Every metric (labsim metrics): name, unit, whether it is a total over an institution's replicas
// (`total`) and its meaning, in the order of the outputs. Table, CSV
// (name,unit,total,description) or JSON ({"labsim_version", "metrics": [{"name", "unit", "total",
// "description"}]}).
void write_metrics_table(std::ostream& out);
void write_metrics_csv(std::ostream& out);
void write_metrics_json(std::ostream& out);

// A commented starter scenario (labsim init): a university and an industry lab with these display
// names, over first_year..last_year (first_year at least kStarterFirstYear: its lab's H100s are
// sold from 2022); every number sourced or marked as a placeholder.
inline constexpr int kStarterFirstYear = 2022;
struct StarterOptions {
  std::string university = "State University";
  std::string lab = "Industry lab";
  int first_year = 2025;
  int last_year = 2034;
};
std::string starter_scenario(const StarterOptions& o);

// A training run (labsim train-time): flop, gpu_hours, days and cost_usd, one a line with 4
// significant digits ("(no cloud rate for PART_NAME)" when there is no cost); or as JSON with up
// to 10 significant digits, cost_usd null when there is none.
void write_training_run_table(std::ostream& out, const TrainingRun& run, const std::string& part_name);
void write_training_run_json(std::ostream& out, const TrainingRun& run);
// A compute-optimal model (labsim optimal): params, tokens and flop, the same two ways.
void write_optimal_table(std::ostream& out, const OptimalModel& model);
void write_optimal_json(std::ostream& out, const OptimalModel& model);

}  // namespace labsim

namespace labsim {

// Writes `content` to `path` through a temporary file in the same directory (`PATH.tmp.PID`)
// and a rename, so a reader never sees a partial file. Throws IoError, with the reason
// ("Permission denied", "No space left on device"), when the file cannot be created, written
// or renamed; the temporary file is then removed.
//
// The first call installs a handler for SIGINT and SIGTERM (unless the process ignores or
// handles them already) that removes the temporary files being written at that moment and
// then dies of the same signal with its default action (a shell reports 128 + the signal).
// Files already renamed into place are complete and are kept.
void write_file_atomic(const std::string& path, const std::string& content);
// The same for content written by `write` as it goes (large files need not fit in memory). If
// `write` throws, the temporary file is removed and the exception propagates.
void write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write);

// The first name (in byte order) of an entry of directory `dir` that is not one of `names`
// nor a temporary `NAME.tmp.PID` left by an interrupted write of one of them; nullopt when
// there is none, or when `dir` does not exist or is not a directory. Commands that write
// several files into a directory use it to refuse a directory holding someone else's files.
std::optional<std::string> foreign_file(const std::string& dir, const std::vector<std::string>& names);

}  // namespace labsim
