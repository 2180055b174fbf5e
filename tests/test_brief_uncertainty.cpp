// The brief's uncertainty sections (labsim brief -n): fan bands, the tornado chart, the spread
// finding, the assumptions and the stamp, on a scenario whose answers follow by hand: a fixed
// fleet of 1,000 H100s up every hour, used a share u of the time, delivers 1000 x 8760 x u
// H100-hours a year to 10 researchers who never leave, so 876,000 x u each.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "cli_helpers.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "labsim/report.hpp"
#include "report/brief.hpp"
#include "report/findings.hpp"

using labsim::test::run_cli;
using labsim::test::slurp;
using labsim::test::TempDir;

namespace {

constexpr double kPerResearcher = 1000 * 8760 / 10.0;  // H100-hours per researcher at u = 1

// No funding: reserves pay the fleet's upkeep and the faculty (4.06M a year), so nothing is
// bought or cut and the hours are the fleet's.
labsim::Scenario fleet(const std::string& operations) {
  return labsim::load_scenario_string(R"(scenario: {name: fleet, years: 2024-2026}
talent: {mobility: {faculty: 0%/yr}}
institutions:
  - id: lab
    kind: university
    fleet: [{gpu: H100-SXM, count: 1000, acquired: 2024}]
    operations: )" + operations + R"(
    people: [{role: faculty, count: 10, salary: 100k, attrition: 0%/yr}]
    reserves: 20M
)", "fleet.yaml");
}

// A scenario, its run and its uncertainty sections, kept together (BriefInput holds pointers).
struct Briefed {
  labsim::Scenario scenario;
  labsim::Trajectory trajectory;
  labsim::BriefUncertainty uncertainty;
  labsim::BriefInput in;

  Briefed(labsim::Scenario s, std::size_t samples, labsim::Sampling sampling = labsim::Sampling::kRandom)
      : scenario(std::move(s)), trajectory(labsim::run(scenario)) {
    in = {&scenario, &trajectory, nullptr, nullptr, "", "", nullptr};
    labsim::MonteCarloOptions o;
    o.samples = samples;
    o.sampling = sampling;
    uncertainty = labsim::analyse_uncertainty(in, o);
    in.uncertainty = &uncertainty;
  }
};

const labsim::report::Chart& chart(const std::vector<labsim::report::Chart>& charts, const std::string& id) {
  auto c = std::find_if(charts.begin(), charts.end(), [&](const auto& x) { return x.id == id; });
  REQUIRE(c != charts.end());
  return *c;
}

// The text of a PDF file as pdftotext extracts it, each run of white space as one space.
std::string pdf_text(const std::string& path) {
  FILE* pipe = ::popen(("pdftotext '" + path + "' - 2>/dev/null").c_str(), "r");
  REQUIRE(pipe);
  std::string text;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) text.append(buf, n);
  ::pclose(pipe);
  std::string squashed;
  for (char ch : text) {
    if (!std::isspace(static_cast<unsigned char>(ch))) squashed += ch;
    else if (!squashed.empty() && squashed.back() != ' ') squashed += ' ';
  }
  return squashed;
}

std::map<std::string, std::string> files_in(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files[e.path().filename()] = slurp(e.path());
  return files;
}

}  // namespace

TEST_CASE("fan bands are the Monte Carlo percentiles, around the median line", "[report][uncertainty]") {
  // Utilization uniform on [40%, 80%]: the q-quantile of compute per researcher is
  // 876,000 x (0.4 + 0.4 q); Latin hypercube sampling hits the percentiles closely.
  Briefed b(fleet("{availability: 100%, utilization: {uniform: [40%, 80%]}}"), 4000, labsim::Sampling::kLhs);
  REQUIRE(b.uncertainty.inputs == 1);
  auto charts = labsim::report::brief_charts(b.in);
  const auto& c = chart(charts, "compute_per_researcher");
  REQUIRE(c.series.size() == 1);
  const auto& s = c.series[0];
  const labsim::StatTable& t = b.uncertainty.scenario;
  CHECK(t.institutions == std::vector<std::string>{"lab"});
  CHECK(t.metrics == labsim::kBriefMetrics);
  CHECK(c.bands == "Lines: medians; shaded: 25\u201375% and 5\u201395% of 4,000 samples");
  const std::vector<double>* ends[] = {&s.outer_low, &s.low, &s.y, &s.high, &s.outer_high};
  for (int yi = 0; yi < 3; ++yi) {
    const labsim::Summary& cell = t.at(0, 0, yi, 0);
    for (size_t p = 0; p < labsim::kPercentiles.size(); ++p) {
      INFO("year " << 2024 + yi << ", p" << labsim::kPercentiles[p]);
      REQUIRE(ends[p]->size() == 3);
      CHECK((*ends[p])[static_cast<size_t>(yi)] == cell.percentiles[p]);  // the table's value itself
      double q = labsim::kPercentiles[p] / 100;
      CHECK(cell.percentiles[p] == Approx(kPerResearcher * (0.4 + 0.4 * q)).epsilon(labsim::kQuantileAccuracy + 1e-3));
    }
  }
  // The largest run does not depend on utilization: its bands close on the line.
  const auto& run = chart(charts, "largest_run").series[0];
  CHECK(run.outer_low == run.outer_high);
  CHECK(run.y == run.low);
  // Without -n, no bands and no note.
  labsim::BriefInput plain = b.in;
  plain.uncertainty = nullptr;
  const auto plain_charts = labsim::report::brief_charts(plain);  // kept: chart() returns a reference into it
  const auto& nominal = chart(plain_charts, "compute_per_researcher");
  CHECK(nominal.bands.empty());
  CHECK(nominal.series[0].low.empty());
  CHECK(nominal.series[0].outer_high.empty());
  CHECK(nominal.series[0].y[2] == Approx(kPerResearcher * 0.6));
}

TEST_CASE("the tornado chart: bars by swing from the nominal value, inputs without effect left out", "[report][uncertainty]") {
  // Per researcher 876,000 x availability x utilization; MFU does not change H100-hours.
  // Nominal: 876,000 x 0.95 x 0.6 = 499,320. Utilization at its 10th and 90th percentiles (0.44,
  // 0.76): 366,168 and 632,472. Availability (0.91, 0.99): 478,296 and 520,344.
  Briefed b(fleet("{availability: {uniform: [90%, 100%]}, utilization: {uniform: [40%, 80%]}, "
                  "mfu: {uniform: [30%, 50%]}}"),
            200);
  auto charts = labsim::report::brief_charts(b.in);
  const auto& c = chart(charts, "tornado");
  CHECK(c.kind == labsim::report::ChartKind::kTornado);
  CHECK(c.title == "Which assumptions matter most");
  CHECK(c.nominal == Approx(499320).epsilon(1e-12));
  REQUIRE(c.bars.size() == 2);
  CHECK(c.bars[0].input == "institutions.lab.operations.utilization");
  // In plain words from the key table, the institution first by its name (here its id: it has no other).
  CHECK(c.bars[0].label == "lab: share of up-hours running jobs");
  CHECK(c.bars[0].low == Approx(366168).epsilon(1e-12));
  CHECK(c.bars[0].high == Approx(632472).epsilon(1e-12));
  CHECK(c.bars[1].input == "institutions.lab.operations.availability");
  CHECK(c.bars[1].low == Approx(478296).epsilon(1e-12));
  CHECK(c.bars[1].high == Approx(520344).epsilon(1e-12));
  // The category axis: the largest swing at the top; the value axis covers every bar end.
  REQUIRE(c.y.ticks.size() == 2);
  CHECK(c.y.ticks[0].value == 1);
  CHECK(c.y.ticks[0].label == "lab: share of up-hours running jobs");
  CHECK(c.y.ticks[1].value == 0);
  CHECK(c.x.label == "H100-hours per researcher in 2026: lab");
  CHECK(c.x.min <= 366168);
  CHECK(c.x.max >= 632472);
  CHECK(c.series.size() == 3);
  CHECK(c.series[2].name == "All inputs nominal: 499,320");
  CHECK(c.series[2].dashed);
}

TEST_CASE("the spread finding reads the 90% interval of the focal institution's last year", "[report][uncertainty]") {
  labsim::Scenario s = fleet("{availability: 100%, utilization: 60%}");
  labsim::Trajectory t = labsim::run(s);
  labsim::StatTable mc;
  mc.institutions = {"lab"};
  mc.metrics = {labsim::Metric::kComputeH100HoursPerResearcher};
  mc.first_year = 2024;
  mc.last_year = 2026;
  mc.columns = {"value"};
  mc.samples = 2000;
  mc.cells.resize(3);
  auto with = [&](double p5, double p95, std::uint64_t defined = 2000) {
    mc.cells[2].percentiles = {p5, 0, 0, 0, p95};
    mc.cells[2].defined = defined;
    return labsim::report::spread_finding(t, mc);
  };
  const std::string head = "Across 2,000 sampled sets of assumptions, the lab's compute per researcher in 2026 ";
  // 876,000 x 0.42 = 367,920 and 876,000 x 0.78 = 683,280: three significant digits with separators.
  CHECK(with(367920, 683280) == head + "lies between 368,000 and 683,000 H100-hours (90% interval).");
  // From 10,000 on, three significant digits: 99,220 reads 99,200.
  CHECK(with(99220, 208000) == head + "lies between 99,200 and 208,000 H100-hours (90% interval).");
  // Four significant digits first, as labsim mc prints percentiles (99,219.4 is 99,220), then three.
  CHECK(with(99219.4, 208000) == head + "lies between 99,200 and 208,000 H100-hours (90% interval).");
  CHECK(with(1182.4, 2069.4) == head + "lies between 1,182 and 2,069 H100-hours (90% interval).");
  CHECK(with(1.23e6, 2.5e6) == head + "lies between 1.23 and 2.5 million H100-hours (90% interval).");
  CHECK(with(850000, 1.2e6) == head + "lies between 850,000 and 1.2 million H100-hours (90% interval).");
  CHECK(with(525600, 525700) ==
        head + "is 526,000 H100-hours in every sample: the uncertain inputs do not move it.");
  CHECK(with(std::nan(""), std::nan(""), 0).empty());  // undefined in every sample (no researchers)
  mc.metrics = {labsim::Metric::kComputeLargestRunFlop};
  CHECK(with(1, 2).empty());  // the table does not track compute per researcher
}

TEST_CASE("with -n the brief adds the spread finding, the sampling stamp and a method paragraph", "[report][uncertainty]") {
  Briefed b(fleet("{availability: 100%, utilization: {uniform: [40%, 80%]}}"), 500, labsim::Sampling::kLhs);
  b.uncertainty.options.seed = 1;
  labsim::report::Document d = labsim::report::brief_document(b.in);
  REQUIRE(d.findings.size() >= 2);
  CHECK(d.findings[1] == labsim::report::spread_finding(b.trajectory, b.uncertainty.scenario));
  CHECK(d.findings[1].rfind("Across 500 sampled sets of assumptions, the lab's compute per researcher in 2026 lies between ", 0) == 0);
  std::map<std::string, std::string> stamp(d.stamp.begin(), d.stamp.end());
  CHECK(stamp["samples"] == "500");
  CHECK(stamp["seed"] == "1");
  CHECK(stamp["sampler"] == "lhs");
  CHECK(stamp["sampling"] == "Monte Carlo over 1 uncertain input; the thread count does not change the results");
  CHECK(d.summary.find("Its ranges come from 500 samples of its uncertain input.") != std::string::npos);
  // The method is in the appendix.
  CHECK(labsim::report::find_section(d, "Method") == nullptr);
  b.in.appendix = true;
  d = labsim::report::brief_document(b.in);
  const labsim::report::Section* method = labsim::report::find_section(d, "Method");
  REQUIRE(method);
  bool described = std::any_of(method->paragraphs.begin(), method->paragraphs.end(), [](const std::string& p) {
    return p.rfind("Ranges: the scenario was run once for each of 500 samples of its uncertain input drawn by "
                   "Latin hypercube sampling (seed 1)", 0) == 0;
  });
  CHECK(described);
}

TEST_CASE("a scenario without uncertain inputs under -n: the brief says so and draws no bands", "[report][uncertainty]") {
  Briefed b(fleet("{availability: 100%, utilization: 60%}"), 1000);
  CHECK(b.uncertainty.inputs == 0);
  CHECK(b.uncertainty.scenario.cells.empty());
  CHECK_FALSE(b.uncertainty.tornado);
  labsim::report::Document d = labsim::report::brief_document(b.in);
  CHECK(d.summary.find("The scenario gives every input as a single value, so the 1,000 samples asked for would all "
                       "be the same run: the brief shows no ranges.") != std::string::npos);
  std::map<std::string, std::string> stamp(d.stamp.begin(), d.stamp.end());
  CHECK(stamp["sampling"] == "deterministic run: -n 1000 asked for samples, but the scenario has no uncertain inputs");
  CHECK(stamp.count("seed") == 0);
  for (const auto& c : d.charts) {
    CHECK(c.id != "tornado");
    CHECK(c.bands.empty());
  }
  CHECK(d.findings.size() == labsim::report::key_findings(b.scenario, b.trajectory, nullptr, nullptr).size());
}

TEST_CASE("every uncertain input is in the assumptions table with its distribution and source", "[report][uncertainty]") {
  // phd-compute-grant gives a catalog price as a distribution; the built-in catalog's own rows
  // stay out of the table.
  for (const char* file : {"scenarios/compute-divide.yaml", "scenarios/uncertain-divide.yaml",
                           "scenarios/phd-compute-grant.yaml"}) {
    INFO(file);
    labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path(file));
    labsim::Trajectory t = labsim::run(s);
    labsim::BriefInput in{&s, &t, nullptr, nullptr, "", "", nullptr};
    in.appendix = true;
    labsim::report::Document d = labsim::report::brief_document(in);
    const labsim::report::Section* sec = labsim::report::find_section(d, "Assumptions and sources");
    REQUIRE(sec);
    const labsim::report::Table& table = sec->table;
    REQUIRE_FALSE(s.uncertain.empty());
    for (const labsim::UncertainInput& u : s.uncertain) {
      INFO(u.path);
      auto row = std::find_if(table.rows.begin(), table.rows.end(), [&](const auto& r) { return r[0] == u.path; });
      REQUIRE(row != table.rows.end());
      CHECK((*row)[1] == u.text);
      CHECK((*row)[2] == u.source);
    }
    auto catalog_rows = std::count_if(table.rows.begin(), table.rows.end(),
                                        [](const auto& r) { return r[0].rfind("hardware.catalog", 0) == 0; });
    auto catalog_uncertain = std::count_if(s.uncertain.begin(), s.uncertain.end(),
                                             [](const auto& u) { return u.path.rfind("hardware.catalog", 0) == 0; });
    CHECK(catalog_rows == catalog_uncertain);
  }
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/phd-compute-grant.yaml"));
  labsim::Trajectory t = labsim::run(s);
  labsim::BriefInput in{&s, &t, nullptr, nullptr, "", "", nullptr};
  in.appendix = true;
  auto rows = labsim::report::find_section(labsim::report::brief_document(in), "Assumptions and sources")->table.rows;
  auto price = std::find_if(rows.begin(), rows.end(), [](const auto& r) {
    return r[0] == "hardware.catalog.H100-SXM.cloud_usd_per_hour.2025";
  });
  REQUIRE(price != rows.end());
  CHECK((*price)[1] == "triangular: [2.00, 3.90, 4.50]");
  CHECK((*price)[2].rfind("AWS p5 $3.90 after the June 2025 cut", 0) == 0);
}

TEST_CASE("labsim brief -n writes every file, with a baseline too", "[report][uncertainty][cli]") {
  TempDir dir("brief-n");
  auto r = run_cli("brief scenarios/compute-divide.yaml -n 2000 -o " + dir.file("plain"));
  REQUIRE(r.status == 0);
  CHECK(r.out == "wrote 13 files to " + dir.file("plain") +
                     ": brief.html, brief.pdf, brief.md and 5 charts (.svg, .png)\n");
  std::set<std::string> names;
  for (const auto& [name, bytes] : files_in(dir.file("plain"))) names.insert(name);
  CHECK(names == std::set<std::string>{"brief.html", "brief.pdf", "brief.md", "compute_per_researcher.svg",
                                       "compute_per_researcher.png", "largest_run.svg", "largest_run.png",
                                       "budget_split.svg", "budget_split.png", "people.svg", "people.png",
                                       "tornado.svg", "tornado.png"});

  auto policy = run_cli("brief scenarios/nairr.yaml --baseline scenarios/compute-divide.yaml -n 2000 --appendix -o " +
                        dir.file("policy"));
  REQUIRE(policy.status == 0);
  auto files = files_in(dir.file("policy"));
  CHECK(files.size() == 15);
  CHECK(files.count("policy_effect.png") == 1);
  CHECK(files.count("tornado.svg") == 1);
  std::string md = files["brief.md"];
  CHECK(md.find("- samples: 2000\n- seed: 1\n- sampler: random\n") != std::string::npos);
  CHECK(md.find("the policy's effect is computed sample by sample") != std::string::npos);
  // Page 2: the spread of the policy's effect, in the year it changes most.
  CHECK(md.find("- Across 2,000 sampled sets of assumptions, the policy changes the institute's compute per "
                "researcher in 2030 by between +") != std::string::npos);

  // No uncertain inputs: a note, no tornado, exit 0.
  auto none = run_cli("brief scenarios/cloud-vs-owned.yaml -n 100 -o " + dir.file("none"));
  REQUIRE(none.status == 0);
  CHECK(none.out.find("note: cloud-vs-owned has no uncertain inputs, so -n adds nothing; the brief says so\n") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.file("none/tornado.svg")));
}

TEST_CASE("labsim brief -n: the PDF shows the tornado chart and the spread sentence", "[report][uncertainty][cli]") {
  TempDir dir("brief-pdf-n");
  REQUIRE(run_cli("brief scenarios/compute-divide.yaml -n 2000 --seed 3 --appendix -o " + dir.file("b")).status == 0);
  // The same analysis in the library: the sentence the PDF must hold.
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  labsim::Trajectory t = labsim::run(s);
  labsim::BriefInput in{&s, &t, nullptr, nullptr, "", "", nullptr};
  labsim::MonteCarloOptions o;
  o.samples = 2000;
  o.seed = 3;
  labsim::BriefUncertainty u = labsim::analyse_uncertainty(in, o);
  std::string spread = labsim::report::spread_finding(t, u.scenario);
  CHECK(spread.rfind("Across 2,000 sampled sets of assumptions, the institute's compute per researcher in 2034 "
                     "lies between ", 0) == 0);
  std::string text = pdf_text(dir.file("b/brief.pdf"));
  CHECK(text.find("Which assumptions matter most") != std::string::npos);
  CHECK(text.find(spread) != std::string::npos);
  CHECK(text.find("seed: 3") != std::string::npos);
}

TEST_CASE("labsim brief -n gives the same bytes for any thread count", "[report][uncertainty][cli]") {
  // The same output directory for both, since the stamp records the command (without --threads).
  TempDir dir("brief-threads");
  std::string args = "brief scenarios/nairr.yaml --baseline scenarios/compute-divide.yaml -n 3000 --seed 5 -o " +
                     dir.file("b");
  REQUIRE(run_cli(args + " --threads 1").status == 0);
  auto one = files_in(dir.file("b"));
  std::filesystem::remove_all(dir.file("b"));
  REQUIRE(run_cli(args + " --threads 2").status == 0);
  auto two = files_in(dir.file("b"));
  REQUIRE(one.size() == 15);
  REQUIRE(two.size() == one.size());
  for (const auto& [name, bytes] : one) {
    INFO(name);
    CHECK(two[name] == bytes);
  }
  CHECK(one["brief.md"].find("--threads") == std::string::npos);
}
