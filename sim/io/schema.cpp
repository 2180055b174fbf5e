// Top-level scenario sections: scenario, economy, hardware, market, talent, training, output.
#include "io/schema.hpp"

#include <fmt/format.h>

namespace labsim::io {

namespace {

const std::vector<std::string> kTopKeys = {"scenario", "economy", "hardware", "market",
                                           "institutions", "talent", "training", "output"};

void read_header(Reader& r, const Node& n, Scenario& s) {
  const std::string path = "scenario";
  if (!r.expect_map(n, path, {"name", "title", "description", "years"})) return;
  if (const Node* v = r.require(n, "name", path))
    if (auto t = r.text(*v, join(path, "name"))) s.name = *t;
  if (const Node* v = n.find("title"))
    if (auto t = r.text(*v, join(path, "title"))) s.title = *t;
  if (const Node* v = n.find("description")) r.text(*v, join(path, "description"));
  if (const Node* v = r.require(n, "years", path)) {
    if (auto range = r.year_range(*v, join(path, "years"))) {
      s.first_year = range->first;
      s.last_year = range->second;
      if (range->second - range->first + 1 > 200)
        r.error(v->pos, join(path, "years"),
                fmt::format("a horizon of {} years is not plausible; at most 200", range->second - range->first + 1));
    }
  }
}

void read_economy(Reader& r, const Node& n, Economy& e) {
  const std::string path = "economy";
  if (!r.expect_map(n, path, {"inflation", "electricity_usd_per_kwh", "pue", "server_power_factor"})) return;
  r.read(n, "inflation", path, Quantity::kRate, e.inflation_rate);
  r.read(n, "electricity_usd_per_kwh", path, Quantity::kMoney, e.electricity_usd_per_kwh);
  if (e.electricity_usd_per_kwh > 5)
    r.error(n.find("electricity_usd_per_kwh")->pos, join(path, "electricity_usd_per_kwh"),
            fmt::format("expected a price per kWh (around 0.08), found {}", e.electricity_usd_per_kwh));
  for (auto [key, dst] : {std::pair<const char*, double*>{"pue", &e.pue}, {"server_power_factor", &e.server_power_factor}}) {
    r.read(n, key, path, Quantity::kNumber, *dst);
    if (n.find(key) && (*dst < 1 || *dst > 5))
      r.error(n.find(key)->pos, join(path, key), fmt::format("expected a ratio between 1 and 5, found {}", *dst));
  }
}

void read_hardware(Reader& r, const Node* n, Scenario& s) {
  const std::string path = "hardware";
  s.hardware.reference = s.catalog.find("H100-SXM");
  if (!n || !r.expect_map(*n, path, {"reference", "price_performance_doubling", "catalog"})) return;
  if (const Node* v = n->find("reference"))
    if (auto i = r.choice(*v, join(path, "reference"), part_names(s.catalog), "GPU")) s.hardware.reference = *i;
  r.read(*n, "price_performance_doubling", path, Quantity::kYears, s.hardware.price_performance_doubling_years);
  if (n->find("price_performance_doubling") && s.hardware.price_performance_doubling_years < 0.5)
    r.error(n->find("price_performance_doubling")->pos, join(path, "price_performance_doubling"),
            "expected a doubling time of at least 6 months");
}

void read_market(Reader& r, const Node* n, Market& m, int last_year) {
  const std::string path = "market";
  // Defaults: Levels.fyi via Washington Post (Mar 2024); Epoch AI (GPT-4, 2.1e25 FLOP; 4-5x/yr).
  m.industry_comp_usd.points = {{2020, 256000}, {2023, 335250}};
  m.industry_comp_usd.growth_factor = 1.04;
  m.frontier_training_flop.points = {{2023, 2.1e25}};
  m.frontier_training_flop.growth_factor = 4.1;
  if (!n || !r.expect_map(*n, path, {"industry_comp", "frontier_training_flop",
                                     "industry_h100_hours_per_researcher"}))
    return;
  if (const Node* v = n->find("industry_comp"))
    if (auto sr = r.series(*v, join(path, "industry_comp"), Quantity::kMoney))
      if (within_bounds(r, v->pos, join(path, "industry_comp"), sr->at(last_year), 1e15, last_year))
        m.industry_comp_usd = *sr;
  if (const Node* v = n->find("frontier_training_flop"))
    if (auto sr = r.series(*v, join(path, "frontier_training_flop"), Quantity::kFlop))
      if (within_bounds(r, v->pos, join(path, "frontier_training_flop"), sr->at(last_year), 1e250, last_year))
        m.frontier_training_flop = *sr;
  if (const Node* v = n->find("industry_h100_hours_per_researcher"))
    if (auto sr = r.series(*v, join(path, "industry_h100_hours_per_researcher"), Quantity::kCount))
      if (within_bounds(r, v->pos, join(path, "industry_h100_hours_per_researcher"), sr->at(last_year), 1e12,
                        last_year))
        m.industry_h100_hours_per_researcher = *sr;
}

void read_talent(Reader& r, const Node* n, Talent& t) {
  const std::string path = "talent";
  if (!n || !r.expect_map(*n, path, {"choice", "mobility"})) return;
  if (const Node* c = n->find("choice")) {
    std::string cp = join(path, "choice");
    if (r.expect_map(*c, cp, {"intercept", "salary", "compute"})) {
      r.read(*c, "intercept", cp, Quantity::kNumber, t.choice.intercept);
      r.read(*c, "salary", cp, Quantity::kNumber, t.choice.salary);
      r.read(*c, "compute", cp, Quantity::kNumber, t.choice.compute);
    }
  }
  if (const Node* m = n->find("mobility")) {
    std::string mp = join(path, "mobility");
    if (r.expect_map(*m, mp, role_names()))
      for (size_t i = 0; i < role_names().size(); ++i) r.read(*m, role_names()[i], mp, Quantity::kRate, t.mobility[i]);
  }
}

void read_training(Reader& r, const Node* n, Training& t) {
  const std::string path = "training";
  if (!n || !r.expect_map(*n, path, {"tokens_per_parameter"})) return;
  r.read(*n, "tokens_per_parameter", path, Quantity::kNumber, t.tokens_per_parameter);
  if (n->find("tokens_per_parameter") && (t.tokens_per_parameter <= 0 || t.tokens_per_parameter > 1e6))
    r.error(n->find("tokens_per_parameter")->pos, join(path, "tokens_per_parameter"),
            "expected a positive ratio (Chinchilla: 20)");
}

void read_output(Reader& r, const Node* n, ResearchOutput& o) {
  const std::string path = "output";
  if (!n || !r.expect_map(*n, path, {"productivity", "threshold", "steepness"})) return;
  r.read(*n, "productivity", path, Quantity::kNumber, o.productivity);
  r.read(*n, "threshold", path, Quantity::kShare, o.threshold);
  r.read(*n, "steepness", path, Quantity::kNumber, o.steepness);
  auto check = [&](const char* key, bool ok, const char* expected) {
    if (const Node* v = n->find(key); v && !ok) r.error(v->pos, join(path, key), expected);
  };
  check("productivity", o.productivity >= 0 && o.productivity <= 1000,
        "expected notable models per researcher-year from 0 to 1000");
  check("threshold", o.threshold > 0, "expected a share of the frontier above 0 (e.g. 1%)");
  check("steepness", o.steepness > 0 && o.steepness <= 100, "expected a positive number, at most 100");
}

}  // namespace

void read_scenario(Reader& r, const Node& root, const Node& catalog_tree, Scenario& s) {
  r.expect_map(root, "", kTopKeys);
  if (const Node* n = r.require(root, "scenario", "")) read_header(r, *n, s);
  read_catalog(r, catalog_tree, "hardware.catalog", s.last_year, s.catalog);
  if (const Node* n = root.find("economy")) read_economy(r, *n, s.economy);
  read_hardware(r, root.find("hardware"), s);
  read_market(r, root.find("market"), s.market, s.last_year);
  read_talent(r, root.find("talent"), s.talent);
  read_training(r, root.find("training"), s.training);
  read_output(r, root.find("output"), s.output);
  if (const Node* n = r.require(root, "institutions", "")) read_institutions(r, *n, s);
}

}  // namespace labsim::io
