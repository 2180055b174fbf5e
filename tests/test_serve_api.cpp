// The explorer's API (labsim/serve.hpp, issue 18): /api/run gives the command line's bytes for the
// same sets, bad input is a 400 that says where, and /api/inputs lists what can vary with its
// bounds and nominal values (checked against the scenario file by hand).
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "labsim/serve.hpp"

using labsim::test::run_cli;
using labsim::test::source_path;

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
  const labsim::ApiResponse r = labsim::api_inputs(source_path("scenarios/compute-divide.yaml"));
  REQUIRE(r.status == 200);
  // compute-divide.yaml: the institute's MFU is pert: [20%, 37.5%, 52%]: nominal 0.375, a share in [0, 1].
  CHECK(r.body.find("{\"path\": \"institutions.institute.operations.mfu\", \"label\": \"model FLOPs utilization at the "
                    "institute\", \"quantity\": \"a share\", \"value\": 0.375, \"lower\": 0, \"upper\": 1, "
                    "\"distribution\": \"pert: [20%, 37.5%, 52%]\", \"institution\": \"institute\"}") != std::string::npos);
  // economy.pue is 1.25 as written, with no institution and no distribution.
  CHECK(r.body.find("{\"path\": \"economy.pue\", \"label\": \"power usage effectiveness: facility power over IT "
                    "power\", \"quantity\": \"a number\", \"value\": 1.25, \"lower\": 1, \"upper\": 5, "
                    "\"distribution\": null, \"institution\": null}") != std::string::npos);
}
