// Scenario loader: every kind of bad input gets its whole report compared (location, path,
// message, source line, caret, hint); good input gets its typed values checked.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

namespace {

using labsim::test::report_of;

struct ErrorCase {
  const char* what;
  const char* yaml;
  std::vector<std::string> overrides;
  const char* report;
};

constexpr const char* kMinimal =
    "scenario: {name: t, years: 2024-2026}\n"
    "institutions: [{id: u, kind: university}]\n";

// Institutions written in block style: the case's lines start at line 5.
#define UNIVERSITY_U \
  "scenario: {name: t, years: 2024-2026}\n" \
  "institutions:\n" \
  "  - id: u\n" \
  "    kind: university\n"

const std::vector<ErrorCase> kNamesAndKeys = {
    {"a number-like key in a block mapping is only an unknown key",
     UNIVERSITY_U "    operations:\n      availability: 90%\n      2024: 5\n",
     {},
     "t.yaml:7:7: error: institutions.u.operations.2024: unknown key\n"
     "          2024: 5\n"
     "          ^\n"
     "hint: keys here: availability, utilization, mfu\n"},
    {"a thousands separator in a flow mapping makes a key of the digits after it",
     UNIVERSITY_U "    people: [{role: faculty, count: 10, salary: 175,000}]\n",
     {},
     "t.yaml:5:53: error: institutions.u.people.faculty.000: unknown key\n"
     "        people: [{role: faculty, count: 10, salary: 175,000}]\n"
     "                                                        ^\n"
     "hint: is 175,000 one number? Write it without a thousands separator (175000) or with a suffix (k, M)\n"},
    {"unknown top-level key",
     "scenario: {name: t, years: 2024-2026}\n"
     "institutions: [{id: u, kind: university}]\n"
     "econmy: {pue: 1.2}\n",
     {},
     "t.yaml:3:1: error: econmy: unknown key\n"
     "    econmy: {pue: 1.2}\n"
     "    ^\n"
     "hint: did you mean 'economy'?\n"},
    {"unknown institution key",
     UNIVERSITY_U "    fundng: []\n",
     {},
     "t.yaml:5:5: error: institutions.u.fundng: unknown key\n"
     "        fundng: []\n"
     "        ^\n"
     "hint: did you mean 'funding'?\n"},
    {"unknown nested key",
     UNIVERSITY_U "    operations: {availabilty: 90%}\n",
     {},
     "t.yaml:5:18: error: institutions.u.operations.availabilty: unknown key\n"
     "        operations: {availabilty: 90%}\n"
     "                     ^\n"
     "hint: did you mean 'availability'?\n"},
    {"unknown key in a list item",
     UNIVERSITY_U
     "    people:\n"
     "      - {role: postdoc, count: 3, salary: 60k, atrition: 30%/yr}\n",
     {},
     "t.yaml:6:48: error: institutions.u.people.postdoc.atrition: unknown key\n"
     "          - {role: postdoc, count: 3, salary: 60k, atrition: 30%/yr}\n"
     "                                                   ^\n"
     "hint: did you mean 'attrition'?\n"},
    {"unknown key far from every key lists the keys",
     "scenario: {name: t, years: 2024-2026, horizon: 10}\n"
     "institutions: [{id: u, kind: university}]\n",
     {},
     "t.yaml:1:39: error: scenario.horizon: unknown key\n"
     "    scenario: {name: t, years: 2024-2026, horizon: 10}\n"
     "                                          ^\n"
     "hint: keys here: name, title, description, years\n"},
    {"unknown GPU",
     UNIVERSITY_U
     "    fleet:\n"
     "      - {gpu: H100-SMX, count: 8, acquired: 2023}\n",
     {},
     "t.yaml:6:15: error: institutions.u.fleet[0].gpu: unknown GPU \"H100-SMX\"\n"
     "          - {gpu: H100-SMX, count: 8, acquired: 2023}\n"
     "                  ^\n"
     "hint: did you mean 'H100-SXM'?\n"},
    {"unknown institution kind",
     "scenario: {name: t, years: 2024-2026}\n"
     "institutions:\n"
     "  - {id: u, kind: univerity}\n",
     {},
     "t.yaml:3:19: error: institutions.u.kind: unknown institution kind \"univerity\"\n"
     "      - {id: u, kind: univerity}\n"
     "                      ^\n"
     "hint: did you mean 'university'?\n"},
    {"unknown role",
     UNIVERSITY_U
     "    people:\n"
     "      - {role: postdc, count: 3, salary: 60k}\n",
     {},
     "t.yaml:6:16: error: institutions.u.people.postdc.role: unknown role \"postdc\"\n"
     "          - {role: postdc, count: 3, salary: 60k}\n"
     "                   ^\n"
     "hint: did you mean 'postdoc'?\n"},
    {"unknown role far from every role lists the roles",
     UNIVERSITY_U
     "    people:\n"
     "      - {role: phd_student, count: 3, salary: 40k}\n",
     {},
     "t.yaml:6:16: error: institutions.u.people.phd_student.role: unknown role \"phd_student\"\n"
     "          - {role: phd_student, count: 3, salary: 40k}\n"
     "                   ^\n"
     "hint: choose one of: faculty, postdoc, phd, research_scientist, engineer\n"},
    {"unknown ownership",
     UNIVERSITY_U
     "    fleet:\n"
     "      - {gpu: H100-SXM, count: 8, acquired: 2023, ownership: own}\n",
     {},
     "t.yaml:6:62: error: institutions.u.fleet[0].ownership: unknown ownership \"own\"\n"
     "          - {gpu: H100-SXM, count: 8, acquired: 2023, ownership: own}\n"
     "                                                                 ^\n"
     "hint: did you mean 'owned'?\n"},
    {"unknown procurement mode",
     UNIVERSITY_U "    procurement: {mode: clod}\n",
     {},
     "t.yaml:5:25: error: institutions.u.procurement.mode: unknown procurement mode \"clod\"\n"
     "        procurement: {mode: clod}\n"
     "                            ^\n"
     "hint: did you mean 'cloud'?\n"},
    {"duplicate institution id",
     "scenario: {name: t, years: 2024-2026}\n"
     "institutions:\n"
     "  - {id: u, kind: university}\n"
     "  - {id: u, kind: industry}\n",
     {},
     "t.yaml:4:10: error: institutions.u.id: duplicate id 'u'\n"
     "      - {id: u, kind: industry}\n"
     "             ^\n"
     "hint: every institution needs its own id\n"},
};

const std::vector<ErrorCase> kValues = {
    {"a list where a number belongs",
     UNIVERSITY_U
     "    fleet:\n"
     "      - {gpu: H100-SXM, count: [8, 9], acquired: 2023}\n",
     {},
     "t.yaml:6:32: error: institutions.u.fleet[0].count: expected a count, found a list\n"
     "          - {gpu: H100-SXM, count: [8, 9], acquired: 2023}\n"
     "                                   ^\n"},
    {"a mapping where text belongs",
     "scenario: {name: {first: a}, years: 2024-2026}\n"
     "institutions: [{id: u, kind: university}]\n",
     {},
     "t.yaml:1:18: error: scenario.name: expected a text, found a mapping\n"
     "    scenario: {name: {first: a}, years: 2024-2026}\n"
     "                     ^\n"},
    {"negative count",
     UNIVERSITY_U
     "    fleet:\n"
     "      - {gpu: H100-SXM, count: -8, acquired: 2023}\n",
     {},
     "t.yaml:6:32: error: institutions.u.fleet[0].count: expected a count, found \"-8\" "
     "(it cannot be negative)\n"
     "          - {gpu: H100-SXM, count: -8, acquired: 2023}\n"
     "                                   ^\n"},
    {"negative money",
     UNIVERSITY_U
     "    funding:\n"
     "      - {name: nsf, amount: -5M, years: 2024-2026}\n",
     {},
     "t.yaml:6:29: error: institutions.u.funding.nsf.amount: expected an amount of money, "
     "found \"-5M\" (it cannot be negative)\n"
     "          - {name: nsf, amount: -5M, years: 2024-2026}\n"
     "                                ^\n"},
    {"count above 1e9",
     UNIVERSITY_U
     "    fleet:\n"
     "      - {gpu: H100-SXM, count: 2e9, acquired: 2023}\n",
     {},
     "t.yaml:6:32: error: institutions.u.fleet[0].count: expected a count, found \"2e9\" "
     "(more than 1e9 is not plausible)\n"
     "          - {gpu: H100-SXM, count: 2e9, acquired: 2023}\n"
     "                                   ^\n"},
    {"number beyond double range",
     UNIVERSITY_U
     "    funding:\n"
     "      - {name: nsf, amount: 1e400, years: 2024-2026}\n",
     {},
     "t.yaml:6:29: error: institutions.u.funding.nsf.amount: expected an amount of money, "
     "found \"1e400\" (the number is out of range)\n"
     "          - {name: nsf, amount: 1e400, years: 2024-2026}\n"
     "                                ^\n"},
    {"horizon over 200 years",
     "scenario: {name: t, years: 2000-2200}\n"
     "institutions: [{id: u, kind: university}]\n",
     {},
     "t.yaml:1:28: error: scenario.years: a horizon of 201 years is not plausible; at most 200\n"
     "    scenario: {name: t, years: 2000-2200}\n"
     "                               ^\n"},
    {"a year past 2200 is named",
     "scenario: {name: t, years: 2024-2300}\n"
     "institutions: [{id: u, kind: university}]\n",
     {},
     "t.yaml:1:28: error: scenario.years: expected a year range such as 2024-2034, "
     "found \"2024-2300\" (2300 is outside 1900-2200)\n"
     "    scenario: {name: t, years: 2024-2300}\n"
     "                               ^\n"},
    {"a year range that is not one",
     "scenario: {name: t, years: next decade}\n"
     "institutions: [{id: u, kind: university}]\n",
     {},
     "t.yaml:1:28: error: scenario.years: expected a year range such as 2024-2034, "
     "found \"next decade\"\n"
     "    scenario: {name: t, years: next decade}\n"
     "                               ^\n"},
    {"reversed year range",
     "scenario: {name: t, years: 2026-2024}\n"
     "institutions: [{id: u, kind: university}]\n",
     {},
     "t.yaml:1:28: error: scenario.years: the range 2026-2024 ends before it starts\n"
     "    scenario: {name: t, years: 2026-2024}\n"
     "                               ^\n"
     "hint: write 2024-2026\n"},
    {"bare 35 where a share belongs",
     UNIVERSITY_U "    operations: {mfu: 35}\n",
     {},
     "t.yaml:5:23: error: institutions.u.operations.mfu: expected a share, found \"35\" "
     "(a bare number above 1 is not a fraction)\n"
     "        operations: {mfu: 35}\n"
     "                          ^\n"
     "hint: write 35% for a percentage\n"},
    {"share above 100%",
     UNIVERSITY_U "    spending: {compute_share: 120%}\n",
     {},
     "t.yaml:5:31: error: institutions.u.spending.compute_share: expected a share, found \"120%\" "
     "(it cannot exceed 100%)\n"
     "        spending: {compute_share: 120%}\n"
     "                                  ^\n"},
    {"lower-case m suffix",
     UNIVERSITY_U
     "    funding:\n"
     "      - {name: nsf, amount: 20m, years: 2024-2028}\n",
     {},
     "t.yaml:6:29: error: institutions.u.funding.nsf.amount: expected an amount of money, "
     "found \"20m\" (ambiguous scale suffix 'm')\n"
     "          - {name: nsf, amount: 20m, years: 2024-2028}\n"
     "                                ^\n"
     "hint: write M for million (1e6); a lower-case 'm' is ambiguous (milli? million?)\n"},
    {"growth without a unit",
     "scenario: {name: t, years: 2024-2026}\n"
     "market: {frontier_training_flop: {2023: 2.1e25, growth: 4}}\n"
     "institutions: [{id: u, kind: university}]\n",
     {},
     "t.yaml:2:57: error: market.frontier_training_flop.growth: expected a growth rate, found \"4\" "
     "(write growth as 4%/yr or 4.1x/yr)\n"
     "    market: {frontier_training_flop: {2023: 2.1e25, growth: 4}}\n"
     "                                                            ^\n"
     "hint: a bare number is ambiguous: 4%/yr is x1.04 a year, 4x/yr is x4\n"},
    {"unknown duration unit",
     UNIVERSITY_U "    procurement: {lifetime: 5 decades}\n",
     {},
     "t.yaml:5:29: error: institutions.u.procurement.lifetime: expected a duration in years, "
     "found \"5 decades\" (unknown unit 'decades')\n"
     "        procurement: {lifetime: 5 decades}\n"
     "                                ^\n"
     "hint: units: days, months, years\n"},
    {".nan and .inf",
     "scenario: {name: t, years: 2024-2026}\n"
     "economy: {pue: .nan, inflation: .inf}\n"
     "institutions: [{id: u, kind: university}]\n",
     {},
     "t.yaml:2:16: error: economy.pue: expected a number, found \".nan\" "
     "(NaN and infinity are not allowed)\n"
     "    economy: {pue: .nan, inflation: .inf}\n"
     "                   ^\n"
     "t.yaml:2:33: error: economy.inflation: expected a rate per year, found \".inf\" "
     "(NaN and infinity are not allowed)\n"
     "    economy: {pue: .nan, inflation: .inf}\n"
     "                                    ^\n"
     "2 errors\n"},
    {"empty texts for a name and an id",
     "scenario: {name: \" \", years: 2024-2026}\n"
     "institutions: [{id: \"\", kind: university}]\n",
     {},
     "t.yaml:1:18: error: scenario.name: expected a text, found an empty one\n"
     "    scenario: {name: \" \", years: 2024-2026}\n"
     "                     ^\n"
     "t.yaml:2:21: error: institutions.0.id: expected a text, found an empty one\n"
     "    institutions: [{id: \"\", kind: university}]\n"
     "                        ^\n"
     "2 errors\n"},
    {"a key with no value is reported at the key, not at the next line",
     UNIVERSITY_U
     "    spending:\n"
     "      compute_share:\n"
     "    funding: []\n",
     {},
     "t.yaml:6:7: error: institutions.u.spending.compute_share: expected a share, found nothing\n"
     "          compute_share:\n"
     "          ^\n"},
    {"growth on a total amount",
     UNIVERSITY_U
     "    funding:\n"
     "      - {name: d, amount: 2M, years: 2024-2026, growth: 3%/yr}\n",
     {},
     "t.yaml:6:57: error: institutions.u.funding.d.growth: growth applies to per-year amounts only\n"
     "          - {name: d, amount: 2M, years: 2024-2026, growth: 3%/yr}\n"
     "                                                            ^\n"
     "hint: write the amount as a yearly figure, e.g. 1.5M/yr\n"},
    {"schedule that does not sum to 100%",
     UNIVERSITY_U
     "    funding:\n"
     "      - {name: nsf, amount: 20M, years: 2024-2026, schedule: [20%, 30%, 40%]}\n",
     {},
     "t.yaml:6:62: error: institutions.u.funding.nsf.schedule: the shares add up to 90%, not 100%\n"
     "          - {name: nsf, amount: 20M, years: 2024-2026, schedule: [20%, 30%, 40%]}\n"
     "                                                                 ^\n"},
    {"schedule with a share per year missing",
     UNIVERSITY_U
     "    funding:\n"
     "      - {name: b, amount: 2M, years: 2024-2026, schedule: [20%, 80%]}\n",
     {},
     "t.yaml:6:59: error: institutions.u.funding.b.schedule: the schedule has 2 shares for 3 years\n"
     "          - {name: b, amount: 2M, years: 2024-2026, schedule: [20%, 80%]}\n"
     "                                                              ^\n"},
};

const std::vector<ErrorCase> kStructure = {
    {"a tab in indentation where yaml-cpp names it",
     UNIVERSITY_U "    reserves: 1M\n  \t  fleet: []\n",
     {},
     "t.yaml:6:3: error: YAML syntax: illegal tab when looking for indentation\n"
     "      \t  fleet: []\n"
     "      ^\n"
     "hint: line 6 is indented with a tab: YAML indentation must be spaces\n"},
    {"a tab in indentation where yaml-cpp reports only a map it could not end",
     UNIVERSITY_U "    operations:\n\t availability: 90%\n",
     {},
     "t.yaml:6:3: error: YAML syntax: end of map not found\n"
     "    \t availability: 90%\n"
     "    \t ^\n"
     "hint: line 6 is indented with a tab: YAML indentation must be spaces\n"},
    {"missing required key at the item's position",
     UNIVERSITY_U
     "    funding:\n"
     "      - {name: nsf, years: 2024-2028}\n",
     {},
     "t.yaml:6:9: error: institutions.u.funding.nsf: missing required key 'amount'\n"
     "          - {name: nsf, years: 2024-2028}\n"
     "            ^\n"},
    {"missing required key in a block mapping",
     "scenario: {name: t, years: 2024-2026}\n"
     "institutions:\n"
     "  - id: u\n"
     "    name: U\n",
     {},
     "t.yaml:3:5: error: institutions.u: missing required key 'kind'\n"
     "      - id: u\n"
     "        ^\n"},
    {"missing top-level section at the top of the file",
     "scenario: {name: t, years: 2024-2026}\n",
     {},
     "t.yaml:1:1: error: missing required key 'institutions'\n"
     "    scenario: {name: t, years: 2024-2026}\n"
     "    ^\n"},
    {"empty file", "", {},
     "t.yaml: error: the file is empty: a scenario is a mapping with `scenario:` and `institutions:`\n"},
    {"a file of comments is empty", "# nothing yet\n\n", {},
     "t.yaml: error: the file is empty: a scenario is a mapping with `scenario:` and `institutions:`\n"},
    {"a list at the top",
     "- scenario\n"
     "- institutions\n",
     {},
     "t.yaml:1:1: error: expected a mapping of keys (scenario:, institutions:, ...) at the top, "
     "found a list\n"
     "    - scenario\n"
     "    ^\n"},
    {"text at the top", "hello world\n", {},
     "t.yaml:1:1: error: expected a mapping of keys (scenario:, institutions:, ...) at the top, "
     "found \"hello world\"\n"
     "    hello world\n"
     "    ^\n"},
    {"a key given twice",
     "scenario: {name: t, years: 2024-2026}\n"
     "scenario: {name: u, years: 2024-2026}\n"
     "institutions: [{id: u, kind: university}]\n",
     {},
     "t.yaml:2:1: error: key 'scenario' appears twice in this mapping\n"
     "    scenario: {name: u, years: 2024-2026}\n"
     "    ^\n"},
    {"unclosed list at the end of a file without a final newline",
     "scenario: {name: t, years: 2024-2026}\n"
     "institutions: [{id: u, kind: university}",
     {},
     "t.yaml:2:41: error: YAML syntax: end of sequence flow not found\n"
     "    institutions: [{id: u, kind: university}\n"
     "                                            ^\n"
     "hint: a list opened with '[' is not closed with ']'\n"},
    {"unclosed mapping followed by blank lines",
     "scenario: {name: t, years: 2024-2026\n"
     "\n"
     "\n",
     {},
     "t.yaml:1:37: error: YAML syntax: end of map flow not found\n"
     "    scenario: {name: t, years: 2024-2026\n"
     "                                        ^\n"
     "hint: a mapping opened with '{' is not closed with '}'\n"},
    {"caret under the right character after UTF-8 text",
     "scenario: {name: \"Café Über\", years: 2024-2O26}\n"
     "institutions: [{id: u, kind: university}]\n",
     {},
     "t.yaml:1:40: error: scenario.years: expected a year range such as 2024-2034, found \"2024-2O26\"\n"
     "    scenario: {name: \"Café Über\", years: 2024-2O26}\n"
     "                                         ^\n"},
};

const std::vector<ErrorCase> kWrappers = {
    {"bad value inside {value, source}",
     UNIVERSITY_U "    operations: {mfu: {value: 35, source: \"a paper\"}}\n",
     {},
     "t.yaml:5:31: error: institutions.u.operations.mfu: expected a share, found \"35\" "
     "(a bare number above 1 is not a fraction)\n"
     "        operations: {mfu: {value: 35, source: \"a paper\"}}\n"
     "                                  ^\n"
     "hint: write 35% for a percentage\n"},
    {"misspelt key inside {value, source}",
     UNIVERSITY_U "    operations: {mfu: {value: 35%, sorce: \"a paper\"}}\n",
     {},
     "t.yaml:5:36: error: institutions.u.operations.mfu.sorce: unknown key\n"
     "        operations: {mfu: {value: 35%, sorce: \"a paper\"}}\n"
     "                                       ^\n"
     "hint: did you mean 'source'?\n"},
    {"a source without a value",
     UNIVERSITY_U "    operations: {mfu: {source: \"a paper\"}}\n",
     {},
     "t.yaml:5:23: error: institutions.u.operations.mfu: missing required key 'value'\n"
     "        operations: {mfu: {source: \"a paper\"}}\n"
     "                          ^\n"},
    {"a list as the value and as the source",
     UNIVERSITY_U
     "    operations:\n"
     "      mfu: {value: [35%], source: \"a paper\"}\n"
     "      utilization: {value: 50%, source: [a, b]}\n",
     {},
     "t.yaml:6:20: error: institutions.u.operations.mfu: expected a share, found a list\n"
     "          mfu: {value: [35%], source: \"a paper\"}\n"
     "                       ^\n"
     "t.yaml:7:41: error: institutions.u.operations.utilization.source: expected a citation text, "
     "found a list\n"
     "          utilization: {value: 50%, source: [a, b]}\n"
     "                                            ^\n"
     "2 errors\n"},
};

const std::vector<ErrorCase> kSeveral = {
    {"a missing amount brings no follow-on error about its growth",
     UNIVERSITY_U "    funding: [{name: a, years: 2024-2026, growth: 3%/yr}]\n",
     {},
     "t.yaml:5:15: error: institutions.u.funding.a: missing required key 'amount'\n"
     "        funding: [{name: a, years: 2024-2026, growth: 3%/yr}]\n"
     "                  ^\n"},
    {"an amount that cannot be read brings no follow-on error about its growth",
     UNIVERSITY_U "    funding: [{name: a, amount: -4M/yr, years: 2024-2026, growth: 3%/yr}]\n",
     {},
     "t.yaml:5:33: error: institutions.u.funding.a.amount: expected an amount of money, found \"-4M/yr\" (it cannot be negative)\n"
     "        funding: [{name: a, amount: -4M/yr, years: 2024-2026, growth: 3%/yr}]\n"
     "                                    ^\n"},
    {"several errors in file order, not reading order",
     "institutions:\n"
     "  - {id: u, kind: univ}\n"
     "economy: {pue: 9}\n"
     "scenario: {name: t, years: 2026-2024}\n",
     {},
     "t.yaml:2:19: error: institutions.u.kind: unknown institution kind \"univ\"\n"
     "      - {id: u, kind: univ}\n"
     "                      ^\n"
     "hint: did you mean 'university'?\n"
     "t.yaml:3:16: error: economy.pue: expected a number from 1 to 5, found 9\n"
     "    economy: {pue: 9}\n"
     "                   ^\n"
     "t.yaml:4:28: error: scenario.years: the range 2026-2024 ends before it starts\n"
     "    scenario: {name: t, years: 2026-2024}\n"
     "                               ^\n"
     "hint: write 2024-2026\n"
     "3 errors\n"},
};

const std::vector<ErrorCase> kOverrides = {
    {"--set without '='", kMinimal, {"noequals"},
     "--set #1:1:1: error: expected key.path=value, found \"noequals\"\n"
     "    noequals\n"
     "    ^\n"
     "hint: example: --set institutions.institute.funding.nsf-institute.amount=40M\n"},
    {"--set without a key", kMinimal, {"=3"},
     "--set #1:1:1: error: expected key.path=value, found \"=3\"\n"
     "    =3\n"
     "    ^\n"
     "hint: example: --set institutions.institute.funding.nsf-institute.amount=40M\n"},
    {"--set with an empty key in the path", kMinimal, {"scenario..name=x"},
     "--set #1:1:10: error: scenario..name: empty key in the path\n"
     "    scenario..name=x\n"
     "             ^\n"},
    {"--set with an unknown list item",
     UNIVERSITY_U
     "    funding:\n"
     "      - {name: nsf, amount: 20M, years: 2024-2028}\n",
     {"institutions.u.funding.nsfx.amount=40M"},
     "--set #1:1:24: error: institutions.u.funding: no item 'nsfx' in this list\n"
     "    institutions.u.funding.nsfx.amount=40M\n"
     "                           ^\n"
     "hint: items here: nsf\n"},
    {"--set into a list without names", kMinimal, {"institutions.u.fleet=[{gpu: B200, count: 8, acquired: 2025}]",
                                                    "institutions.u.fleet.B200.count=9"},
     "--set #2:1:22: error: institutions.u.fleet: no item 'B200' in this list\n"
     "    institutions.u.fleet.B200.count=9\n"
     "                         ^\n"
     "hint: address list items by a 0-based index\n"},
    {"--set reaching an unknown key", kMinimal, {"institutions.u.fundng=[]"},
     "--set #1:1:16: error: institutions.u.fundng: unknown key\n"
     "    institutions.u.fundng=[]\n"
     "                   ^\n"
     "hint: did you mean 'funding'?\n"},
    {"--set with a bad value",
     UNIVERSITY_U
     "    funding:\n"
     "      - {name: nsf, amount: 20M, years: 2024-2028}\n",
     {"institutions.u.funding.nsf.amount=40m"},
     "--set #1:1:35: error: institutions.u.funding.nsf.amount: expected an amount of money, "
     "found \"40m\" (ambiguous scale suffix 'm')\n"
     "    institutions.u.funding.nsf.amount=40m\n"
     "                                      ^\n"
     "hint: write M for million (1e6); a lower-case 'm' is ambiguous (milli? million?)\n"},
    {"--set with broken YAML", kMinimal, {"scenario.name=[t"},
     "--set #1:1:17: error: YAML syntax: end of sequence flow not found\n"
     "    scenario.name=[t\n"
     "                    ^\n"
     "hint: a list opened with '[' is not closed with ']'\n"},
    {"every bad --set is reported, after the file's own order", kMinimal,
     {"scenario.name=t2", "noequals", "institutions.x.kind=industry"},
     "--set #2:1:1: error: expected key.path=value, found \"noequals\"\n"
     "    noequals\n"
     "    ^\n"
     "hint: example: --set institutions.institute.funding.nsf-institute.amount=40M\n"
     "--set #3:1:14: error: institutions: no item 'x' in this list\n"
     "    institutions.x.kind=industry\n"
     "                 ^\n"
     "hint: items here: u\n"
     "2 errors\n"},
};

void check_cases(const std::vector<ErrorCase>& cases) {
  for (const ErrorCase& c : cases) {
    INFO("case: " << c.what);
    CHECK(report_of(c.yaml, c.overrides) == c.report);
  }
}

}  // namespace

TEST_CASE("unknown keys and names get the nearest spelling", "[loader]") { check_cases(kNamesAndKeys); }

TEST_CASE("bad values are located with what was expected", "[loader]") { check_cases(kValues); }

TEST_CASE("structural problems: missing keys, empty files, non-mapping roots, syntax", "[loader]") {
  check_cases(kStructure);
}

TEST_CASE("{value, source} wrappers are validated like plain values", "[loader]") { check_cases(kWrappers); }

TEST_CASE("all errors of a file are reported in file order", "[loader]") { check_cases(kSeveral); }

TEST_CASE("bad --set overrides are located in the argument", "[loader]") { check_cases(kOverrides); }

TEST_CASE("InputError carries one diagnostic per problem", "[loader]") {
  try {
    labsim::load_scenario_string(
        "scenario: {name: t, years: 2024-2026}\n"
        "economy: {pue: .nan, inflation: .inf}\n"
        "institutions: [{id: u, kind: university}]\n",
        "t.yaml");
    FAIL("no InputError");
  } catch (const labsim::InputError& e) {
    REQUIRE(e.diagnostics().size() == 2);
    const labsim::Diagnostic& d = e.diagnostics()[1];
    CHECK(d.file == "t.yaml");
    CHECK(d.line == 2);
    CHECK(d.column == 33);
    CHECK(d.path == "economy.inflation");
    CHECK(d.source_line == "economy: {pue: .nan, inflation: .inf}");
    CHECK(std::string(e.what()) == "2 problems in the input");
  }
}

// ---- valid input: units and suffixes become typed values -------------------------------------

namespace {

constexpr const char* kTyped = R"(scenario: {name: typed, title: "Units", years: 2024-2030}
economy: {inflation: 2.5%/yr, electricity_usd_per_kwh: 0.08}
hardware: {price_performance_doubling: 30 months}
market:
  industry_comp: {2020: 256k, 2023: 335250, growth: 4%/yr}
  frontier_training_flop: {2023: 2.1e25, growth: 4.1x/yr}
institutions:
  - id: u
    kind: university
    fleet:
      - {gpu: A100-80GB, count: 68, acquired: 2022}
    procurement: {lifetime: 5 years, server_overhead: 64%, maintenance: 5%/yr, commissioning: 6 months}
    operations: {mfu: {value: 37.5%, source: "Epoch AI: median MFU"}}
    largest_run: {share: 50%, days: 3 months}
    people:
      - {role: phd, count: 40, salary: 40k, tuition: 16k, program_years: 66 months}
    funding:
      - {name: nsf, amount: $140M, years: 2024-2028, indirect_rate: 55%}
      - {name: uni, amount: 1.5M/yr, years: 2024-2030, growth: 4%/yr}
    spending: {compute_share: 30%, carryover: no}
  - id: lab
    kind: industry
    fleet:
      - {gpu: H100-SXM, count: 350k, acquired: 2024}
    largest_run: {days: 90 days}
    people:
      - {role: research_scientist, count: 3000, salary: {value: market, source: "Levels.fyi"}}
    funding:
      - {name: capex, amount: 2.6B, years: 2024-2025}
)";

const labsim::Assumption* find_assumption(const labsim::Scenario& s, const std::string& path) {
  for (const auto& a : s.assumptions)
    if (a.path == path) return &a;
  return nullptr;
}

}  // namespace

TEST_CASE("units and scale suffixes give typed values", "[loader]") {
  labsim::Scenario s = labsim::load_scenario_string(kTyped, "t.yaml");
  CHECK(s.name == "typed");
  CHECK(s.title == "Units");
  CHECK(s.first_year == 2024);
  CHECK(s.last_year == 2030);
  CHECK(s.economy.inflation_rate == Approx(0.025));
  CHECK(s.hardware.price_performance_doubling_years == Approx(2.5));
  REQUIRE(s.market.industry_comp_usd.points.size() == 2);
  CHECK(s.market.industry_comp_usd.points[0] == std::pair<int, double>{2020, 256000});
  CHECK(s.market.industry_comp_usd.growth_factor == Approx(1.04));
  REQUIRE(s.market.frontier_training_flop);
  CHECK(s.market.frontier_training_flop->points[0].second == Approx(2.1e25));
  CHECK(s.market.frontier_training_flop->growth_factor == Approx(4.1));

  REQUIRE(s.institutions.size() == 2);
  const labsim::Institution& u = s.institutions[0];
  CHECK(u.fleet[0].count == 68);
  CHECK(u.procurement.lifetime_years == Approx(5));
  CHECK(u.procurement.server_overhead == Approx(0.64));
  CHECK(u.procurement.maintenance_rate == Approx(0.05));
  CHECK(u.procurement.commissioning_months == Approx(6));
  CHECK(u.operations.mfu == Approx(0.375));
  CHECK(u.largest_run.share == Approx(0.5));
  CHECK(u.largest_run.days == Approx(91.25));  // 3 months = 3 x 365/12 days
  REQUIRE(u.people.size() == 1);
  CHECK(u.people[0].role == labsim::Role::kPhd);
  CHECK(u.people[0].tuition_usd == Approx(16000));
  CHECK(u.people[0].program_years == Approx(5.5));
  REQUIRE(u.funding.size() == 2);
  CHECK(u.funding[0].amount_usd == Approx(140e6));
  CHECK_FALSE(u.funding[0].per_year);
  CHECK(u.funding[0].first_year == 2024);
  CHECK(u.funding[0].last_year == 2028);
  CHECK(u.funding[0].indirect_rate == Approx(0.55));
  CHECK(u.funding[1].amount_usd == Approx(1.5e6));
  CHECK(u.funding[1].per_year);
  CHECK(u.funding[1].growth_factor == Approx(1.04));
  CHECK(u.spending.compute_share == Approx(0.3));
  CHECK_FALSE(u.spending.carryover);

  const labsim::Institution& lab = s.institutions[1];
  CHECK(lab.kind == labsim::InstitutionKind::kIndustry);
  CHECK(lab.fleet[0].count == 350000);
  CHECK(lab.fleet[0].gpu == s.catalog.find("H100-SXM"));
  CHECK(lab.largest_run.days == Approx(90));
  CHECK(lab.people[0].market_salary);  // {value: market, source: ...} is the market salary
  CHECK(lab.funding[0].amount_usd == Approx(2.6e9));
}

TEST_CASE("a {value, source} wrapper records its source", "[loader]") {
  labsim::Scenario s = labsim::load_scenario_string(kTyped, "t.yaml");
  const labsim::Assumption* mfu = find_assumption(s, "institutions.u.operations.mfu");
  REQUIRE(mfu != nullptr);
  CHECK(mfu->value == "37.5%");
  CHECK(mfu->source == "Epoch AI: median MFU");
  CHECK(mfu->location.text() == "t.yaml:13:31");
  const labsim::Assumption* salary = find_assumption(s, "institutions.lab.people.research_scientist.salary");
  REQUIRE(salary != nullptr);
  CHECK(salary->value == "market");
  CHECK(salary->source == "Levels.fyi");
  const labsim::Assumption* plain = find_assumption(s, "institutions.u.funding.nsf.amount");
  REQUIRE(plain != nullptr);
  CHECK(plain->value == "$140M");
  CHECK(plain->source.empty());
}

TEST_CASE("a --set override changes a value addressed by id and name", "[loader]") {
  labsim::Scenario s = labsim::load_scenario_string(
      kTyped, "t.yaml", {"institutions.u.funding.nsf.amount=40M", "institutions.1.largest_run.days=60"});
  CHECK(s.institutions[0].funding[0].amount_usd == Approx(40e6));
  CHECK(s.institutions[0].funding[0].last_year == 2028);  // the rest of the stream is kept
  CHECK(s.institutions[1].largest_run.days == Approx(60));
  const labsim::Assumption* a = find_assumption(s, "institutions.u.funding.nsf.amount");
  REQUIRE(a != nullptr);
  CHECK(a->value == "40M");
  CHECK(a->location.text() == "--set #1:1:35");
}

TEST_CASE("hardware.catalog adds parts and overrides built-in ones", "[loader]") {
  labsim::Scenario s = labsim::load_scenario_string(
      "scenario: {name: t, years: 2025-2027}\n"
      "hardware:\n"
      "  catalog:\n"
      "    - {name: MyChip, bf16_tflops: 500, memory_gb: 96, tdp_w: 600, price_usd: 20k, year: 2025,\n"
      "       cloud_usd_per_hour: 2.5}\n"
      "    - {name: H100-SXM, price_usd: 25k}\n"
      "institutions:\n"
      "  - id: u\n"
      "    kind: university\n"
      "    fleet: [{gpu: MyChip, count: 4, acquired: 2025}]\n",
      "t.yaml");
  int mine = s.catalog.find("MyChip");
  REQUIRE(mine >= 0);
  const labsim::Accelerator& chip = s.catalog.parts[static_cast<size_t>(mine)];
  CHECK(chip.bf16_flops == Approx(500e12));
  CHECK(chip.memory_gb == Approx(96));
  CHECK(chip.tdp_w == Approx(600));
  CHECK(chip.release_year == 2025);
  REQUIRE(chip.price_usd);
  CHECK(chip.price_usd->at(2025) == Approx(20000));
  REQUIRE(chip.cloud_usd_per_hour);
  CHECK(chip.cloud_usd_per_hour->at(2025) == Approx(2.5));
  CHECK(s.institutions[0].fleet[0].gpu == mine);

  const labsim::Accelerator& h100 = s.catalog.parts[static_cast<size_t>(s.catalog.find("H100-SXM"))];
  REQUIRE(h100.price_usd);
  CHECK(h100.price_usd->at(2024) == Approx(25000));
  CHECK(h100.bf16_flops == Approx(989e12));  // the rest of the built-in part is kept
  CHECK(s.catalog.parts.size() == labsim::builtin_catalog().parts.size() + 1);
}

TEST_CASE("the minimal scenario loads", "[loader]") {
  labsim::Scenario s = labsim::load_scenario_string(kMinimal, "t.yaml");
  CHECK(s.name == "t");
  CHECK(s.year_count() == 3);
  REQUIRE(s.institutions.size() == 1);
  CHECK(s.institutions[0].id == "u");
  CHECK(s.institutions[0].kind == labsim::InstitutionKind::kUniversity);
}
