#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <ostream>
#include <optional>
#include <regex>

#include "cli/commands.hpp"
#include "cli/wasm_files.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "labsim/report.hpp"
#include "labsim/serve.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

namespace {

// "YYYY-MM-DD" naming a real day (2026-02-29 is not one).
bool is_calendar_date(const std::string& text) {
  std::smatch m;
  if (!std::regex_match(text, m, std::regex(R"((\d{4})-(\d{2})-(\d{2}))"))) return false;
  int year = std::stoi(m[1]), month = std::stoi(m[2]), day = std::stoi(m[3]);
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

// The command line without "--threads T" (or "--threads=T"): the thread count does not change
// the brief, so leaving it out of the stamp keeps the files byte-identical for any count.
std::string without_threads(const std::string& command_line) {
  return std::regex_replace(command_line, std::regex(R"( --threads(=| +)[^ ]+)"), "");
}

}  // namespace

void setup_brief(CLI::App& app, BriefOptions& o) {
  app.add_option("scenario", o.scenario, "Scenario file or shipped scenario name (default: compute-divide)");
  app.add_option("--baseline", o.baseline, "Baseline scenario: the brief shows what the policy changes");
  app.add_option("--set", o.sets, "Override a value of the scenario: key.path=value (repeatable)")
      ->type_name("K=V")
      ->allow_extra_args(false);
  app.add_option("-o,--out", o.out_dir, "Directory for the brief's files (default: brief)");
  app.add_flag("--force", o.force, "Write into the directory even if it holds files labsim did not write");
  app.add_flag("--appendix", o.appendix,
               "After the two pages, the other charts, every assumption with its source, the method and the "
               "reproducibility stamp");
  app.add_flag("--interactive", o.interactive,
               "Also write brief-interactive.html: the brief with its charts redrawn in the page for other values of "
               "its key inputs (labsim's engine in WebAssembly, embedded; needs scripts/build-wasm)");
  app.add_option("--date", o.date, "Date printed in the brief, YYYY-MM-DD (default: none, so that the same "
                                   "inputs give the same bytes)");
  add_sampling_options(app, o.sampling,
                       "Monte Carlo samples of the uncertain inputs: adds uncertainty bands, a tornado chart and the "
                       "spread of the key number (default: none, a deterministic brief)");
  app.footer(
      "Examples:\n  labsim brief scenarios/compute-divide.yaml -o out/\n"
      "  labsim brief scenarios/salary-topup.yaml --baseline scenarios/compute-divide.yaml -o topup/\n"
      "  labsim brief scenarios/nairr.yaml --baseline scenarios/compute-divide.yaml -n 2000 --seed 7 -o nairr/\n"
      "  labsim brief scenarios/state-university-policy.yaml --baseline scenarios/state-university.yaml --appendix -o su/\n"
      "  labsim brief nairr --baseline compute-divide --interactive -o nairr-brief/\n"
      "Two pages: the summary, findings and headline chart; what the policy changes (with a baseline: with and\n"
      "without it, and what its money would do as plain funding), what matters most, limits.\n"
      "Writes brief.html (self-contained), brief.pdf, brief.md and each chart as .svg and .png; with --interactive\n"
      "also brief-interactive.html, one file whose charts respond to the brief's key inputs.");
}

int run_brief(const BriefOptions& o, const Invocation& call) {
  std::ostream& out = call.out;
  if (!o.date.empty() && !is_calendar_date(o.date)) {
    Diagnostic d;
    d.path = "--date";
    d.message = fmt::format("expected a date such as 2026-11-29, found \"{}\"", o.date);
    throw InputError({d});
  }
  check_out_dir("-o", o.out_dir, brief_file_names(), o.force);
  Scenario scenario = load_scenario_file(o.scenario, o.sets);
  Trajectory trajectory = run(scenario);
  Scenario base_scenario;
  Trajectory base;
  BriefInput in{&scenario, &trajectory, nullptr, nullptr, without_threads(call.command_line), o.date, nullptr};
  if (!o.baseline.empty()) {
    base_scenario = load_scenario_file(o.baseline);
    base = run(base_scenario);
    in.baseline_scenario = &base_scenario;
    in.baseline = &base;
  }
  in.appendix = o.appendix;
  BriefEqualCost equal;
  add_equal_cost(in, equal);
  BriefUncertainty uncertainty;
  std::optional<SensitivityTable> drivers;
  if (!o.sampling.samples) {
    drivers = brief_drivers(in, o.sampling.threads);
    if (drivers) in.drivers = &*drivers;
  }
  if (o.sampling.samples) {
    MonteCarloOptions mc = monte_carlo_options(o.sampling);
    mc.progress = progress_bar("labsim brief");
    uncertainty = analyse_uncertainty(in, mc);
    if (mc.progress) std::fprintf(stderr, "\r\033[K");
    in.uncertainty = &uncertainty;
  }
  std::vector<BriefFile> files = make_brief(in);
  if (o.interactive) {
    const WasmFiles wasm = load_wasm_files(false);
    StaticExplorer page{find_scenario(o.scenario), o.baseline.empty() ? "" : find_scenario(o.baseline), o.sets,
                        brief_key_inputs(scenario), wasm.engine_js, wasm.engine_wasm, {}, {}};
    std::string html;
    for (const BriefFile& f : files)
      if (f.name == "brief.html") html = f.bytes;
    files.push_back({"brief-interactive.html", interactive_brief(html, static_explorer(page))});
  }
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) throw IoError(o.out_dir + ": cannot create the directory (" + ec.message() + ")");
  for (const BriefFile& f : files) write_file_atomic((std::filesystem::path(o.out_dir) / f.name).string(), f.bytes);
  const size_t charts = (files.size() - 3 - (o.interactive ? 1 : 0)) / 2;
  out << fmt::format("wrote {} files to {}: brief.html, brief.pdf, brief.md{} and {} charts (.svg, .png)\n", files.size(),
                     o.out_dir, o.interactive ? ", brief-interactive.html" : "", charts);
  if (in.uncertainty && uncertainty.inputs == 0)
    out << fmt::format("note: {} has no uncertain inputs, so -n adds nothing; the brief says so\n", scenario.name);
  return kOk;
}

}  // namespace labsim::cli
