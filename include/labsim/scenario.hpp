// The typed scenario: what `io` produces from YAML and what the engine consumes.
// Money is in nominal US dollars, time in years unless a name says otherwise, rates are
// fractions (0.3 for 30%), growth is a factor per year (1.04 for 4%/yr).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "labsim/catalog.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/series.hpp"
#include "labsim/uncertain.hpp"

namespace labsim {

enum class InstitutionKind { kUniversity, kIndustry, kNationalResource };
enum class Ownership { kOwned, kCloud };          // an initial-fleet cohort: bought, or reserved rental
enum class ProcurementMode { kOwned, kCloud, kCheapest };

// Research roles. Every role counts towards research headcount.
enum class Role { kFaculty, kPostdoc, kPhd, kResearchScientist, kEngineer };
inline constexpr int kRoleCount = 5;
// The most `people` entries (roles and groups) an institution may have.
inline constexpr int kMaxPeopleGroups = 10;

// A group of identical GPUs that entered service together.
struct Cohort {
  int gpu = 0;                  // index into Scenario::catalog.parts
  double count = 0;             // GPUs
  int acquired_year = 0;        // first year in service
  Ownership ownership = Ownership::kOwned;
  double lifetime_years = 0;    // 0: use Procurement::lifetime_years
};

struct Procurement {
  int gpu = -1;                        // catalog index; -1 means `best` (best bf16 FLOP/s per USD)
  ProcurementMode mode = ProcurementMode::kOwned;
  double lifetime_years = 5;           // service life of owned GPUs (Epoch AI: 5 years from 2023)
  double server_overhead = 0.64;       // servers, network, storage over GPU price (Epoch AI: 1.64x)
  double maintenance_rate = 0.05;      // per year, share of capex in service (estimate)
  double commissioning_months = 0;     // delay before a purchase delivers, in its first year
  bool power_paid_by_lab = false;      // universities: power is an F&A facility cost unless true
};

struct Operations {
  double availability = 0.95;  // share of hours a GPU is up (estimate)
  double utilization = 0.60;   // share of up-hours running jobs (estimate)
  double mfu = 0.375;          // model FLOPs utilization (Epoch AI median of known runs)
};

struct LargestRun {
  double share = 0.5;         // share of the fleet one run may use in the first simulated year
  double days = 90;           // length of the run in the first simulated year [days]
  double days_growth = 1.0;   // factor per year on `days` after the first year; at most 365 days
  double share_growth = 1.0;  // factor per year on `share` after the first year; at most the whole fleet
  // The most facility power the run's GPUs may draw [GW], by year; none: no limit. Frontier
  // developers default to frontier_power_cap_gw().
  std::optional<Series> power_cap_gw;
};

// The scaling profile of a frontier developer (`frontier_developer: true`), docs/model.md,
// "Largest run". Training runs have grown longer by about 1.4x a year since 2020 (Epoch AI,
// "Compute scaling may slow once training durations reach their limits", 2025).
inline constexpr double kFrontierDaysGrowth = 1.4;
// The largest single sites a frontier developer has built or announced [W] (Epoch AI GPU
// clusters database, 2025-12: Meta's 100k-H100 cluster, 143 MW, operating Oct 2024; Prometheus,
// 1,281 MW, planned H2 2026; the Louisiana site, 2,260 MW, planned 2030), held after 2030;
// log-linear between. Epoch AI ("Can AI scaling continue through 2030?", 2024) puts single
// sites at 1-5 GW by 2030.
Series frontier_power_cap_gw();

// Headcount plan and cost of one role at one institution.
// One entry of an institution's `people`: a role, or a group within a role (several entries may
// share a role when each has its own `group` name: "20 of 25 faculty" on a top-up).
struct RolePlan {
  Role role = Role::kFaculty;
  std::string group;                // the group's name; empty: the role's only entry
  double count = 0;                 // headcount at the start and default target
  std::optional<Series> target;     // planned headcount by year; replaces `count` as the target
  double salary_usd = 0;            // salary in the first simulated year [USD/yr]
  bool market_salary = false;       // salary follows Market::industry_comp_usd
  double salary_growth = 1.025;     // factor per year (default: economy inflation)
  bool salary_growth_is_inflation = true;  // not given: 1 + Economy::inflation_rate
  double fringe = 0;                // benefits as a share of salary
  double paid_share = 1;            // share of the person's cost charged to these funds
  double tuition_usd = 0;           // per year, outside the F&A base
  double attrition_rate = 0;        // natural departures per year, share of stock
  double program_years = 0;         // PhD: mean years to graduation (0: not a degree program)
};

// One revenue stream.
// What a stream's money may be spent on: anything (split by Spending::compute_share), or only
// compute or only people (docs/model.md, "Earmarked money").
enum class Purpose { kAny, kCompute, kPeople };

struct Stream {
  std::string name;
  Purpose purpose = Purpose::kAny;
  double amount_usd = 0;          // total over the years, or per year when per_year
  bool per_year = false;
  int first_year = 0;
  int last_year = 0;
  double growth_factor = 1;       // per-year streams: growth per year after the first
  std::vector<double> schedule;   // total streams: share paid in each year (sums to 1)
  double indirect_rate = 0;       // F&A rate carried by this money (universities)
};

struct Spending {
  double compute_share = 0.3;  // share of available funds for compute (industry: kIndustryComputeShare)
  bool carryover = true;       // unspent money carries into next year, else it lapses
};
// Default compute share of an industry lab (estimate: capex-heavy labs spend most on compute).
inline constexpr double kIndustryComputeShare = 0.85;

// A national resource gives a share of its delivered H100-hours to another institution.
// What a national resource grants one recipient each year: a share of the hours it delivers, or
// a fixed number of H100-hours (docs/model.md, "Allocations"). Exactly one of the two is given.
struct Allocation {
  int recipient = 0;   // index into Scenario::institutions
  double share = 0;    // of the resource's delivered H100-equivalent hours
  std::optional<Series> h100_hours;  // fixed hours a year, drawn from what the shares leave
};

struct Institution {
  std::string id;
  std::string name;
  std::string short_name;  // how a brief's sentences name it ("the institute"); empty: `name`
  InstitutionKind kind = InstitutionKind::kUniversity;
  int replicas = 1;  // identical copies; extensive metrics are reported for all of them
  // Trains frontier models. The loader gives its largest run the frontier scaling profile for the
  // keys the scenario leaves out (kFrontierDaysGrowth, frontier_power_cap_gw()); setting this
  // member after loading changes nothing. Like every run, its run counts for the frontier.
  bool frontier_developer = false;
  std::vector<Cohort> fleet;
  Procurement procurement;
  Operations operations;
  LargestRun largest_run;
  std::vector<RolePlan> people;
  std::vector<Stream> funding;
  Spending spending;
  std::vector<Allocation> allocations;
  // The institution's own money at the start of the first year [USD, per replica]: it pays the
  // commitments the year's funds cannot (docs/model.md, "Reserves and cuts"). Not replenished.
  double reserves_usd = 0;
  // Share of the delivered compute used for research training (not inference, products or ads):
  // compute.h100_hours_per_researcher and the compute a researcher weighs count only this share.
  // Industry labs default to kIndustryResearchShare, others to all of it.
  double research_share = 1;
};

// Default research share of an industry lab's compute: OpenAI's 2024 compute spending, about
// $5 billion on research and development (training and experiments) of about $7 billion, the
// rest inference (Epoch AI estimate, 2025). An AI lab's figure: for a lab serving ads and
// products at scale it is an upper bound.
inline constexpr double kIndustryResearchShare = 0.71;

struct Economy {
  double inflation_rate = 0.025;          // per year; default salary and electricity growth
  double electricity_usd_per_kwh = 0.08;  // EIA industrial average 2023-2025
  double pue = 1.25;                      // facility power over IT power (Epoch AI, non-hyperscale)
  double server_power_factor = 1.82;      // server power over GPU TDP (Epoch AI, H100)
};

struct Hardware {
  int reference = 0;                          // catalog index of the H100-equivalent unit
  double price_performance_doubling_years = 2.5;  // after the newest catalog part
};

struct Market {
  // Median total pay of an industry AI research scientist [USD/yr]: Levels.fyi via the
  // Washington Post (Mar 2024); the 4%/yr growth is an estimate.
  Series industry_comp_usd{{{2020, 256000}, {2023, 335250}}, 1.04, true};
  // An exogenous floor under the year's frontier training run [FLOP], for scenarios that model
  // no frontier developer; none by default: the frontier is the largest modelled run.
  std::optional<Series> frontier_training_flop;
  std::optional<Series> industry_h100_hours_per_researcher;  // used when no industry institution
  // Industry demand for AI researchers [USD/yr]: the research-and-development expense of the
  // largest industry employers of AI researchers (validation/industry_demand.csv); none: the
  // demand term of the choice model is dropped (demand at its reference level).
  std::optional<Series> industry_demand_usd;
  // Academic demand for researchers [USD/yr]: federally funded R&D expenditure of US universities
  // (NSF HERD Survey, validation/academic_demand.csv); none: the academic-demand term of the choice
  // model is dropped (academic demand at its reference level).
  std::optional<Series> academic_demand_usd;
  // The academic job a new PhD weighs against industry, nationally [USD/yr]; none: the NIH NRSA
  // level-0 postdoc stipend, $61,008 in 2024 (NOT-OD-24-104), grown with inflation.
  std::optional<Series> academic_offer_usd;
};

// Logistic choice between staying and taking an industry offer.
struct ChoiceModel {
  double intercept = -1.79;  // calibrated on history.yaml up to 2019 (docs/validation.md)
  double salary = 1.6;      // per log pay ratio
  double compute = 0.0458;   // per log research-compute-per-researcher ratio; calibrated
  double demand = 0.438;    // per log of industry demand over kDemandReferenceUsd; calibrated
  // per log of academic demand over kAcademicDemandReferenceUsd, subtracted: more academic
  // openings make an industry offer less likely; calibrated
  double academic_demand = 2.46;
};

// The industry demand at which the demand term of the choice model is 0 [USD/yr]: the 2019
// research-and-development expense of Alphabet ($26.018 billion) and Meta ($13.600 billion),
// from their 10-K filings (validation/industry_demand.csv).
inline constexpr double kDemandReferenceUsd = 39.618e9;

// The academic demand at which the academic-demand term of the choice model is 0 [USD/yr]: the
// federally funded R&D expenditure of US universities in FY2019, $44.539 billion (NSF HERD
// Survey, Table 1; validation/academic_demand.csv).
inline constexpr double kAcademicDemandReferenceUsd = 44.539e9;

struct Talent {
  ChoiceModel choice;
  // Share of each role that weighs an industry offer each year (indexed by Role).
  // Postdocs weigh offers when their fixed-term post ends (their attrition), not on top of it.
  // Faculty: calibrated to Gofman & Jin's moves of AI professors 2004-2018 (docs/validation.md).
  std::array<double, kRoleCount> mobility{0.124, 0.0, 0.0, 0.0, 0.0};
  // Months a vacated post stays empty before the new hire starts, by role (docs/model.md, "Talent").
  std::array<double, kRoleCount> vacancy_months{9, 4, 0, 3, 3};
  // A new hire's research output in the first year, as a share of an experienced person's.
  double new_hire_productivity = 0.5;
};

struct Training {
  double tokens_per_parameter = 20;  // Chinchilla (Hoffmann et al. 2022)
};

// Research output (docs/model.md, "Research output"): expected notable models a year,
// researcher-years x (base_productivity + productivity x σ(steepness x ln(largest run / (threshold x
// frontier)))). Productivities and steepness calibrated to Epoch AI's notable models by sector,
// 2010-2019, all of them and those trained with at least the reference run (docs/validation.md);
// the threshold is the record's median notable model over the record to date, 2010-2019.
struct ResearchOutput {
  double base_productivity = 0.00334;  // notable models per researcher-year whatever the compute
  double productivity = 0.000988;      // more per researcher-year when the largest run is well above the reference
  double threshold = 8.73e-4;     // the reference run (the median notable model) as a share of the frontier run
  double steepness = 0.489;           // per log of the largest run over the reference
};

// One input as the user wrote it, for reports: where it came from and its citation.
struct Assumption {
  std::string path;         // key path, e.g. "institutions.institute.funding.nsf.amount"
  std::string value;        // text as written
  std::string source;       // `source:` given next to the value; empty if none
  SourceLocation location;  // of the value
};

struct Scenario {
  std::string name;
  std::string title;
  int first_year = 2024;
  int last_year = 2034;
  Economy economy;
  Hardware hardware;
  Catalog catalog;
  Market market;
  Talent talent;
  Training training;
  ResearchOutput output;
  std::vector<Institution> institutions;
  std::vector<Assumption> assumptions;
  // Inputs given as distributions, in the order the loader reads the keys (the field table's):
  // Monte Carlo gives them dimensions in this order, so it is part of what a seed reproduces.
  std::vector<UncertainInput> uncertain;
  std::string resolved_json;  // the merged scenario tree as JSON, for reproducible outputs

  int year_count() const { return last_year - first_year + 1; }
};

// Dense bf16 peak of the scenario's reference GPU, the unit of H100-equivalents [FLOP/s].
double reference_peak_flops(const Scenario& s);

// Whether a national resource grants hours from outside the model: it neither owns GPUs nor has
// money, so it has no delivered hours to share and its fixed grants are paid in full.
bool grants_only(const Institution& inst);

const char* to_string(InstitutionKind kind);
const char* to_string(Role role);
const char* to_string(Purpose purpose);

}  // namespace labsim
