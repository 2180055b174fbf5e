// Hostile input: alias bombs, deep nesting, binary data, huge files and random damage all end
// in a located InputError, quickly, and never in a crash or another exception.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <random>
#include <string>

#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

namespace {

using labsim::test::report_of;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// a: &a [9 strings], b: &b [9 x *a], ..., i: &i [9 x *h]: 9^9 strings once expanded.
std::string billion_laughs() {
  std::string text = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    std::string alias = std::string("*") + static_cast<char>(c - 1);
    std::string items = alias;
    for (int k = 1; k < 9; ++k) items += "," + alias;
    text += std::string(1, c) + ": &" + std::string(1, c) + " [" + items + "]\n";
  }
  return text;
}

}  // namespace

TEST_CASE("an alias bomb stops at the expansion limit, where it happens", "[loader][hostile]") {
  auto start = std::chrono::steady_clock::now();
  // Values counted before line 6: the root, keys a-e, and a-e expanded (10 + 91 + 820 + 7381 +
  // 66430); f's key and list make 74,740, its first *e 141,170, its second *e passes 200,000.
  CHECK(report_of(billion_laughs()) ==
        "t.yaml:6:11: error: the document expands to more than 200000 values "
        "(aliases repeated too often?)\n"
        "    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "              ^\n");
  CHECK(seconds_since(start) < 2.0);
}

TEST_CASE("10,000-deep nesting fails with a nesting message, shown in a window", "[loader][hostile]") {
  // The 65th '[' opens level 65. The 20,000-character line is shown as 100 characters around
  // the column: from index 14 (= 64 - 50), with "..." on both sides.
  std::string flow = std::string(10000, '[') + std::string(10000, ']') + "\n";
  CHECK(report_of(flow) ==
        "t.yaml:1:65: error: nesting deeper than 64 levels\n"
        "    ..." + std::string(100, '[') + "...\n"
        "    " + std::string(53, ' ') + "^\n");

  std::string maps;
  for (int i = 0; i < 10000; ++i) maps += "{a: ";
  maps += "1" + std::string(10000, '}') + "\n";
  std::string report = report_of(maps);
  CHECK(report.substr(0, report.find('\n')) == "t.yaml:1:257: error: nesting deeper than 64 levels");

  std::string dashes;
  for (int i = 0; i < 10000; ++i) dashes += "- ";
  report = report_of(dashes + "x\n");
  CHECK(report.substr(0, report.find('\n')) == "t.yaml:1:129: error: nesting deeper than 64 levels");
}

TEST_CASE("binary data fails with the not-text message", "[loader][hostile]") {
  std::string garbage;
  for (int round = 0; round < 64; ++round)
    for (int b = 0; b < 256; ++b) garbage += static_cast<char>(b);
  CHECK(report_of(garbage) ==
        "t.yaml:1:1: error: byte 0x00 is not text: a scenario is a UTF-8 YAML file\n"
        "hint: is this a binary or a file in another encoding?\n");

  // A broken UTF-8 sequence inside text is located at its first byte.
  CHECK(report_of("scenario: {name: t, years: 2024-2026}\n"
                  "institutions: [{id: u\xC3\x28}]\n") ==
        "t.yaml:2:22: error: byte 0xC3 is not text: a scenario is a UTF-8 YAML file\n"
        "    institutions: [{id: u\n"
        "                         ^\n"
        "hint: is this a binary or a file in another encoding?\n");
}

TEST_CASE("a 20 MB file fails with the size message", "[loader][hostile]") {
  auto start = std::chrono::steady_clock::now();
  CHECK(report_of(std::string(20u << 20, '#')) ==
        "t.yaml: error: the file is larger than 8388608 bytes, the most a scenario may be\n");
  CHECK(seconds_since(start) < 2.0);
}

namespace {

constexpr const char* kValid = R"(# A small but complete scenario.
scenario: {name: fuzz, title: "Mutation base", years: 2024-2030}
economy: {inflation: 2.5%/yr, pue: 1.25}
hardware: {reference: H100-SXM, price_performance_doubling: 2.5 years}
market:
  industry_comp: {2020: 256k, 2023: 335250, growth: 4%/yr}
  frontier_training_flop: {2023: {value: 2.1e25, source: "Epoch AI"}, growth: 4.1x/yr}
institutions:
  - id: institute
    kind: university
    fleet:
      - {gpu: A100-80GB, count: 68, acquired: 2022, ownership: owned}
    procurement: {gpu: best, mode: owned, lifetime: 5 years, server_overhead: 64%}
    operations: {availability: 95%, utilization: 60%, mfu: 35%}
    largest_run: {share: 50%, days: 90 days}
    people:
      - {role: faculty, count: 12, salary: 185k, fringe: 30%, attrition: 3%/yr}
      - {role: phd, count: 60, salary: 45k, tuition: 20k, program_years: 5.5}
    funding:
      - {name: nsf, amount: 20M, years: 2024-2028, indirect_rate: 55%, schedule: [20%, 20%, 20%, 20%, 20%]}
      - {name: university, amount: 1.5M/yr, years: 2024-2030, growth: 3%/yr}
    spending: {compute_share: 30%, carryover: true}
  - id: lab
    kind: industry
    fleet:
      - {gpu: H100-SXM, count: 350k, acquired: 2024}
    people:
      - {role: research_scientist, count: 3000, salary: market}
    funding:
      - {name: capex, amount: 35B/yr, years: 2024-2030}
talent:
  choice: {intercept: -1.2, salary: 1.6, compute: 0.15}
  mobility: {faculty: 10%/yr, postdoc: 40%/yr}
)";

// Damages `text` in place: deletes, duplicates or replaces a few bytes, favouring the bytes
// that carry YAML structure and labsim units.
void mutate(std::string& text, std::mt19937& rng) {
  static const std::string kBytes = ":-[]{}&*!|>'\"#%,.\n \t0123456789eMmkBx$/";
  int edits = 1 + static_cast<int>(rng() % 3);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    size_t pos = rng() % text.size();
    size_t len = 1 + rng() % 8;
    switch (rng() % 3) {
      case 0: text.erase(pos, len); break;
      case 1: text.insert(pos, text.substr(pos, len)); break;
      default:
        text[pos] = rng() % 4 == 0 ? static_cast<char>(rng() % 256) : kBytes[rng() % kBytes.size()];
        break;
    }
  }
}

}  // namespace

TEST_CASE("random damage ends in InputError or a scenario, never anything else", "[loader][hostile]") {
  REQUIRE(report_of(kValid) == "(loaded)");
  std::mt19937 rng(20240611);
  int loaded = 0, rejected = 0;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 2000; ++i) {
    std::string text = kValid;
    mutate(text, rng);
    long lines = std::count(text.begin(), text.end(), '\n') + 1;
    try {
      labsim::load_scenario_string(text, "t.yaml");
      ++loaded;
    } catch (const labsim::InputError& e) {
      ++rejected;
      if (e.diagnostics().empty() || e.report().empty()) FAIL("empty InputError for mutation " << i);
      for (const labsim::Diagnostic& d : e.diagnostics())
        if (d.file == "t.yaml" && (d.line < 0 || d.line > lines + 1 || (d.line > 0 && d.column < 1)))
          FAIL("mutation " << i << ": position " << d.line << ":" << d.column << " outside the text\n"
                           << e.report() << "\n--- text:\n" << text);
    } catch (const std::exception& e) {
      FAIL("mutation " << i << " threw " << e.what() << "\n--- text:\n" << text);
    } catch (...) {
      FAIL("mutation " << i << " threw a non-standard exception\n--- text:\n" << text);
    }
  }
  INFO("loaded " << loaded << ", rejected " << rejected);
  CHECK(loaded > 0);    // some damage is harmless (comments, digits) ...
  CHECK(rejected > 0);  // ... most is not
  CHECK(seconds_since(start) < 10.0);
}
