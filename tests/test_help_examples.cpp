// Every example a command's --help prints runs as written (from a directory holding the shipped
// scenarios and validation data, so that what the examples write lands in a scratch directory),
// and a mistyped or missing command is named.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "labsim/metric.hpp"

namespace {

using labsim::test::run_cli;

// The command lines of the "Example:" or "Examples:" section of a help text, a line ending in
// a backslash joined with the next.
std::vector<std::string> examples(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream in(help);
  std::string line;
  bool in_examples = false, continued = false;
  while (std::getline(in, line)) {
    if (continued) {
      out.back().append(" ").append(line, line.find_first_not_of(' '));
    } else if (line.rfind("Example", 0) == 0) {
      in_examples = true;
      continue;
    } else if (in_examples && line.rfind("  labsim ", 0) == 0) {
      out.push_back(line.substr(2));
    } else {
      in_examples = false;
    }
    continued = !out.empty() && !out.back().empty() && out.back().back() == '\\';
    if (continued) out.back().pop_back();
  }
  return out;
}

}  // namespace

TEST_CASE("every example in the commands' --help runs as written", "[cli]") {
  const std::vector<std::string> commands = labsim::test::listed_commands();
  CHECK(commands.size() >= 15);
  labsim::test::TempDir dir("examples");
  std::filesystem::create_directory_symlink(labsim::test::source_path("scenarios"), dir.path() / "scenarios");
  std::filesystem::create_directory_symlink(labsim::test::source_path("validation"), dir.path() / "validation");
  int ran = 0;
  for (const std::string& c : commands) {
    const labsim::test::Result help = run_cli(c + " --help");
    REQUIRE(help.status == 0);
    const std::vector<std::string> lines = examples(help.out);
    INFO(c << " --help");
    CHECK_FALSE(lines.empty());
    for (const std::string& example : lines) {
      INFO(example);
      // In a subshell, so that an example's own redirection (`> parts.csv`) is kept.
      // `serve` serves until stopped: it runs under `timeout 3`, and is still serving when stopped (124).
      const std::string limit = c == "serve" ? "timeout 3 " : "";
      const std::string cmd = "cd '" + dir.path().string() + "' && (" + limit + "'" + LABSIM_BINARY + "'" +
                              example.substr(std::string("labsim").size()) + ") >/dev/null 2>&1";
      const int raw = std::system(cmd.c_str());
      const int status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
      // backtest exits 5 when a target misses its tolerance, as its help says; the history
      // backtest misses 3 of 82 (docs/validation.md).
      CHECK((status == 0 || (c == "backtest" && status == 5) || (c == "serve" && status == 124)));
      ++ran;
    }
  }
  INFO(ran << " examples ran");
  CHECK(ran >= 19);
  // The examples that write files wrote them where they said.
  CHECK(std::filesystem::file_size(dir.path() / "parts.csv") > 0);
  CHECK(std::filesystem::file_size(dir.path() / "metrics.csv") > 0);
  CHECK(std::filesystem::exists(dir.path() / "out" / "brief.html"));
}

TEST_CASE("an unknown or missing command is named, with a guess and the list of commands", "[cli]") {
  labsim::test::Result r = run_cli("rn scenarios/compute-divide.yaml");
  CHECK(r.status == 2);
  CHECK(r.err.find("unknown command 'rn'; did you mean 'run'?") != std::string::npos);
  CHECK(r.err.find("commands: run, validate, init, scenarios, catalog,") != std::string::npos);
  CHECK(r.out.empty());
  r = run_cli("frobnicate");
  CHECK(r.status == 2);
  CHECK(r.err.find("unknown command 'frobnicate'") != std::string::npos);
  CHECK(r.err.find("did you mean") == std::string::npos);
  r = run_cli("");
  CHECK(r.status == 2);
  CHECK(r.err.find("a command is required") != std::string::npos);
  // Options before a command still reach the parser.
  r = run_cli("--version");
  CHECK(r.status == 0);
  CHECK(r.out.find('.') != std::string::npos);
}

TEST_CASE("labsim metrics lists every metric with its unit explained and its meaning", "[cli]") {
  const labsim::test::Result csv = run_cli("metrics --format csv");
  REQUIRE(csv.status == 0);
  std::istringstream lines(csv.out);
  std::string line;
  std::getline(lines, line);
  CHECK(line == "name,unit,total,description");
  std::size_t row = 0;
  while (std::getline(lines, line)) {
    REQUIRE(row < labsim::kMetrics.size());
    const labsim::MetricInfo& m = labsim::kMetrics[row++];
    const std::vector<std::string> f = labsim::test::csv_fields(line);
    REQUIRE(f.size() == 4);
    CHECK(f[0] == m.name);
    CHECK(f[1] == m.unit);
    CHECK(f[2] == (m.extensive ? "true" : "false"));
    CHECK(f[3] == m.description);
  }
  CHECK(row == labsim::kMetrics.size());
  // The table explains every unit it uses (an unexplained one prints as "?").
  const labsim::test::Result table = run_cli("metrics");
  REQUIRE(table.status == 0);
  CHECK(table.out.find("  ?\n") == std::string::npos);
  for (const labsim::MetricInfo& m : labsim::kMetrics)
    CHECK(table.out.find("\n  " + std::string(m.unit) + " ") != std::string::npos);
  const labsim::test::Result json = run_cli("metrics --format json");
  REQUIRE(json.status == 0);
  CHECK(json.out.find("{\"name\": \"output.academic_share\", \"unit\": \"share\", \"total\": false,") !=
        std::string::npos);
}
