// The explorer's API (labsim/serve.hpp, issue 18): /api/run gives the command line's bytes for the
// same sets, bad input is a 400 that says where, and /api/inputs lists what can vary with its
// bounds and nominal values (checked against the scenario file by hand).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "labsim/loader.hpp"
#include "labsim/serve.hpp"

using labsim::test::run_cli;
using labsim::test::source_path;
using labsim::test::TempDir;

TEST_CASE("/api/run answers exactly what labsim run prints for the same sets", "[serve]") {
  const std::string file = source_path("scenarios/compute-divide.yaml");
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> mfu(0.2, 0.5), award(5, 60);
  for (int k = 0; k < 4; ++k) {
    const std::vector<std::string> sets = {
        "institutions.institute.operations.mfu=" + std::to_string(mfu(rng)),
        "institutions.institute.funding.nsf-institute.amount=" + std::to_string(award(rng)) + "M"};
    std::string args = "run scenarios/compute-divide.yaml";
    for (const std::string& s : sets) args += " --set " + s;
    for (const char* format : {"csv", "json"}) {
      INFO(args << " " << format);
      const labsim::ApiResponse r = labsim::api_run(file, sets, format);
      CHECK(r.status == 200);
      CHECK(r.content_type == (std::string(format) == "csv" ? "text/csv" : "application/json"));
      CHECK(r.body == run_cli(args + " --format " + format).out);
    }
  }
}

TEST_CASE("/api/run turns bad input into a 400 that says where", "[serve]") {
  const std::string file = source_path("scenarios/compute-divide.yaml");
  labsim::ApiResponse r = labsim::api_run(file, {"institutions.institute.operations.mfu=150%"}, "csv");
  CHECK(r.status == 400);
  CHECK(r.content_type == "application/json");
  CHECK(r.body.find("\"file\": \"--set #1\", \"line\": 1, \"column\": 39") != std::string::npos);
  CHECK(r.body.find("institutions.institute.operations.mfu") != std::string::npos);
  CHECK(r.body.find("it cannot exceed 100%") != std::string::npos);
  CHECK(labsim::api_run(file, {}, "xml").status == 400);
  CHECK(labsim::api_run(source_path("scenarios/no-such.yaml"), {}, "csv").status == 400);
}

TEST_CASE("/api/inputs lists every input that can vary, with bounds and nominal values", "[serve]") {
  const std::string file = source_path("scenarios/compute-divide.yaml");
  const labsim::ApiResponse r = labsim::api_inputs(file);
  REQUIRE(r.status == 200);
  CHECK(r.body.rfind("{\"scenario\": \"" + file + "\", \"inputs\": [", 0) == 0);
  // A growth is written back as a factor a year ("1.05x/yr"): a bare 1.05 is ambiguous and refused.
  // compute-divide.yaml: industry pay grows triangular: [2%/yr, 4%/yr, 9.4%/yr], nominal x1.04.
  CHECK(r.body.find("{\"path\": \"market.industry_comp.growth\", ") != std::string::npos);
  CHECK(r.body.find("\"value\": 1.04, \"lower\": 0, \"upper\": 100, \"suffix\": \"x/yr\", \"distribution\": "
                    "\"triangular: [2%/yr, 4%/yr, 9.4%/yr]\"") != std::string::npos);
  // compute-divide.yaml: the institute's MFU is pert: [20%, 37.5%, 52%]: nominal 0.375, a share in [0, 1].
  CHECK(r.body.find("{\"path\": \"institutions.institute.operations.mfu\", \"label\": \"model FLOPs utilization at the "
                    "institute\", \"quantity\": \"a share\", \"value\": 0.375, \"lower\": 0, \"upper\": 1, "
                    "\"suffix\": \"\", \"distribution\": \"pert: [20%, 37.5%, 52%]\", \"institution\": \"institute\"}") != std::string::npos);
  // economy.pue is 1.25 as written, with no institution and no distribution.
  CHECK(r.body.find("{\"path\": \"economy.pue\", \"label\": \"power usage effectiveness: facility power over IT "
                    "power\", \"quantity\": \"a number\", \"value\": 1.25, \"lower\": 1, \"upper\": 5, "
                    "\"suffix\": \"\", \"distribution\": null, \"institution\": null}") != std::string::npos);
}

namespace {

labsim::ApiQuery query(std::vector<std::string> sets, std::string format = "csv") {
  labsim::ApiQuery q;
  q.sets = std::move(sets);
  q.format = std::move(format);
  return q;
}

}  // namespace

TEST_CASE("/api/compare is labsim compare of the baseline and the scenario with the sets", "[serve]") {
  const std::string divide = source_path("scenarios/compute-divide.yaml");
  const std::string nairr = source_path("scenarios/nairr.yaml");
  // serve nairr --baseline compute-divide, no sets: the command line's comparison of the two files.
  for (const char* format : {"csv", "json"}) {
    const labsim::ApiResponse r = labsim::api_compare(divide, nairr, query({}, format));
    CHECK(r.status == 200);
    CHECK(r.body == run_cli(std::string("compare scenarios/compute-divide.yaml scenarios/nairr.yaml --format ") + format).out);
  }
  // No --baseline: the scenario as opened is the baseline; with no sets nothing differs.
  const labsim::ApiResponse same = labsim::api_compare("", divide, query({}));
  REQUIRE(same.status == 200);
  int rows = 0;
  for (size_t at = same.body.find('\n') + 1; at < same.body.size(); at = same.body.find('\n', at) + 1) {
    const auto fields = labsim::test::csv_fields(same.body.substr(at, same.body.find('\n', at) - at));
    REQUIRE(fields.size() == 9);
    CHECK(fields[5] == fields[6]);  // baseline == policy
    CHECK(fields[7] == "0");        // difference
    ++rows;
  }
  CHECK(rows == 2 * 11 * 4);  // 2 institutions x 11 years x the 4 default metrics
  // With sets: compare of the overlay file that holds them (what "Download YAML" writes).
  TempDir dir("api-compare");
  const std::vector<std::string> sets = {"institutions.institute.funding.nsf-institute.amount=40M"};
  labsim::test::write_file(dir.file("policy.yaml"), labsim::scenario_overlay(divide, sets));
  labsim::ApiQuery q = query(sets);
  q.metrics = {"compute.h100_hours", "talent.headcount"};
  const labsim::ApiResponse r = labsim::api_compare("", divide, q);
  CHECK(r.status == 200);
  CHECK(r.body == run_cli("compare scenarios/compute-divide.yaml " + dir.file("policy.yaml") +
                          " --metrics compute.h100_hours --metrics talent.headcount").out);
  q.metrics = {"compute.h100_hourz"};
  const labsim::ApiResponse bad = labsim::api_compare("", divide, q);
  CHECK(bad.status == 400);
  CHECK(bad.body.find("unknown metric \\\"compute.h100_hourz\\\"") != std::string::npos);
}

TEST_CASE("/api/mc is labsim mc with the same sets, samples and seed", "[serve]") {
  const std::string file = source_path("scenarios/compute-divide.yaml");
  labsim::ApiQuery q = query({"institutions.institute.operations.mfu=pert: [30%, 40%, 50%]"}, "csv");
  q.samples = "300";
  q.seed = "11";
  q.metrics = {"compute.h100_hours_per_researcher", "compute.largest_run_flop"};
  const labsim::ApiResponse r = labsim::api_mc(file, q);
  REQUIRE(r.status == 200);
  CHECK(r.body == run_cli("mc scenarios/compute-divide.yaml -n 300 --seed 11 --metrics compute.h100_hours_per_researcher "
                          "--metrics compute.largest_run_flop --format csv --set 'institutions.institute.operations.mfu=pert: "
                          "[30%, 40%, 50%]'").out);
  // n= and seed= are checked: a whole number in range, or a 400 naming the parameter.
  for (const char* n : {"0", "100001", "2e3", "-5", "abc", "99999999999999999999"}) {
    INFO(n);
    q.samples = n;
    const labsim::ApiResponse bad = labsim::api_mc(file, q);
    CHECK(bad.status == 400);
    CHECK(bad.body.find("\"path\": \"n\"") != std::string::npos);
  }
  q.samples = "";
  q.seed = "x";
  CHECK(labsim::api_mc(file, q).status == 400);
}

TEST_CASE("/api/brief is the PDF labsim brief writes for the same sets", "[serve]") {
  const std::string divide = source_path("scenarios/compute-divide.yaml");
  const std::vector<std::string> sets = {"institutions.institute.funding.nsf-institute.amount=30M"};
  const labsim::ApiResponse r = labsim::api_brief(source_path("scenarios/nairr.yaml"), divide, query(sets));
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "application/pdf");
  // The command its stamp names, run where "brief" is a new directory, writes the same bytes.
  TempDir dir("api-brief");
  const std::string command = "cd '" + dir.path().string() + "' && '" + LABSIM_BINARY + "' brief " +
                              source_path("scenarios/nairr.yaml") + " --baseline " + divide + " --set " + sets[0] +
                              " -o brief > /dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  CHECK(r.body == labsim::test::slurp(dir.file("brief/brief.pdf")));
  CHECK(labsim::api_brief(divide, "", query({"economy.pue=0.5"})).status == 400);
}

TEST_CASE("/api/overlay writes a file that extends the scenario and runs to the same bytes", "[serve]") {
  const std::string file = source_path("scenarios/compute-divide.yaml");
  // By hand: a list merged by identity (institutions by id, people by role, funding by name), a
  // list merged whole (fleet: every cohort, as the base had it but for the change), a series
  // merged whole (industry pay: its points and the new growth), a plain value.
  const std::vector<std::string> sets = {"institutions.institute.fleet[0].count=100",
                                         "institutions.institute.people.phd.count=30",
                                         "market.industry_comp.growth=5%/yr", "economy.pue=1.3"};
  const labsim::ApiResponse r = labsim::api_overlay(file, query(sets));
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "application/yaml");
  CHECK(r.body.find("extends: \"" + file + "\"\n") != std::string::npos);
  CHECK(r.body.find("institutions:\n  - id: institute\n    fleet:\n      - gpu: A100-80GB\n        count: 100\n") !=
        std::string::npos);
  CHECK(r.body.find("    people:\n      - role: phd\n        count: 30\n") != std::string::npos);
  CHECK(r.body.find("market:\n  industry_comp:\n    2020:\n      value: 256k\n") != std::string::npos);
  CHECK(r.body.find("    growth: 5%/yr\n") != std::string::npos);
  CHECK(r.body.find("economy:\n  pue: 1.3\n") != std::string::npos);
  CHECK(r.body.find("nsf-institute") == std::string::npos);  // what no set touches stays in the base
  // Round trips: labsim run of the overlay gives the bytes of labsim run with the sets, for sets on
  // every kind of path, one at a time and together.
  TempDir dir("api-overlay");
  const std::vector<std::string> each = {
      "institutions.institute.fleet.0.lifetime=3", "institutions.industry-lab.funding.capex.growth=1.1x/yr",
      "institutions.institute.people.faculty.salary=200k", "talent.choice.compute=0.05", "scenario.title=\"A title: with \\\"quotes\\\"\"",
      "institutions.industry-lab.largest_run.power_cap_gw.2030=3", "institutions.institute.spending.compute_share=45%"};
  std::vector<std::vector<std::string>> cases;
  for (const std::string& s : each) cases.push_back({s});
  cases.push_back(each);
  cases.push_back(sets);
  for (const auto& c : cases) {
    std::string args;
    for (const std::string& s : c) args += " --set '" + s + "'";
    INFO(args);
    const labsim::ApiResponse o = labsim::api_overlay(file, query(c));
    REQUIRE(o.status == 200);
    labsim::test::write_file(dir.file("overlay.yaml"), o.body);
    const auto from_overlay = run_cli("run " + dir.file("overlay.yaml") + " --format csv");
    CHECK(from_overlay.status == 0);
    CHECK(from_overlay.out == run_cli("run scenarios/compute-divide.yaml --format csv" + args).out);
  }
  CHECK(labsim::api_overlay(file, query({"economy.pue=high"})).status == 400);
}
