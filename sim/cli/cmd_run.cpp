#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <optional>
#include <ostream>
#include <sstream>

#include "cli/commands.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

void setup_run(CLI::App& app, RunOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file or shipped scenario name (default: compute-divide)");
  app.add_option("--set", o.sets, "Override a value: key.path=value (repeatable)")
      ->type_name("K=V")
      ->allow_extra_args(false);
  app.add_option("--format", o.format,
                 "table, csv, csv-wide (years as columns, for spreadsheets) or json (default: table; with --out, "
                 "table, csv and json)")
      ->check(CLI::IsMember({"table", "csv", "csv-wide", "json"}));
  app.add_option("--out", o.out_dir, "Write files into this directory instead of stdout");
  app.add_flag("--force", o.force, "Write into --out even if it holds files labsim did not write");
  app.footer(
      "Example:\n  labsim run scenarios/compute-divide.yaml --set "
      "institutions.institute.funding.nsf-institute.amount=40M --format csv\n"
      "Exit status: 0 ok, 1 invalid scenario, 2 usage (also: --out holds other files, without --force), 3 cannot "
      "read or write, 4 internal error.");
}

void check_out_dir(const std::string& option, const std::string& dir, const std::vector<std::string>& names,
                   bool force) {
  if (force) return;
  if (std::optional<std::string> name = foreign_file(dir, names))
    throw UsageError(fmt::format("{} {}: the directory holds {}, which labsim did not write\n"
                                 "(choose a new or empty directory, or add --force to write beside it)",
                                 option, dir, *name));
}

int run_run(const RunOptions& o, const Invocation& call) {
  if (!o.out_dir.empty())
    check_out_dir("--out", o.out_dir, {"run.csv", "run-wide.csv", "run.json", "table.txt"}, o.force);
  Scenario scenario = load_scenario_file(o.scenario, o.sets);
  Trajectory trajectory = run(scenario);
  auto render = [&](const std::string& format) {
    std::ostringstream s;
    if (format == "csv") write_csv(s, trajectory);
    else if (format == "csv-wide") write_csv_wide(s, trajectory);
    else if (format == "json") write_json(s, scenario, trajectory);
    else write_table(s, scenario, trajectory);
    return s.str();
  };
  if (o.out_dir.empty()) {
    call.out << render(o.format.empty() ? "table" : o.format);
    return kOk;
  }
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) throw IoError(o.out_dir + ": cannot create the directory (" + ec.message() + ")");
  std::vector<std::string> formats = o.format.empty() ? std::vector<std::string>{"csv", "json", "table"}
                                                      : std::vector<std::string>{o.format};
  for (const std::string& f : formats) {
    std::string name = f == "table" ? "table.txt" : f == "csv-wide" ? "run-wide.csv" : "run." + f;
    write_file_atomic((std::filesystem::path(o.out_dir) / name).string(), render(f));
  }
  return kOk;
}

}  // namespace labsim::cli
