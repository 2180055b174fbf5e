// labsim init: a starter scenario to edit, checked before it is written.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "labsim/loader.hpp"
#include "labsim/writers.hpp"

namespace labsim::cli {

void setup_init(CLI::App& app, InitOptions& o) {
  app.add_option("-o,--out", o.out, "The scenario file to write")->required();
  app.add_option("--university", o.university, "Display name of the university (default: State University)");
  app.add_option("--lab", o.lab, "Display name of the industry lab (default: Industry lab)");
  app.add_option("--years", o.years, "First and last year, FIRST-LAST (default: 2025-2034)");
  app.add_flag("--force", o.force, "Replace an existing file");
  app.footer("Example:\n  labsim init --university \"State University\" --lab \"Frontier lab\" -o my-study.yaml\n"
             "Then edit the numbers marked \"placeholder\" and run: labsim run my-study.yaml\n"
             "Exit status: 0 ok, 2 usage (also: the file exists, without --force), 3 cannot write.");
}

int run_init(const InitOptions& o, const Invocation& call) {
  StarterOptions starter{o.university, o.lab};
  int first = 0, last = 0;
  char dash = 0, extra = 0;
  if (std::sscanf(o.years.c_str(), "%d%c%d%c", &first, &dash, &last, &extra) != 3 || dash != '-' || first > last)
    throw UsageError(fmt::format("--years {}: expected FIRST-LAST, e.g. 2025-2034", o.years));
  if (first < kStarterFirstYear)
    throw UsageError(fmt::format("--years {}: the starter's GPUs are sold from {}; start then or later", o.years,
                                 kStarterFirstYear));
  starter.first_year = first;
  starter.last_year = last;
  std::error_code ec;
  if (!o.force && std::filesystem::exists(o.out, ec))
    throw UsageError(fmt::format("--out {}: the file exists; use --force to replace it", o.out));
  const std::string text = starter_scenario(starter);
  load_scenario_string(text, o.out);  // what is written loads: throws InputError (exit 1) otherwise
  write_file_atomic(o.out, text);
  call.out << fmt::format("Wrote {}: edit the numbers marked \"placeholder\", then: labsim run {}\n", o.out, o.out);
  return kOk;
}

}  // namespace labsim::cli
