// The man page and the bash completion agree with --help: each command's section of labsim(1) is
// its --help text, and the completion knows every command and every option --help lists. Also the
// version line and the shipped scenarios by name.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"

using labsim::test::run_cli;

namespace {

// roff's no-fill text back to plain text: "\e" is a backslash, "\&" guards a leading dot.
std::string unroff(std::string text) {
  text = std::regex_replace(text, std::regex(R"(\\e)"), "\\");
  return std::regex_replace(text, std::regex(R"(\\&)"), "");
}

}  // namespace

TEST_CASE("the man page holds every command's --help, word for word", "[cli][install]") {
  const std::string man = run_cli("--man").out;
  REQUIRE(man.rfind(".TH LABSIM 1", 0) == 0);
  const std::vector<std::string> names = labsim::test::listed_commands();
  REQUIRE(names.size() >= 16);
  for (const std::string& name : names) {
    INFO(name);
    const std::string head = ".SS " + name + "\n.nf\n";
    const std::size_t at = man.find(head);
    REQUIRE(at != std::string::npos);
    const std::size_t end = man.find(".fi\n", at);
    CHECK(unroff(man.substr(at + head.size(), end - at - head.size())) == run_cli(name + " --help").out);
  }
  CHECK(man.find(".SH EXIT STATUS") != std::string::npos);
  CHECK(man.find("LABSIM_SCENARIOS") != std::string::npos);
}

TEST_CASE("the bash completion knows every command and every option --help lists", "[cli][install]") {
  const std::string script = run_cli("--bash-completion").out;
  for (const std::string& name : labsim::test::listed_commands()) {
    INFO(name);
    std::smatch m;
    REQUIRE(std::regex_search(script, m, std::regex("\n    " + name + R"re(\) opts="([^"]*)")re")));
    const std::string opts = " " + std::string(m[1]) + " ";
    CHECK(script.find("local commands=\"") != std::string::npos);
    // Every long option of the command's help, from its option lines: "  -o,--out TEXT  ..." or
    // "  --set K=V ...".
    std::istringstream help(run_cli(name + " --help").out);
    const std::regex option_line(R"(^  (-[a-zA-Z],)?(--[a-z][a-z-]*).*)");
    for (std::string line; std::getline(help, line);) {
      std::smatch o;
      if (!std::regex_match(line, o, option_line)) continue;
      INFO(o[2]);
      CHECK(opts.find(" " + std::string(o[2]) + " ") != std::string::npos);
    }
  }
  CHECK(script.find("compute.h100_hours_per_researcher") != std::string::npos);  // metric names
  CHECK(script.find("labsim scenarios --names") != std::string::npos);          // shipped scenarios
}

TEST_CASE("labsim --version names the model and the data vintage", "[cli][install]") {
  CHECK(run_cli("--version").out == "labsim 0.1.0 (model v1; catalog and calibration data as of 2026-04)\n");
}

TEST_CASE("a shipped scenario is taken by name, and a near miss is named", "[cli][install]") {
  auto by_name = run_cli("run compute-divide --format csv");
  auto by_path = run_cli("run scenarios/compute-divide.yaml --format csv");
  REQUIRE(by_name.status == 0);
  CHECK(by_name.out == by_path.out);
  auto listed = run_cli("scenarios --names");
  CHECK(listed.out.find("compute-divide\nhistory\n") != std::string::npos);
  auto miss = run_cli("run compute-divid");
  CHECK(miss.status == 3);
  CHECK(miss.err == "labsim: error: compute-divid: no such file or shipped scenario; did you mean 'compute-divide'? "
                    "(labsim scenarios lists them)\n");
}
