// The examples in the documentation are real: every fenced block that starts with one
// `$ labsim ...` command on shipped files is run, and its output compared with the block.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>
#include <vector>

#include "cli_helpers.hpp"

namespace {

using labsim::test::run_cli;
using labsim::test::slurp;
using labsim::test::source_path;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct Example {
  std::string command;              // after "$ labsim "
  std::vector<std::string> output;  // lines shown; a last "..." means "starts with"
};

// Blocks with exactly one "$ " line, which runs labsim on files that exist in the repository
// and writes no files.
std::vector<Example> examples_in(const std::string& doc) {
  std::vector<Example> found;
  std::string text = slurp(source_path(doc));
  size_t at = 0;
  while ((at = text.find("```\n$ labsim ", at)) != std::string::npos) {
    size_t end = text.find("```", at + 4);
    std::vector<std::string> lines = split_lines(text.substr(at + 4, end - at - 4));
    at = end + 3;
    size_t commands = 0;
    for (const auto& l : lines) commands += l.rfind("$ ", 0) == 0;
    if (commands != 1) continue;
    Example e{lines[0].substr(9), {lines.begin() + 1, lines.end()}};
    bool files_exist = true;
    std::istringstream words(e.command);
    for (std::string w; words >> w;)
      if (w.size() > 5 && w.substr(w.size() - 5) == ".yaml" && w.find('*') == std::string::npos &&
          !std::filesystem::exists(source_path(w)))
        files_exist = false;
    // Examples that write files (--out, -o) would write into the source tree: not run here.
    bool writes = e.command.find(" -o ") != std::string::npos || e.command.find("--out") != std::string::npos;
    if (files_exist && !writes) found.push_back(e);
  }
  return found;
}

}  // namespace

TEST_CASE("drift check: documented command examples print what the docs show, and succeed unless they show an error", "[docs]") {
  size_t checked = 0;
  for (const char* doc : {"README.md", "docs/cli.md", "docs/scenario-format.md", "docs/model.md", "docs/uncertainty.md",
                          "docs/validation.md"}) {
    for (Example e : examples_in(doc)) {
      INFO(doc << ": labsim " << e.command);
      size_t head = 0;
      std::smatch m;
      if (std::regex_search(e.command, m, std::regex(R"(\s*\|\s*head -(\d+)\s*$)"))) {
        head = std::stoul(m[1]);
        e.command = m.prefix();
      }
      auto result = run_cli(e.command);
      std::vector<std::string> got = split_lines(result.out + result.err);
      if (head && got.size() > head) got.resize(head);
      if (!e.output.empty() && e.output.back() == "...") {
        e.output.pop_back();
        if (got.size() > e.output.size()) got.resize(e.output.size());
      }
      CHECK(got == e.output);
      // An example that shows an error, or a backtest that shows a missed target, exits non-zero.
      bool shows_error = std::any_of(e.output.begin(), e.output.end(), [](const std::string& l) {
        return l.find("error: ") != std::string::npos || l.ends_with("  MISSED");
      });
      INFO("exit status " << result.status);
      CHECK((result.status == 0) == !shows_error);
      ++checked;
    }
  }
  CHECK(checked >= 8);  // the docs do show examples; a parsing slip must not skip them all
}
