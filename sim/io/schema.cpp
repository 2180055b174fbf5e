// Top-level scenario sections: scenario, economy, hardware, market, talent, training, output.
#include "io/schema.hpp"

#include <fmt/format.h>

#include "text/names.hpp"

namespace labsim::io {

using text::join_path;

namespace {

void read_header(Reader& r, const Node& n, Scenario& s) {
  const std::string path = "scenario";
  NoNumbers none;
  read_section(r, n, path, Section::kScenario, none, s.last_year,
               {own_text(r, path, "name", &s.name), own_text(r, path, "title", &s.title),
                own_text(r, path, "description", nullptr),
                {"years", [&](const Node* v) {
                   auto range = v ? r.year_range(*v, join_path(path, "years")) : std::nullopt;
                   if (!range) return;
                   s.first_year = range->first;
                   s.last_year = range->second;
                   if (range->second - range->first + 1 > 200)
                     r.error(v->pos, join_path(path, "years"),
                             fmt::format("a horizon of {} years is not plausible; at most 200",
                                         range->second - range->first + 1));
                 }}});
}

void read_hardware(Reader& r, const Node* n, Scenario& s) {
  const std::string path = "hardware";
  s.hardware.reference = s.catalog.find("H100-SXM");
  if (!n) return;
  read_section(r, *n, path, Section::kHardware, s.hardware, s.last_year,
               {{"reference", [&](const Node* v) {
                  if (v)
                    if (auto i = r.choice(*v, join_path(path, "reference"), part_names(s.catalog), "GPU"))
                      s.hardware.reference = *i;
                }},
                {"catalog", [](const Node*) {}}});  // read first, with the built-in parts
}

// A section whose keys are all numbers of the field table.
template <class Owner>
void read_plain(Reader& r, const Node* n, const std::string& path, Section section, Owner& owner, int last_year) {
  if (n) read_section(r, *n, path, section, owner, last_year);
}

void read_talent(Reader& r, const Node* n, Scenario& s) {
  const std::string path = "talent";
  if (!n) return;
  read_section(r, *n, path, Section::kTalent, s.talent, s.last_year,
               {{"choice", [&](const Node* c) {
                  read_plain(r, c, join_path(path, "choice"), Section::kChoice, s.talent.choice, s.last_year);
                }},
                {"mobility", [&](const Node* m) {
                   read_plain(r, m, join_path(path, "mobility"), Section::kMobility, s.talent, s.last_year);
                 }},
                {"vacancy_months", [&](const Node* m) {
                   read_plain(r, m, join_path(path, "vacancy_months"), Section::kVacancy, s.talent, s.last_year);
                 }}});
}

}  // namespace

void read_scenario(Reader& r, const Node& root, const Node& catalog_tree, Scenario& s) {
  // The header comes first (the years bound every series), then the catalog (parts are named
  // everywhere else), then the sections in their order, institutions last.
  r.expect_map(root, "", section_keys(Section::kTop));
  if (const Node* n = r.require(root, "scenario", "")) read_header(r, *n, s);
  read_catalog(r, catalog_tree, "hardware.catalog", s.last_year, s.catalog);
  read_plain(r, root.find("economy"), "economy", Section::kEconomy, s.economy, s.last_year);
  read_hardware(r, root.find("hardware"), s);
  read_plain(r, root.find("market"), "market", Section::kMarket, s.market, s.last_year);
  read_talent(r, root.find("talent"), s);
  read_plain(r, root.find("training"), "training", Section::kTraining, s.training, s.last_year);
  read_plain(r, root.find("output"), "output", Section::kOutput, s.output, s.last_year);
  if (const Node* n = r.require(root, "institutions", "")) read_institutions(r, *n, s);
}

}  // namespace labsim::io
