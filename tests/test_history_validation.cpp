// The historical validation of talent and output v2 (docs/validation.md): the data files against
// their own derivations, the fit/out-of-sample split, and the backtest claims validation.md makes,
// recomputed from `labsim backtest` and checked against values worked out from the data files.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"

namespace {

using labsim::test::csv_fields;
using labsim::test::run_cli;
using labsim::test::slurp;
using labsim::test::source_path;

// The data rows of a CSV with `#` comments and a header, as maps from column name to field.
std::vector<std::map<std::string, std::string>> rows_of(const std::string& rel) {
  std::istringstream in(slurp(source_path(rel)));
  std::vector<std::map<std::string, std::string>> rows;
  std::vector<std::string> header;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = csv_fields(line);
    if (header.empty()) {
      header = f;
      continue;
    }
    REQUIRE(f.size() == header.size());
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < f.size(); ++i) row[header[i]] = f[i];
    rows.push_back(row);
  }
  return rows;
}

// validation/notable_models_by_sector.csv's rule, written again from its description: academia =
// at least one Academia and only Academia, Government or Research collective; industry = only
// Industry; collaboration = Industry and Academia; other = the rest.
std::string sector(const std::string& categorization) {
  std::vector<std::string> cats;
  std::istringstream in(categorization);
  std::string c;
  while (std::getline(in, c, ',')) cats.push_back(c);
  auto has = [&](const char* k) { return std::find(cats.begin(), cats.end(), k) != cats.end(); };
  if (cats.empty()) return "other";
  if (has("Industry") && has("Academia")) return "collaboration";
  if (std::all_of(cats.begin(), cats.end(), [](const std::string& k) { return k == "Industry"; })) return "industry";
  bool academic = std::all_of(cats.begin(), cats.end(), [](const std::string& k) {
    return k == "Academia" || k == "Government" || k == "Research collective";
  });
  return has("Academia") && academic ? "academia" : "other";
}

struct Row {
  std::string set, institution, years, metric;
  double observed = 0, model = 0, lower = 0, upper = 0, persistence = NAN;
  bool covered = false, pass = false;
};

const char* kBacktest =
    "backtest scenarios/history.yaml --targets validation/history-targets.csv --out-of-sample "
    "validation/history-outofsample.csv --intervals 90 --fit "
    "talent.choice.intercept,talent.choice.demand,talent.choice.academic_demand,talent.choice.compute,"
    "talent.mobility.faculty,"
    "output.base_productivity,output.productivity,output.steepness";

std::vector<Row> backtest_rows() {
  auto out = run_cli(std::string(kBacktest) + " --format csv");
  REQUIRE((out.status == 0 || out.status == 5));
  std::istringstream in(out.out);
  std::string line;
  std::getline(in, line);  // set,institution,year,metric,observed,model,error,relative_error,lower,upper,covered,persistence,...
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    auto f = csv_fields(line);
    REQUIRE(f.size() >= 14);
    Row r{f[0], f[1], f[2], f[3], std::stod(f[4]), std::stod(f[5]), std::stod(f[8]), std::stod(f[9])};
    r.covered = f[10] == "true";
    if (!f[11].empty()) r.persistence = std::stod(f[11]);
    r.pass = f[13] == "true";
    rows.push_back(r);
  }
  return rows;
}

const Row& find(const std::vector<Row>& rows, const std::string& institution, const std::string& years,
                const std::string& metric) {
  auto it = std::find_if(rows.begin(), rows.end(), [&](const Row& r) {
    return r.institution == institution && r.years == years && r.metric == metric;
  });
  REQUIRE(it != rows.end());
  return *it;
}

}  // namespace

TEST_CASE("the out-of-sample notable-model counts are the 2020-2024 rows classified by the fit data's rule",
          "[validation][history]") {
  std::map<std::pair<std::string, int>, int> count;
  for (const auto& r : rows_of("validation/notable_models_2020_2024.csv")) {
    int year = std::stoi(r.at("publication_date").substr(0, 4));
    REQUIRE(year >= 2020);
    REQUIRE(year <= 2024);
    std::string s = sector(r.at("organization_categorization"));
    CHECK(s == r.at("sector"));
    ++count[{s, year}];
  }
  int targets = 0;
  for (const auto& t : rows_of("validation/history-outofsample.csv")) {
    if (t.at("metric") != "output.notable_models") continue;
    INFO(t.at("institution") << " " << t.at("year"));
    CHECK(std::stoi(t.at("value")) == count[{t.at("institution"), std::stoi(t.at("year"))}]);
    CHECK(t.at("likelihood") == "poisson");
    ++targets;
  }
  CHECK(targets == 10);
}

TEST_CASE("fitting uses years up to 2019 only; out-of-sample targets are 2020 onward", "[validation][history]") {
  for (const auto& t : rows_of("validation/history-targets.csv")) {
    std::string years = t.at("year");
    INFO(years);
    CHECK(std::stoi(years.substr(years.find('-') == std::string::npos ? 0 : years.find('-') + 1)) <= 2019);
  }
  for (const auto& t : rows_of("validation/history-outofsample.csv")) CHECK(std::stoi(t.at("year")) >= 2020);
}

TEST_CASE("placement targets are the Taulbee counts' shares, weighted by their binomial variance",
          "[validation][history]") {
  std::map<int, std::pair<double, double>> file;  // year -> share, weight
  for (const auto& r : rows_of("validation/ai_phd_placement.csv")) {
    int year = std::stoi(r.at("year"));
    double n = std::stod(r.at("with_employment_data")), p = std::stod(r.at("to_industry")) / n;
    INFO(year);
    CHECK(std::stod(r.at("industry_share")) == Approx(p).margin(5e-5));
    CHECK(std::stod(r.at("weight")) == Approx(n / (p * (1 - p))).margin(0.5));
    file[year] = {std::stod(r.at("industry_share")), std::stod(r.at("weight"))};
  }
  // 2004: 29 of 138 (Ahmed, Wahed & Thompson's 21 %); 2010: 76 of 171 (the AI Index 2021's 44.4 %).
  CHECK(file.at(2004).first == Approx(29.0 / 138).margin(5e-5));
  CHECK(file.at(2010).first == Approx(76.0 / 171).margin(5e-5));
  int targets = 0;
  for (const char* f : {"validation/history-targets.csv", "validation/history-outofsample.csv"})
    for (const auto& t : rows_of(f)) {
      if (t.at("metric") != "talent.graduates_to_industry_share" || !file.count(std::stoi(t.at("year")))) continue;
      INFO(t.at("year"));
      CHECK(std::stod(t.at("value")) == file.at(std::stoi(t.at("year"))).first);
      CHECK(std::stod(t.at("weight")) == file.at(std::stoi(t.at("year"))).second);
      ++targets;
    }
  CHECK(targets == 17);  // 2004-2019 fitted, 2020 out of sample
}

TEST_CASE("history's industry demand is Alphabet's plus Meta's R&D, year by year", "[validation][history]") {
  labsim::Scenario s = labsim::load_scenario_file(source_path("scenarios/history.yaml"));
  REQUIRE(s.market.industry_demand_usd);
  int years = 0;
  for (const auto& r : rows_of("validation/industry_demand.csv")) {
    int year = std::stoi(r.at("year"));
    double total = std::stod(r.at("alphabet_rd_usd_millions")) + std::stod(r.at("meta_rd_usd_millions"));
    INFO(year);
    CHECK(std::stod(r.at("total_usd_millions")) == Approx(total));
    CHECK(s.market.industry_demand_usd->at(year) == Approx(total * 1e6));
    ++years;
  }
  CHECK(years == 21);
  // The reference level of the demand term is the 2019 total: 26,018 + 13,600 million.
  CHECK(labsim::kDemandReferenceUsd == Approx(s.market.industry_demand_usd->at(2019)));
}

TEST_CASE("history's academic demand is the federally funded university R&D of NSF's HERD Survey",
          "[validation][history]") {
  labsim::Scenario s = labsim::load_scenario_file(source_path("scenarios/history.yaml"));
  REQUIRE(s.market.academic_demand_usd);
  int years = 0;
  for (const auto& r : rows_of("validation/academic_demand.csv")) {
    if (r.at("federal_usd_millions").empty()) continue;
    int year = std::stoi(r.at("year"));
    INFO(year);
    CHECK(s.market.academic_demand_usd->at(year) == Approx(std::stod(r.at("federal_usd_millions")) * 1e6));
    ++years;
  }
  CHECK(years == 20);  // FY2004-2023
  // FY2024 from the AAU's rounded summary ($65 billion); the reference is FY2019's $44,539 million.
  CHECK(s.market.academic_demand_usd->at(2024) == Approx(65e9));
  CHECK(labsim::kAcademicDemandReferenceUsd == Approx(s.market.academic_demand_usd->at(2019)));
  // The ARRA stimulus shows: FY2011 above both FY2009 and FY2015.
  CHECK(s.market.academic_demand_usd->at(2011) > s.market.academic_demand_usd->at(2009));
  CHECK(s.market.academic_demand_usd->at(2011) > s.market.academic_demand_usd->at(2015));
}

TEST_CASE("output.threshold's default is the record's median notable model over the record, 2010-2019",
          "[validation][history]") {
  double sum = 0;
  int years = 0;
  for (const auto& r : rows_of("validation/notable_compute_by_year.csv")) {
    int year = std::stoi(r.at("year"));
    if (year < 2010 || year > 2019) continue;
    sum += std::log(std::stod(r.at("median_flop")) / std::stod(r.at("record_flop")));
    ++years;
  }
  REQUIRE(years == 10);
  CHECK(labsim::ResearchOutput{}.threshold == Approx(std::exp(sum / years)).epsilon(0.005));
}

TEST_CASE("the history backtest: the claims of docs/validation.md", "[validation][history][cli]") {
  std::vector<Row> rows = backtest_rows();
  REQUIRE(rows.size() == 82);
  int fitted = 0, covered = 0;
  for (const Row& r : rows) {
    if (r.set != "fitted") continue;
    ++fitted;
    covered += r.covered;
    INFO(r.institution << " " << r.years << " " << r.metric);
    // Every fitted target within its stated tolerance.
    CHECK(r.pass);
  }
  CHECK(fitted == 58);
  CHECK(covered >= 0.8 * fitted);  // 90% intervals: in sample they cover (56 of 58 today)
  // Placement, fitted years: 15 of 16 within 0.07; 2012 misses (documented: 2.2 binomial standard
  // errors; a model that were exact would miss about one of the 16 years by sampling noise alone).
  const std::string share = "talent.graduates_to_industry_share";
  for (int year = 2004; year <= 2019; ++year) {
    const Row& r = find(rows, "academia", std::to_string(year), share);
    INFO(year);
    bool documented_miss = year == 2012;
    CHECK((std::fabs(r.model - r.observed) < 0.07) == !documented_miss);
  }
  // Out of sample every placement year is within 0.10 (the AI Index figures: 2020 60.24 %,
  // 2021 65.4 %, 2022 70.7 %, 2024 62.75 %), and the model beats 2019's value held flat.
  CHECK(std::fabs(find(rows, "academia", "2020", share).model - 0.6024) < 0.10);
  CHECK(std::fabs(find(rows, "academia", "2021", share).model - 0.654) < 0.10);
  CHECK(std::fabs(find(rows, "academia", "2022", share).model - 0.707) < 0.10);
  CHECK(std::fabs(find(rows, "academia", "2024", share).model - 0.6275) < 0.10);
  double naive = 0, fit = 0;
  for (const char* year : {"2020", "2021", "2022", "2024"}) {
    const Row& r = find(rows, "academia", year, share);
    CHECK(r.persistence == Approx(0.6569));
    naive += std::fabs(r.persistence - r.observed), fit += std::fabs(r.model - r.observed);
  }
  CHECK(naive / 4 == Approx((0.0545 + 0.0029 + 0.0501 + 0.0294) / 4).margin(1e-3));
  CHECK(fit < naive);
  // Faculty moves (Gofman & Jin): 2004-2009 within a factor 2 of 26; 2018 within a factor 1.5 of 41.
  const std::string faculty = "talent.departures_to_industry.faculty";
  double early = find(rows, "academia", "2004-2009", faculty).model, late = find(rows, "academia", "2018", faculty).model;
  CHECK(early >= 13);
  CHECK(early <= 52);
  CHECK(late >= 41 / 1.5);
  CHECK(late <= 41 * 1.5);
  // Academic notable models out of sample against persistence (2019's 15 held flat): persistence's
  // errors are 3, 5, 1, 1 and 15 (2020-2024), mean 5; the model's are larger (documented miss).
  double persistence = 0, model = 0;
  for (const Row& r : rows)
    if (r.set == "out-of-sample" && r.institution == "academia" && r.metric == "output.notable_models") {
      CHECK(r.persistence == 15);
      persistence += std::fabs(r.persistence - r.observed);
      model += std::fabs(r.model - r.observed);
    }
  CHECK(persistence / 5 == Approx(5));
  CHECK(model / 5 > persistence / 5);
  // Industry's, by contrast, beat persistence (2019's 34 held flat: errors 7, 10, 15, 29, 28).
  double ind_persistence = 0, ind_model = 0;
  for (const Row& r : rows)
    if (r.set == "out-of-sample" && r.institution == "industry" && r.metric == "output.notable_models") {
      ind_persistence += std::fabs(r.persistence - r.observed);
      ind_model += std::fabs(r.model - r.observed);
    }
  CHECK(ind_persistence / 5 == Approx(17.8));
  CHECK(ind_model < ind_persistence);
}

TEST_CASE("the fit's notable-model counts, large-model counts and compute table follow from the rows",
          "[validation][history]") {
  // All rows 2000-2024 (fit data, then out of sample), by year: sector counts, the median compute
  // and the record to date; a large model has compute of at least 8.73e-4 x the record to date.
  struct Model {
    int year;
    std::string sector;
    double flop;  // 0 without an estimate
  };
  std::vector<Model> models;
  for (const char* file : {"validation/notable_models_2000_2019.csv", "validation/notable_models_2020_2024.csv"})
    for (const auto& r : rows_of(file)) {
      CHECK(sector(r.at("organization_categorization")) == r.at("sector"));
      const std::string& c = r.at("training_compute_flop");
      models.push_back({std::stoi(r.at("publication_date").substr(0, 4)), r.at("sector"), c.empty() ? 0 : std::stod(c)});
    }
  std::map<std::pair<std::string, int>, int> all, large;
  std::map<int, double> median, record;
  double best = 0;
  for (int year = 2000; year <= 2024; ++year) {
    std::vector<double> flop;
    for (const Model& m : models)
      if (m.year == year && m.flop > 0) flop.push_back(m.flop);
    std::sort(flop.begin(), flop.end());
    if (!flop.empty()) {
      best = std::max(best, flop.back());
      size_t n = flop.size();
      median[year] = n % 2 ? flop[n / 2] : (flop[n / 2 - 1] + flop[n / 2]) / 2;
    }
    record[year] = best;
    for (const Model& m : models) {
      if (m.year != year) continue;
      ++all[{m.sector, year}];
      if (m.flop > 0 && m.flop >= 8.73e-4 * best) ++large[{m.sector, year}];
    }
  }
  // validation/notable_compute_by_year.csv
  for (const auto& r : rows_of("validation/notable_compute_by_year.csv")) {
    int year = std::stoi(r.at("year"));
    INFO(year);
    if (!r.at("median_flop").empty()) CHECK(std::stod(r.at("median_flop")) == Approx(median[year]).epsilon(1e-5));
    if (!r.at("record_flop").empty()) CHECK(std::stod(r.at("record_flop")) == Approx(record[year]).epsilon(1e-5));
  }
  // Every notable- and large-model target, fitted and out of sample.
  int checked = 0;
  for (const char* file : {"validation/history-targets.csv", "validation/history-outofsample.csv"})
    for (const auto& t : rows_of(file)) {
      const std::string& metric = t.at("metric");
      if (metric != "output.notable_models" && metric != "output.large_models") continue;
      std::pair<std::string, int> key{t.at("institution"), std::stoi(t.at("year"))};
      INFO(file << ": " << key.first << " " << key.second << " " << metric);
      CHECK(std::stoi(t.at("value")) == (metric == "output.notable_models" ? all[key] : large[key]));
      ++checked;
    }
  CHECK(checked == 60);  // 2 sectors x (10 fitted + 5 later) x 2 metrics
}

TEST_CASE("compare compute-divide nairr: the NAIRR allocation raises the institute's large models",
          "[validation][history]") {
  // The sign and size follow from the fitted gate (steepness 0.492, productivity 0.000987): the
  // allocation raises the institute's largest run 1.9-4.2x in 2025-2030, so σ(k ln r) rises by a
  // factor between 1.9^0.49 and 4.2^0.49 at most (1.37 to 2.02, less where σ is not small), and
  // large models with it; notable models rise by the same amount (the headcount part does not move).
  labsim::Trajectory base = labsim::run(labsim::load_scenario_file(source_path("scenarios/compute-divide.yaml")));
  labsim::Trajectory nairr = labsim::run(labsim::load_scenario_file(source_path("scenarios/nairr.yaml")));
  for (int year = 2025; year <= 2030; ++year) {
    INFO(year);
    int yi = year - 2024;
    auto v = [&](const labsim::Trajectory& t, labsim::Metric m) { return t.institutions[0].at(yi, m); };
    double run = v(nairr, labsim::Metric::kComputeLargestRunFlop) / v(base, labsim::Metric::kComputeLargestRunFlop);
    double gain = v(nairr, labsim::Metric::kOutputLargeModels) / v(base, labsim::Metric::kOutputLargeModels);
    CHECK(run > 1.8);
    CHECK(gain > 1.15);
    // σ(x + d) / σ(x) ≤ e^d: at most the run ratio to the steepness, times the ratio of researcher-years
    // (the allocation keeps a little more staff).
    double staff = v(nairr, labsim::Metric::kTalentResearcherYears) / v(base, labsim::Metric::kTalentResearcherYears);
    CHECK(gain <= std::pow(run, labsim::ResearchOutput{}.steepness) * staff * (1 + 1e-12));
    double more = v(nairr, labsim::Metric::kOutputNotableModels) - v(base, labsim::Metric::kOutputNotableModels);
    CHECK(more > 0);
    CHECK(more / v(base, labsim::Metric::kOutputNotableModels) > 0.01);
  }
}

TEST_CASE("drift check: the backtest in docs/validation.md is what labsim backtest prints today",
          "[validation][history][cli]") {
  std::string doc = slurp(source_path("docs/validation.md"));
  const std::string begin = "<!-- backtest:begin -->\n```\n$ labsim ", end = "```\n<!-- backtest:end -->";
  size_t a = doc.find(begin), b = doc.find(end);
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  std::string block = doc.substr(a + begin.size(), b - a - begin.size());
  std::string command = block.substr(0, block.find('\n'));
  CHECK(command == kBacktest);
  auto out = run_cli(command);
  CHECK(out.status == 5);
  CHECK(out.out == block.substr(block.find('\n') + 1));
}
