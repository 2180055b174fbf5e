// The brief: escaping, self-contained HTML, deterministic files, the CLI command.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
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

// Checks that every non-void element is closed in order; returns the first problem or "".
// (A scan, not std::regex: the page holds long base64 attributes.)
std::string html_structure_problem(const std::string& html) {
  static const std::set<std::string> kVoid = {"meta", "br", "img", "!doctype"};
  std::vector<std::string> open;
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    size_t end = html.find('>', at);
    if (end == std::string::npos) return "unterminated tag";
    bool closing = html[at + 1] == '/';
    size_t name_start = at + (closing ? 2 : 1), name_end = name_start;
    while (name_end < end && (std::isalnum(static_cast<unsigned char>(html[name_end])) || html[name_end] == '!'))
      ++name_end;
    std::string name = html.substr(name_start, name_end - name_start);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (name.empty()) return "a '<' that starts no tag (unescaped text?)";
    if (kVoid.count(name)) continue;
    if (closing) {
      if (open.empty() || open.back() != name) return "unexpected </" + name + ">";
      open.pop_back();
    } else {
      open.push_back(name);
    }
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

labsim::Scenario hostile_title() {
  return labsim::load_scenario_string(
      "scenario: {name: x, title: \"<script>alert(1)</script> & *bold* | pipe\", years: 2024-2026}\n"
      "institutions:\n"
      "  - {id: u, name: \"Uni <b>\", kind: university, people: [{role: phd, count: 5, salary: 40k}],\n"
      "     funding: [{name: g, amount: 1M/yr, years: 2024-2026}]}\n"
      "  - {id: i, kind: industry, people: [{role: research_scientist, count: 10, salary: market}],\n"
      "     fleet: [{gpu: H100-SXM, count: 100, acquired: 2024}], funding: [{name: c, amount: 1B/yr, years: 2024-2026}]}\n",
      "x.yaml");
}

}  // namespace

TEST_CASE("base64 and FNV-1a match their published test vectors", "[report]") {
  using labsim::report::base64;
  // RFC 4648, section 10.
  CHECK(base64("") == "");
  CHECK(base64("f") == "Zg==");
  CHECK(base64("fo") == "Zm8=");
  CHECK(base64("foo") == "Zm9v");
  CHECK(base64("foob") == "Zm9vYg==");
  CHECK(base64("foobar") == "Zm9vYmFy");
  // FNV-1a 64-bit: offset basis for "", and the reference value for "a".
  CHECK(labsim::report::fnv1a_hex("") == "cbf29ce484222325");
  CHECK(labsim::report::fnv1a_hex("a") == "af63dc4c8601ec8c");
}

TEST_CASE("scenario text is escaped in HTML and Markdown", "[report]") {
  using labsim::report::html_escape;
  using labsim::report::markdown_escape;
  CHECK(html_escape("<script>alert(1)</script> & \"q\" 'a'") ==
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;");
  CHECK(markdown_escape("*bold* | [link](x) #1 (70%)") == "\\*bold\\* \\| \\[link\\](x) \\#1 (70%)");

  labsim::Scenario s = hostile_title();
  labsim::Trajectory t = labsim::run(s);
  labsim::BriefInput in{&s, &t, nullptr, nullptr, "labsim brief x.yaml", ""};
  int checked = 0;
  for (const auto& f : labsim::make_brief(in)) {
    checked += f.name == "brief.html" || f.name == "brief.md";
    if (f.name == "brief.html") {
      CHECK(f.bytes.find("<script>") == std::string::npos);
      CHECK(f.bytes.find("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold* | pipe</title>") !=
            std::string::npos);
      CHECK(f.bytes.find("Uni &lt;b&gt;") != std::string::npos);
      CHECK(html_structure_problem(f.bytes).empty());
    }
    if (f.name == "brief.md") {
      CHECK(f.bytes.rfind("# \\<script\\>alert(1)\\</script\\> & \\*bold\\* \\| pipe\n", 0) == 0);
    }
  }
  CHECK(checked == 2);  // both files were made and looked at
}

TEST_CASE("the HTML brief is well-formed and loads nothing from the network", "[report]") {
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  labsim::Trajectory t = labsim::run(s);
  labsim::BriefInput in{&s, &t, nullptr, nullptr, "", ""};
  std::string html;
  for (const auto& f : labsim::make_brief(in))
    if (f.name == "brief.html") html = f.bytes;
  REQUIRE(!html.empty());
  CHECK(html_structure_problem(html).empty());
  // No URL that a browser would fetch: sources are inline data only.
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("src=\"data:image/svg+xml;base64,") != std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);

  auto figures = [](const std::string& page) {
    size_t n = 0;
    for (size_t at = page.find("<figure>"); at != std::string::npos; at = page.find("<figure>", at + 1)) ++n;
    return n;
  };
  auto html_of = [](const labsim::BriefInput& input) {
    for (const auto& f : labsim::make_brief(input))
      if (f.name == "brief.html") return f.bytes;
    return std::string();
  };
  // Two pages: one figure, the headline chart; the appendix holds the other three.
  CHECK(figures(html) == 1);
  in.appendix = true;
  const std::string appendix = html_of(in);
  CHECK(html_structure_problem(appendix).empty());
  CHECK(figures(appendix) == 4);
  // With the uncertainty sections (-n): still well-formed, one more figure (the tornado chart),
  // in the appendix.
  labsim::MonteCarloOptions o;
  o.samples = 200;
  labsim::BriefUncertainty u = labsim::analyse_uncertainty(in, o);
  in.uncertainty = &u;
  const std::string sampled = html_of(in);
  CHECK(html_structure_problem(sampled).empty());
  CHECK(figures(sampled) == figures(appendix) + 1);
  CHECK(sampled.find("Which assumptions matter most") != std::string::npos);
  in.appendix = false;
  CHECK(figures(html_of(in)) == 1);
}

TEST_CASE("a brief's files are the same bytes on every run", "[report]") {
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  labsim::Trajectory t = labsim::run(s);
  labsim::BriefInput in{&s, &t, nullptr, nullptr, "labsim brief", ""};
  auto a = labsim::make_brief(in);
  auto b = labsim::make_brief(in);
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    INFO(a[i].name);
    CHECK(a[i].name == b[i].name);
    CHECK(a[i].bytes == b[i].bytes);
  }
}

TEST_CASE("labsim brief writes every file, with and without a baseline", "[report][cli]") {
  TempDir dir("brief");
  auto r = run_cli("brief scenarios/compute-divide.yaml -o " + dir.file("plain"));
  REQUIRE(r.status == 0);
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.file("plain"))) names.insert(e.path().filename());
  for (const char* f : {"brief.html", "brief.pdf", "brief.md", "compute_per_researcher.svg",
                        "compute_per_researcher.png", "largest_run.svg", "largest_run.png", "budget_split.svg",
                        "budget_split.png", "people.svg", "people.png"})
    CHECK(names.count(f) == 1);
  CHECK(names.size() == 11);
  CHECK(slurp(dir.file("plain/brief.pdf")).rfind("%PDF-", 0) == 0);

  auto policy = run_cli("brief scenarios/salary-topup.yaml --baseline scenarios/compute-divide.yaml -o " +
                        dir.file("policy") + " --date 2026-11-29 --appendix");
  REQUIRE(policy.status == 0);
  CHECK(std::filesystem::exists(dir.file("policy/policy_effect.svg")));
  std::string md = slurp(dir.file("policy/brief.md"));
  CHECK(md.find("baseline: compute-divide") != std::string::npos);
  CHECK(md.find("date: 2026-11-29") != std::string::npos);
  // The salary top-up is set against what its money would do as plain funding: $420,000 a year
  // growing 2.5% a year over 11 years, 420,000 x (1.025^11 - 1) / 0.025 = $5,243,056.
  CHECK(md.find("At equal cost: the policy costs $5.24 million in 2024-2034. Given to the institute") != std::string::npos);

  // Bad input: exit 1 and nothing written.
  auto bad = run_cli("brief scenarios/compute-divide.yaml --date yesterday -o " + dir.file("never"));
  CHECK(bad.status == 1);
  CHECK_FALSE(std::filesystem::exists(dir.file("never")));
}

namespace {

// What a command prints on standard output.
std::string output_of(const std::string& command) {
  FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
  REQUIRE(pipe);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) text.append(buf, n);
  ::pclose(pipe);
  return text;
}

int pdf_pages(const std::string& path) {
  std::string info = output_of("pdfinfo '" + path + "'");
  size_t at = info.find("Pages:");
  REQUIRE(at != std::string::npos);
  return std::stoi(info.substr(at + 6));
}

}  // namespace

TEST_CASE("the PDF brief's text holds the title and the findings", "[report][cli]") {
  TempDir dir("pdf");
  REQUIRE(run_cli("brief -o " + dir.file("b")).status == 0);
  std::string text = output_of("pdftotext -layout '" + dir.file("b/brief.pdf") + "' -");
  CHECK(text.find("A university AI institute vs a large industry lab") != std::string::npos);
  CHECK(text.find("Key findings") != std::string::npos);
  CHECK(text.find("Limits") != std::string::npos);
  CHECK(text.find("Reproducibility") == std::string::npos);  // in the appendix
  REQUIRE(run_cli("brief --appendix -o " + dir.file("a")).status == 0);
  CHECK(output_of("pdftotext -layout '" + dir.file("a/brief.pdf") + "' -").find("Reproducibility") != std::string::npos);
}

TEST_CASE("a policy brief is two PDF pages; the appendix follows them", "[report][cli]") {
  TempDir dir("pages");
  const std::string nairr = "brief scenarios/nairr.yaml --baseline scenarios/compute-divide.yaml -n 2000 -o ";
  REQUIRE(run_cli(nairr + dir.file("two")).status == 0);
  CHECK(pdf_pages(dir.file("two/brief.pdf")) == 2);
  REQUIRE(run_cli(nairr + dir.file("all") + " --appendix").status == 0);
  CHECK(pdf_pages(dir.file("all/brief.pdf")) > 2);
  // Page 2 starts with the policy's effect; the appendix with the other charts.
  std::string text = output_of("pdftotext -f 2 -l 2 '" + dir.file("all/brief.pdf") + "' -");
  CHECK(text.rfind("What the policy changes", 0) == 0);
  CHECK(output_of("pdftotext -f 3 -l 3 '" + dir.file("all/brief.pdf") + "' -").rfind("Appendix: the other charts", 0) == 0);
  // The deterministic briefs of the other shipped policies fit two pages too.
  for (const char* policy : {"scenarios/salary-topup.yaml --baseline scenarios/compute-divide.yaml",
                             "scenarios/state-university-policy.yaml --baseline scenarios/state-university.yaml",
                             "scenarios/compute-divide.yaml"}) {
    INFO(policy);
    REQUIRE(run_cli(std::string("brief ") + policy + " -o " + dir.file("p") + " --force").status == 0);
    CHECK(pdf_pages(dir.file("p/brief.pdf")) == 2);
  }
}

TEST_CASE("the appendix's assumptions table names the inputs without a source once", "[report]") {
  // Two inputs carry a source, one does not; the catalog part named in the fleet is listed too.
  labsim::Scenario s = labsim::load_scenario_string(
      "scenario: {name: a, years: 2024-2025}\n"
      "institutions:\n"
      "  - id: u\n"
      "    kind: university\n"
      "    fleet: [{gpu: A100-80GB, count: {value: 8, source: \"lab inventory\"}, acquired: 2023}]\n"
      "    procurement: {gpu: A100-80GB}\n"
      "    funding: [{name: g, amount: {value: 1M, source: \"award letter\"}, years: 2024-2025}]\n"
      "    spending: {compute_share: 50%}\n",
      "a.yaml");
  labsim::Trajectory t = labsim::run(s);
  labsim::BriefInput in{&s, &t, nullptr, nullptr, "", ""};
  // Without --appendix there is no table.
  CHECK(labsim::report::find_section(labsim::report::brief_document(in), "Assumptions and sources") == nullptr);
  in.appendix = true;
  labsim::report::Document d = labsim::report::brief_document(in);
  const labsim::report::Section* sec = labsim::report::find_section(d, "Assumptions and sources");
  REQUIRE(sec);
  std::vector<std::string> unsourced, parts;
  for (const auto& row : sec->table.rows) {
    if (row[2].empty()) unsourced.push_back(row[0]);
    if (row[0].rfind("hardware part ", 0) == 0) parts.push_back(row[0]);
    CHECK(row[2] != "NO SOURCE GIVEN");  // not flagged row by row
  }
  // Without a source: the cohort's acquired year and the compute share. The years, the parts and
  // the periods are the author's choices, listed as such.
  CHECK(unsourced == std::vector<std::string>{"institutions.u.fleet[0].acquired", "institutions.u.spending.compute_share"});
  CHECK(sec->note.rfind("2 inputs the scenario sets have no source (an empty source cell): "
                        "institutions.u.fleet[0].acquired and institutions.u.spending.compute_share.", 0) == 0);
  size_t choices = 0;
  for (const auto& row : sec->table.rows) choices += row[2] == "scenario choice";
  CHECK(choices == 4);  // scenario.years, fleet[0].gpu, procurement.gpu, funding.g.years
  // The part bought and in the fleet, and the reference part (the unit of H100-equivalents).
  CHECK(parts == std::vector<std::string>{"hardware part A100-80GB", "hardware part H100-SXM"});
  // The total is read as written: 1M over 2024-2025 is $500,000 a year.
  auto amount = std::find_if(sec->table.rows.begin(), sec->table.rows.end(),
                             [](const auto& row) { return row[0] == "institutions.u.funding.g.amount"; });
  REQUIRE(amount != sec->table.rows.end());
  CHECK((*amount)[1] == "1M (over 2024-2025 = $500,000 a year)");
}

TEST_CASE("a policy finding compares per institution and over the years both runs share", "[report]") {
  // nsf-2023-institutes is seven copies of compute-divide's institute: per institution nothing
  // changes, although its totals are seven times larger.
  auto load = [](const char* f) { return labsim::load_scenario_file(labsim::test::source_path(f)); };
  labsim::Scenario base = load("scenarios/compute-divide.yaml"), nsf = load("scenarios/nsf-2023-institutes.yaml");
  labsim::Trajectory bt = labsim::run(base), nt = labsim::run(nsf);
  auto findings = labsim::report::key_findings(nsf, nt, &base, &bt);
  REQUIRE(findings.size() == 5);
  CHECK(findings[0].rfind("With the policy, the seven institutes' compute per researcher does not change (", 0) == 0);
  CHECK(findings[0].find("their departures to industry over 2024-2034 per institution stay at") != std::string::npos);
  // A baseline over other years is not compared: no policy sentence on page 1, a note on page 2.
  labsim::Scenario later = labsim::load_scenario_file(labsim::test::source_path("scenarios/salary-topup.yaml"),
                                                      {"scenario.years=2035-2040"});
  labsim::Trajectory lt = labsim::run(later);
  CHECK(labsim::report::key_findings(later, lt, &base, &bt)[0].rfind("With the policy", 0) != 0);
  labsim::report::PolicyEffectInput in;
  in.baseline = &bt;
  CHECK(labsim::report::policy_effect(later, lt, in) ==
        std::vector<std::string>{"The policy covers other years than the baseline (2024-2034), so the two are not "
                                 "compared."});
}

TEST_CASE("the budget chart's bars are the year's whole spending, reserves shown apart", "[report]") {
  // Invariant: People + Compute + F&A + reserves = personnel + capex + opex + cloud + indirect, and
  // the reserves series is what reserves paid (each of the 7 institutes has 300k of reserves
  // here, which pay part of their commitments after the NSF award ends in 2028).
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/nsf-2023-institutes.yaml"),
                                                  {"institutions.institute.reserves=300k"});
  labsim::Trajectory t = labsim::run(s);
  labsim::BriefInput in{&s, &t, nullptr, nullptr, "", ""};
  auto charts = labsim::report::brief_charts(in);
  auto chart = std::find_if(charts.begin(), charts.end(), [](const auto& c) { return c.id == "budget_split"; });
  REQUIRE(chart != charts.end());
  REQUIRE(chart->series.size() == 4);
  const labsim::InstitutionSeries& u = t.institutions[0];
  bool some_drawn = false;
  for (int yi = 0; yi < t.year_count(); ++yi) {
    auto i = static_cast<size_t>(yi);
    using M = labsim::Metric;
    double spent = u.at(yi, M::kBudgetPersonnelSpend) + u.at(yi, M::kBudgetComputeCapex) +
                   u.at(yi, M::kBudgetComputeOpex) + u.at(yi, M::kBudgetCloudSpend) + u.at(yi, M::kBudgetIndirect);
    double bars = 0;
    for (const auto& series : chart->series) bars += series.y[i];
    CHECK(bars == Approx(spent).epsilon(1e-12));
    CHECK(chart->series[3].y[i] == u.at(yi, M::kBudgetReservesDrawn));
    some_drawn = some_drawn || u.at(yi, M::kBudgetReservesDrawn) > 0;
  }
  CHECK(some_drawn);
}

TEST_CASE("the largest-run chart draws the frontier and says when it is an assumption", "[report][frontier]") {
  // compute-divide models its frontier developer: the line is the lab's own run. cloud-vs-owned
  // models none: its frontier is the scenario's floor, and the legend says it is assumed.
  for (const char* name : {"compute-divide.yaml", "cloud-vs-owned.yaml"}) {
    INFO(name);
    labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path(std::string("scenarios/") + name));
    labsim::Trajectory t = labsim::run(s);
    labsim::BriefInput in{&s, &t, nullptr, nullptr, "", ""};
    auto charts = labsim::report::brief_charts(in);
    auto chart = std::find_if(charts.begin(), charts.end(), [](const auto& c) { return c.id == "largest_run"; });
    REQUIRE(chart != charts.end());
    const auto& frontier = chart->series.back();
    bool assumed = s.market.frontier_training_flop.has_value();
    CHECK((frontier.name.find("assumed") != std::string::npos) == assumed);
    for (int yi = 0; yi < t.year_count(); ++yi) {
      double modelled = 0;
      for (const auto& x : t.institutions) modelled = std::max(modelled, x.at(yi, labsim::Metric::kComputeLargestRunFlop));
      double expected = assumed ? std::max(modelled, s.market.frontier_training_flop->at(t.first_year + yi)) : modelled;
      CHECK(frontier.y[static_cast<size_t>(yi)] == expected);
    }
  }
}
