// Scenario composition: `extends:` merges a base file deeply (institutions by id, people by
// role, funding by name); missing bases and cycles are located at the `extends` value.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"

namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device seed;
    path_ = fs::temp_directory_path() /
            ("labsim-compose-" + std::to_string(seed()) + "-" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `text` to `name` in the directory; returns the file's path.
  std::string write(const std::string& name, const std::string& text) const {
    fs::path p = path_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

std::string report_of_file(const std::string& path) {
  try {
    labsim::load_scenario_file(path);
  } catch (const labsim::InputError& e) {
    return e.report();
  }
  return "(loaded)";
}

constexpr const char* kBase = R"(scenario: {name: base, years: 2024-2030}
economy: {pue: 1.3, inflation: 3%/yr}
institutions:
  - id: u
    kind: university
    people:
      - {role: faculty, count: 10, salary: 150k}
      - {role: phd, count: 20, salary: 40k}
    funding:
      - {name: nsf, amount: 20M, years: 2024-2028}
      - {name: uni, amount: 1M/yr, years: 2024-2030}
  - id: lab
    kind: industry
)";

constexpr const char* kPolicy = R"(extends: base.yaml
scenario: {name: policy}
economy: {pue: 1.1}
institutions:
  - id: u
    people:
      - {role: phd, count: 30}
    funding:
      - {name: nsf, amount: 40M}
      - {name: extra, amount: 5M, years: 2025-2026}
  - id: nat
    kind: national_resource
)";

void check_policy_merge(const labsim::Scenario& s) {
  CHECK(s.name == "policy");         // scalar replaced
  CHECK(s.first_year == 2024);       // sibling keys of the base kept
  CHECK(s.last_year == 2030);
  CHECK(s.economy.pue == Approx(1.1));
  CHECK(s.economy.inflation_rate == Approx(0.03));

  REQUIRE(s.institutions.size() == 3);  // merged by id: u and lab kept in place, nat appended
  CHECK(s.institutions[0].id == "u");
  CHECK(s.institutions[1].id == "lab");
  CHECK(s.institutions[2].id == "nat");
  CHECK(s.institutions[2].kind == labsim::InstitutionKind::kNationalResource);

  const labsim::Institution& u = s.institutions[0];
  CHECK(u.kind == labsim::InstitutionKind::kUniversity);  // from the base
  REQUIRE(u.people.size() == 2);                          // merged by role
  CHECK(u.people[0].role == labsim::Role::kFaculty);
  CHECK(u.people[0].count == 10);
  CHECK(u.people[1].role == labsim::Role::kPhd);
  CHECK(u.people[1].count == 30);
  CHECK(u.people[1].salary_usd == Approx(40000));

  REQUIRE(u.funding.size() == 3);  // merged by name
  CHECK(u.funding[0].name == "nsf");
  CHECK(u.funding[0].amount_usd == Approx(40e6));
  CHECK(u.funding[0].first_year == 2024);
  CHECK(u.funding[0].last_year == 2028);
  CHECK(u.funding[1].name == "uni");
  CHECK(u.funding[1].per_year);
  CHECK(u.funding[2].name == "extra");
  CHECK(u.funding[2].amount_usd == Approx(5e6));
}

}  // namespace

TEST_CASE("extends merges the base deeply", "[loader][compose]") {
  TempDir dir;
  dir.write("base.yaml", kBase);
  std::string policy = dir.write("policy.yaml", kPolicy);
  labsim::Scenario s = labsim::load_scenario_file(policy);
  check_policy_merge(s);
  // The merged tree travels with outputs: base keys first, the policy's values in place.
  CHECK(s.resolved_json.rfind(
            R"({"scenario":{"name":"policy","years":"2024-2030"},"economy":{"pue":"1.1","inflation":"3%/yr"},)"
            R"("institutions":[{"id":"u","kind":"university","people":[{"role":"faculty",)", 0) == 0);
}

TEST_CASE("extends from in-memory text resolves against base_dir", "[loader][compose]") {
  TempDir dir;
  dir.write("base.yaml", kBase);
  labsim::Scenario s = labsim::load_scenario_string(kPolicy, "policy.yaml", {}, dir.path());
  check_policy_merge(s);
  // --set applies after the merge, to the merged tree.
  labsim::Scenario set = labsim::load_scenario_string(
      kPolicy, "policy.yaml", {"institutions.u.funding.uni.amount=2M/yr"}, dir.path());
  CHECK(set.institutions[0].funding[1].amount_usd == Approx(2e6));
}

TEST_CASE("extends follows a chain of bases relative to each file", "[loader][compose]") {
  TempDir dir;
  fs::create_directories(fs::path(dir.path()) / "bases");
  dir.write("bases/root.yaml", "economy: {pue: 1.5}\ntraining: {tokens_per_parameter: 25}\n");
  dir.write("bases/base.yaml", std::string("extends: root.yaml\n") + kBase);
  std::string top = dir.write("top.yaml", "extends: bases/base.yaml\neconomy: {pue: 1.2}\n");
  labsim::Scenario s = labsim::load_scenario_file(top);
  CHECK(s.economy.pue == Approx(1.2));                     // the top file wins
  CHECK(s.training.tokens_per_parameter == Approx(25));    // from the root
  CHECK(s.economy.inflation_rate == Approx(0.03));         // from the middle
  CHECK(s.institutions.size() == 2);
}

TEST_CASE("a missing extends file is located at the extends value", "[loader][compose]") {
  TempDir dir;
  std::string path = dir.write("miss.yaml",
                               "scenario: {name: t, years: 2024-2026}\n"
                               "extends: nothere.yaml\n"
                               "institutions: [{id: u, kind: university}]\n");
  std::string target = (fs::path(dir.path()) / "nothere.yaml").string();
  CHECK(report_of_file(path) ==
        path + ":2:10: error: extends: cannot read the base scenario '" + target + "'\n"
               "    extends: nothere.yaml\n"
               "             ^\n"
               "hint: extends: paths are relative to the file that names them\n");
}

TEST_CASE("an extends cycle is reported, not followed forever", "[loader][compose]") {
  TempDir dir;
  std::string a = dir.write("a.yaml",
                            "extends: b.yaml\n"
                            "scenario: {name: a, years: 2024-2026}\n"
                            "institutions: [{id: u, kind: university}]\n");
  std::string b = dir.write("b.yaml", "economy: {pue: 1.2}\nextends: a.yaml\n");
  CHECK(report_of_file(a) ==
        b + ":2:10: error: extends: 'a.yaml' extends itself: a.yaml -> b.yaml -> a.yaml\n"
            "    extends: a.yaml\n"
            "             ^\n"
            "hint: remove one of the extends: keys in this chain\n");

  std::string self = dir.write("self.yaml", "extends: self.yaml\n");
  CHECK(report_of_file(self) ==
        self + ":1:10: error: extends: 'self.yaml' extends itself: self.yaml -> self.yaml\n"
               "    extends: self.yaml\n"
               "             ^\n"
               "hint: remove one of the extends: keys in this chain\n");
}

TEST_CASE("errors in a base file name the base file", "[loader][compose]") {
  TempDir dir;
  std::string bad = dir.write("bad.yaml", "economy: {pue: 99}\n");
  std::string top = dir.write("top.yaml",
                              "extends: bad.yaml\n"
                              "scenario: {name: t, years: 2024-2026}\n"
                              "institutions: [{id: u, kind: university, fundng: []}]\n");
  CHECK(report_of_file(top) ==
        top + ":3:42: error: institutions.u.fundng: unknown key\n"
              "    institutions: [{id: u, kind: university, fundng: []}]\n"
              "                                             ^\n"
              "hint: did you mean 'funding'?\n" +
        bad + ":1:16: error: economy.pue: expected a number from 1 to 5, found 99\n"
              "    economy: {pue: 99}\n"
              "                   ^\n"
              "2 errors\n");
}

TEST_CASE("extends must name a file", "[loader][compose]") {
  CHECK_THROWS_WITH(labsim::load_scenario_string("extends: [a.yaml, b.yaml]\n", "t.yaml"),
                    "expected a file name, found a list");
}

TEST_CASE("an extends name the system rejects is an input error, not a crash", "[loader][compose]") {
  TempDir dir;
  std::string name = std::string(5000, 'a') + ".yaml";  // longer than any file name may be
  try {
    labsim::load_scenario_string("extends: " + name + "\n", "t.yaml", {}, dir.path());
    FAIL("no InputError");
  } catch (const labsim::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    const labsim::Diagnostic& d = e.diagnostics()[0];
    CHECK(d.line == 1);
    CHECK(d.column == 10);
    CHECK(d.message == "cannot read the base scenario '" + (fs::path(dir.path()) / name).string() + "'");
  }
}
