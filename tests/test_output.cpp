// Research output stage (docs/model.md, "Research output"): the notable share, expected notable
// models and the academic share, worked out by hand; and the stage inside a run.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "model/output.hpp"

namespace {

using labsim::InstitutionKind;
using labsim::Metric;
using labsim::ResearchOutput;
namespace model = labsim::model;

Approx near(double v) { return Approx(v).epsilon(1e-12); }

}  // namespace

TEST_CASE("a run at the threshold is notable with even odds; the odds grow as the ratio to the power k",
          "[output]") {
  ResearchOutput p{.productivity = 0.1, .threshold = 0.01, .steepness = 1};
  // C = 0.01 x 1e25: σ(0) = 1/2.
  CHECK(model::notable_share(1e23, 1e25, p) == near(0.5));
  // C / (θ F) = 3: σ(ln 3) = 3 / 4.
  CHECK(model::notable_share(3e23, 1e25, p) == near(0.75));
  // k = 2: 3^2 / (1 + 3^2) = 0.9; a third of the threshold: 1 / (1 + 9) = 0.1.
  p.steepness = 2;
  CHECK(model::notable_share(3e23, 1e25, p) == near(0.9));
  CHECK(model::notable_share(1e23 / 3, 1e25, p) == near(0.1));
}

TEST_CASE("no compute is never notable; a zero frontier makes any run notable; extremes stay in [0, 1]",
          "[output]") {
  ResearchOutput p{.productivity = 0.1, .threshold = 0.01, .steepness = 1};
  CHECK(model::notable_share(0, 1e25, p) == 0);
  CHECK(model::notable_share(0, 0, p) == 0);
  CHECK(model::notable_share(1e10, 0, p) == 1);
  double tiny = model::notable_share(1e-300, 1e300, p), huge = model::notable_share(1e300, 1e-300, p);
  CHECK(tiny >= 0);
  CHECK(tiny < 1e-300);
  CHECK(huge == 1);
  p.steepness = 100;
  CHECK(model::notable_share(1e-300, 1e300, p) == 0);
  CHECK(model::notable_share(1e300, 1e-300, p) == 1);
}

TEST_CASE("expected notable models are researchers x (base + productivity x notable share)", "[output]") {
  ResearchOutput p{.base_productivity = 0, .productivity = 0.002, .threshold = 0.01, .steepness = 1};
  // 500 x (0 + 0.002 x 0.75) = 0.75.
  CHECK(model::notable_models(500, 0.75, true, p) == near(0.75));
  CHECK(model::notable_models(0, 0.75, true, p) == 0);
  // With a headcount part: 500 x (0.001 + 0.002 x 0.75) = 1.25; without any compute, nothing.
  p.base_productivity = 0.001;
  CHECK(model::notable_models(500, 0.75, true, p) == near(1.25));
  CHECK(model::notable_models(500, 0, true, p) == near(0.5));
  CHECK(model::notable_models(500, 0, false, p) == 0);
}

TEST_CASE("the academic share is the universities' models over all", "[output]") {
  std::vector<double> models{2, 6, 1};
  std::vector<labsim::Institution> institutions(3);
  institutions[0].kind = InstitutionKind::kUniversity;
  institutions[1].kind = InstitutionKind::kIndustry;
  institutions[2].kind = InstitutionKind::kNationalResource;
  CHECK(model::academic_share(models, institutions) == near(2.0 / 9));
  std::vector<double> none{0, 0, 0};
  CHECK(std::isnan(model::academic_share(none, institutions)));
}

TEST_CASE("a run records notable models per institution and the academic share on every row", "[output]") {
  // Largest runs: 50% of 10 (university) and 1,000 (industry) H100s at 989 TFLOP/s x 95% x 40%
  // for 90 days: 0.5 x 10 x 989e12 x 0.95 x 0.40 x 7,776,000 s = 1.46118816e22 FLOP, and 100x that.
  // Ratios to threshold x frontier = 1% x 1e25 = 1e23: 0.146118816 and 14.6118816 (k = 1).
  //   university: share 0.146118816 / 1.146118816 = 0.12749007..., models 0.1 x 10 x share
  //   industry:   share 14.6118816 / 15.6118816 = 0.93594624..., models 0.1 x 100 x share
  //   academic share = 0.12749007 / (0.12749007 + 9.3594624) = 0.01343851...
  const char* yaml = R"(
scenario: {name: output, years: 2024-2025}
market: {industry_comp: 200k, frontier_training_flop: 1e25}
output: {base_productivity: 0, productivity: 0.1, threshold: 1%, steepness: 1}
talent: {mobility: {faculty: 0%/yr}}
institutions:
  - id: uni
    kind: university
    fleet: [{gpu: H100-SXM, count: 10, acquired: 2024}]
    operations: {availability: 95%, mfu: 40%}
    people: [{role: faculty, count: 10, salary: 100k, attrition: 0%/yr}]
    funding: [{name: grant, amount: 10M/yr, years: 2024-2025}]
    spending: {compute_share: 0%}
  - id: lab
    kind: industry
    fleet: [{gpu: H100-SXM, count: 1000, acquired: 2024}]
    operations: {availability: 95%, mfu: 40%}
    people: [{role: research_scientist, count: 100, salary: 300k, attrition: 0%/yr}]
    funding: [{name: budget, amount: 500M/yr, years: 2024-2025}]
    spending: {compute_share: 0%}
)";
  labsim::Trajectory t = labsim::run(labsim::load_scenario_string(yaml, "output.yaml"));
  const auto& uni = t.institutions[0];
  const auto& lab = t.institutions[1];
  double su = 0.146118816 / 1.146118816, sl = 14.6118816 / 15.6118816;
  for (int yi = 0; yi < 2; ++yi) {
    CHECK(uni.at(yi, Metric::kComputeLargestRunFlop) == Approx(1.46118816e22).epsilon(1e-9));
    CHECK(uni.at(yi, Metric::kOutputNotableShare) == Approx(su).epsilon(1e-9));
    CHECK(uni.at(yi, Metric::kOutputNotableModels) == Approx(su).epsilon(1e-9));
    CHECK(lab.at(yi, Metric::kOutputNotableShare) == Approx(sl).epsilon(1e-9));
    CHECK(lab.at(yi, Metric::kOutputNotableModels) == Approx(10 * sl).epsilon(1e-9));
    CHECK(uni.at(yi, Metric::kOutputAcademicShare) == Approx(su / (su + 10 * sl)).epsilon(1e-9));
    CHECK(lab.at(yi, Metric::kOutputAcademicShare) == Approx(0.0134385).epsilon(1e-5));
  }
}
