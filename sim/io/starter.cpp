// The starter scenario `labsim init` writes: a university and an industry lab, every number with
// its source or marked as a placeholder for the user's own figure.
#include <fmt/format.h>

#include <algorithm>

#include "labsim/writers.hpp"
#include "text/json.hpp"

namespace labsim {

std::string starter_scenario(const StarterOptions& o) {
  // YAML double-quoted strings take JSON's escapes.
  const std::string university = text::json_string(o.university), lab = text::json_string(o.lab);
  return fmt::format(R"yaml(# A starter scenario written by `labsim init`: {university} against {lab}.
# Run it:       labsim run THIS-FILE
# Check it:     labsim validate THIS-FILE
# Every key is described in docs/scenario-format.md and the model in docs/model.md. A number can
# carry its source as {{value: ..., source: "..."}}; the ones marked "placeholder" are yours to
# replace. Keys left out take labsim's defaults (`labsim validate --keys` lists them).
scenario:
  name: starter
  title: {title}
  years: {first}-{last}

institutions:
  - id: university
    name: {university}
    kind: university
    # GPUs in service at the start: part (`labsim catalog` lists them), count and year bought.
    fleet:
      - gpu: A100-80GB
        count: {{value: 200, source: "placeholder: your GPUs"}}
        acquired: {{value: {uni_acquired}, source: "placeholder"}}
    # What new money buys: `best` picks the part with the most delivered compute per dollar.
    procurement:
      gpu: best
      mode: owned
      lifetime: {{value: 5 years, source: "Epoch AI training-cost model: 5 years for hardware from 2023"}}
    people:
      - role: faculty
        count: {{value: 25, source: "placeholder: your AI faculty"}}
        salary: {{value: 185k, source: "estimate: CS faculty nine-month salary"}}
        fringe: {{value: 30%, source: "estimate"}}
      - role: postdoc
        count: {{value: 20, source: "placeholder"}}
        salary: {{value: 61008, source: "NIH NRSA postdoc stipend level 0, 2024 (NOT-OD-24-104)"}}
        fringe: {{value: 25%, source: "estimate"}}
      - role: phd
        count: {{value: 75, source: "placeholder"}}
        salary: {{value: 40k, source: "CSStipendRankings: median US CS PhD stipend 2025 (70 schools)"}}
        tuition: {{value: 16k, source: "NSF GRFP cost-of-education allowance, 2024"}}
    # Money in: an amount with /yr is paid every year of `years`; without /yr it is a total spread
    # over them. The streams are pooled; `spending.compute_share` of the pool goes to compute.
    funding:
      - name: research-computing
        amount: {{value: 4M/yr, source: "placeholder: your research-computing budget"}}
        years: {first}-{last}
        growth: {{value: 3%/yr, source: "estimate"}}
      - name: salaries
        amount: {{value: 13M/yr, source: "placeholder: what the university pays its AI researchers (salaries, fringe, tuition)"}}
        years: {first}-{last}
        growth: {{value: 3%/yr, source: "estimate"}}
    spending:
      compute_share: {{value: 24%, source: "placeholder: 4M of the 17M a year goes to compute"}}

  - id: lab
    name: {lab}
    kind: industry
    fleet:
      - gpu: H100-SXM
        count: {{value: 50k, source: "placeholder: the lab's GPUs"}}
        acquired: {{value: {lab_acquired}, source: "placeholder"}}
    procurement:
      gpu: best
    people:
      - role: research_scientist
        count: {{value: 1000, source: "placeholder"}}
        salary: market  # the industry pay of `market.industry_comp` (labsim's default series)
    funding:
      - name: capex
        amount: {{value: 5B/yr, source: "placeholder: the lab's yearly spending on compute and people"}}
        years: {first}-{last}
    spending:
      compute_share: {{value: 80%, source: "placeholder"}}
)yaml",
                     fmt::arg("university", university), fmt::arg("lab", lab),
                     fmt::arg("title", text::json_string(o.university + " and " + o.lab)), fmt::arg("first", o.first_year),
                     fmt::arg("last", o.last_year),
                     fmt::arg("uni_acquired", std::min(2022, o.first_year)), fmt::arg("lab_acquired", std::min(2024, o.first_year)));
}

}  // namespace labsim
