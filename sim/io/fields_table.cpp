// The field table (sim/io/fields.hpp): every numeric scenario key with its unit, limits, where it
// lives and where its default comes from. Defaults themselves are the member initializers of
// include/labsim/scenario.hpp and catalog.hpp; role- and kind-dependent ones are role_defaults()
// below and the rules in `default_note`.
#include "io/fields.hpp"

namespace labsim::io {

namespace {

using Q = Quantity;
using S = Section;

constexpr int role(Role r) { return static_cast<int>(r); }

// The least a price may fall to by the last year [USD]: a millionth of a dollar. A price series
// that falls further (say -99 %/yr for a century) makes purchases, and the fleet's FLOP, overflow.
constexpr double kLeastPrice = 1e-6;
constexpr int kPhd = role(Role::kPhd);

constexpr FieldSpec kFields[] = {
    {.section = S::kTop, .key = "scenario", .shape = Shape::kOther, .required = true, .unit = "mapping",
     .label = "Name, title and the years to simulate"},
    {.section = S::kTop, .key = "economy", .shape = Shape::kOther, .unit = "mapping",
     .label = "Inflation, electricity price, data-centre power overheads"},
    {.section = S::kTop, .key = "hardware", .shape = Shape::kOther, .unit = "mapping",
     .label = "The reference GPU, price-performance trend, extra catalog parts"},
    {.section = S::kTop, .key = "market", .shape = Shape::kOther, .unit = "mapping",
     .label = "Industry pay, frontier training compute, industry compute per researcher"},
    {.section = S::kTop, .key = "institutions", .shape = Shape::kOther, .required = true, .unit = "list of institutions",
     .label = "At least one institution"},
    {.section = S::kTop, .key = "talent", .shape = Shape::kOther, .unit = "mapping",
     .label = "The choice model for moves to industry, and who weighs offers"},
    {.section = S::kTop, .key = "training", .shape = Shape::kOther, .unit = "mapping",
     .label = "The tokens-per-parameter rule for compute-optimal models"},
    {.section = S::kTop, .key = "output", .shape = Shape::kOther, .unit = "mapping",
     .label = "The research-output stage"},
    {.section = S::kScenario, .key = "name", .shape = Shape::kOther, .required = true, .unit = "text",
     .label = "Short name: first column of the CSV, heading of the table"},
    {.section = S::kScenario, .key = "title", .shape = Shape::kOther, .unit = "text",
     .label = "Shown after the name in the table heading"},
    {.section = S::kScenario, .key = "description", .shape = Shape::kOther, .unit = "text",
     .label = "Free text, kept in run.json"},
    {.section = S::kScenario, .key = "years", .quantity = Q::kYear, .shape = Shape::kFixed, .required = true,
     .unit = "year range", .label = "The simulated years, both ends included (at most 200 years)", .condition = "at most 200 years, the last not before the first"},
    {.section = S::kEconomy, .key = "inflation", .quantity = Q::kRate, .member = &Economy::inflation_rate,
     .label = "Consumer-price inflation: default salary growth, electricity and NIH-stipend growth",
     .default_note = "estimate"},
    {.section = S::kEconomy, .key = "electricity_usd_per_kwh", .quantity = Q::kMoney, .limits = between(0, 5),
     .member = &Economy::electricity_usd_per_kwh, .unit = "USD per kWh",
     .label = "Electricity price in the first simulated year", .default_note = "EIA US industrial average 2023-25"},
    {.section = S::kEconomy, .key = "pue", .limits = between(1, 5), .member = &Economy::pue,
     .label = "Power usage effectiveness: facility power over IT power", .default_note = "Epoch AI, non-hyperscale"},
    {.section = S::kEconomy, .key = "server_power_factor", .limits = between(1, 5),
     .member = &Economy::server_power_factor, .label = "Server power over GPU board power (TDP)",
     .default_note = "Epoch AI, H100 servers"},

    {.section = S::kHardware, .key = "reference", .shape = Shape::kOther, .unit = "catalog part name",
     .label = "The unit of H100-equivalents and H100-hours", .default_note = "`H100-SXM`", .condition = "a part of the catalog, built-in or added"},
    {.section = S::kHardware, .key = "price_performance_doubling", .quantity = Q::kYears,
     .limits = between(0.5, 200), .member = &Hardware::price_performance_doubling_years, .unit = "years",
     .label = "Doubling time of FLOP/s per dollar after the newest catalog part (gpu: best)",
     .default_note = "Hobbhahn & Besiroglu 2022, Epoch AI"},
    {.section = S::kHardware, .key = "catalog", .shape = Shape::kOther, .unit = "list of parts",
     .label = "Parts to add to the built-in catalog, or changes to built-in parts"},

    {.section = S::kMarket, .key = "industry_comp", .quantity = Q::kMoney, .member = &Market::industry_comp_usd,
     .shape = Shape::kSeries, .unit = "USD a year",
     .label = "Median total pay of an industry AI research scientist",
     .default_note = "Levels.fyi via Washington Post, Mar 2024; the 4 %/yr is an estimate"},
    {.section = S::kMarket, .key = "frontier_training_flop", .quantity = Q::kFlop,
     .member = &Market::frontier_training_flop, .shape = Shape::kSeries,
     .label = "Largest training run of the year", .default_note = "Epoch AI: GPT-4 estimate; 4-5x a year"},
    {.section = S::kMarket, .key = "industry_h100_hours_per_researcher", .quantity = Q::kCount,
     .member = &Market::industry_h100_hours_per_researcher, .shape = Shape::kSeries,
     .unit = "H100-hours per researcher per year",
     .label = "Industry compute per researcher, when no industry institution has researchers"},

    {.section = S::kTalent, .key = "choice", .shape = Shape::kOther, .unit = "mapping",
     .label = "The logistic choice between staying and taking an industry offer"},
    {.section = S::kTalent, .key = "mobility", .shape = Shape::kOther, .unit = "mapping",
     .label = "Share of each university role that weighs an offer each year"},
    {.section = S::kChoice, .key = "intercept", .member = &ChoiceModel::intercept,
     .label = "Baseline log-odds of taking an industry offer",
     .default_note = "calibrated to AI PhD placement 2004-2011, docs/validation.md"},
    {.section = S::kChoice, .key = "salary", .member = &ChoiceModel::salary, .unit = "per log pay ratio",
     .label = "Weight of the pay gap in the choice model", .default_note = "estimate"},
    {.section = S::kChoice, .key = "compute", .member = &ChoiceModel::compute, .unit = "per log compute ratio",
     .label = "Weight of the compute-per-researcher gap in the choice model", .default_note = "estimate"},
    {.section = S::kMobility, .key = "faculty", .quantity = Q::kRate, .role = role(Role::kFaculty),
     .label = "Share of faculty who weigh an industry offer each year", .default_note = "estimate"},
    {.section = S::kMobility, .key = "postdoc", .quantity = Q::kRate, .role = role(Role::kPostdoc),
     .label = "Share of postdocs who weigh an industry offer each year", .default_note = "estimate"},
    {.section = S::kMobility, .key = "phd", .quantity = Q::kRate, .role = role(Role::kPhd),
     .label = "Share of PhD students who weigh an industry offer each year"},
    {.section = S::kMobility, .key = "research_scientist", .quantity = Q::kRate, .role = role(Role::kResearchScientist),
     .label = "Share of university research scientists who weigh an industry offer each year"},
    {.section = S::kMobility, .key = "engineer", .quantity = Q::kRate, .role = role(Role::kEngineer),
     .label = "Share of university engineers who weigh an industry offer each year"},

    {.section = S::kTraining, .key = "tokens_per_parameter", .limits = above_upto(0, 1e6),
     .member = &Training::tokens_per_parameter, .label = "Training tokens per parameter of a compute-optimal model",
     .default_note = "Chinchilla, Hoffmann et al. 2022"},

    {.section = S::kOutput, .key = "productivity", .limits = between(0, 1000), .member = &ResearchOutput::productivity,
     .unit = "notable models per researcher-year", .label = "Notable models a researcher produces when compute is no limit",
     .default_note = "calibrated, docs/validation.md"},
    {.section = S::kOutput, .key = "threshold", .quantity = Q::kShare, .limits = above_upto(0, 1),
     .member = &ResearchOutput::threshold, .unit = "of the year's frontier run",
     .label = "Largest run, as a share of the frontier run, notable with even odds",
     .default_note = "calibrated, docs/validation.md"},
    {.section = S::kOutput, .key = "steepness", .limits = between(1e-6, 100), .member = &ResearchOutput::steepness,
     .unit = "per log of the ratio", .label = "How sharply notability falls below the threshold",
     .default_note = "the fit's lower bound: no compute threshold up to 2019"},

    {.section = S::kPart, .key = "name", .shape = Shape::kOther, .required = true, .unit = "text",
     .label = "The part's name, used by gpu: and reference:"},
    {.section = S::kPart, .key = "class", .shape = Shape::kOther, .unit = "`datacenter`, `workstation` or `consumer`",
     .label = "gpu: best buys and rents only datacenter parts", .default_note = "`datacenter`"},
    {.section = S::kPart, .key = "year", .quantity = Q::kYear, .shape = Shape::kFixed, .required = true,
     .label = "Release year: the part cannot be bought or rented before it"},
    {.section = S::kPart, .key = "bf16_tflops", .limits = above_upto(0, 1e6), .member = &Accelerator::bf16_flops,
     .scale = 1e12, .required = true, .unit = "TFLOP/s per GPU", .label = "Dense bf16 peak"},
    {.section = S::kPart, .key = "fp8_tflops", .quantity = Q::kAmount, .member = &Accelerator::fp8_flops,
     .scale = 1e12, .unit = "TFLOP/s per GPU", .label = "Dense fp8 peak (informational)"},
    {.section = S::kPart, .key = "memory_gb", .quantity = Q::kCount, .member = &Accelerator::memory_gb,
     .unit = "GB", .label = "On-package memory (informational)"},
    {.section = S::kPart, .key = "tdp_w", .quantity = Q::kCount, .member = &Accelerator::tdp_w, .required = true,
     .unit = "W per GPU", .label = "Board power"},
    {.section = S::kPart, .key = "price_usd", .quantity = Q::kMoney, .limits = above_upto(0, 1e15),
     .member = &Accelerator::price_usd, .shape = Shape::kSeries, .unit = "USD per GPU",
     .label = "Purchase price per GPU, without servers", .default_note = "none: the part cannot be bought",
     .hint = "leave the key out if the part cannot be bought", .horizon_floor = kLeastPrice},
    {.section = S::kPart, .key = "cloud_usd_per_hour", .quantity = Q::kMoney, .limits = above_upto(0, 1e15),
     .member = &Accelerator::cloud_usd_per_hour, .shape = Shape::kSeries, .unit = "USD per GPU-hour",
     .label = "On-demand rental rate", .default_note = "none: the part cannot be rented",
     .hint = "leave the key out if the part cannot be rented", .horizon_floor = kLeastPrice},
    // Above 2.5 a part would exceed 100 % MFU where the H100 reaches 40 % (Llama 3: 38-43 %).
    {.section = S::kPart, .key = "training_efficiency", .limits = above_upto(0, 2.5),
     .member = &Accelerator::training_efficiency, .unit = "of the H100's MFU",
     .label = "MFU of a fleet of this part relative to the H100 on the same training workload",
     .default_note = "nothing known"},
    {.section = S::kPart, .key = "source", .shape = Shape::kOther, .unit = "text",
     .label = "Citation for the figures"},

    {.section = S::kInstitution, .key = "id", .shape = Shape::kOther, .required = true, .unit = "text",
     .label = "Identifier in outputs, --set paths, allocates: and extends: merges"},
    {.section = S::kInstitution, .key = "name", .shape = Shape::kOther, .unit = "text",
     .label = "Display name", .default_note = "the `id`"},
    {.section = S::kInstitution, .key = "kind", .shape = Shape::kOther, .required = true, .unit = "`university`, `industry` or `national_resource`",
     .label = "What kind of institution"},
    {.section = S::kInstitution, .key = "replicas", .quantity = Q::kCount, .limits = between(1, 1e6),
     .shape = Shape::kFixed, .whole = true, .label = "Identical institutions modelled together", .default_note = "1", .condition = "a whole number"},
    {.section = S::kInstitution, .key = "fleet", .shape = Shape::kOther, .unit = "list of cohorts",
     .label = "GPUs owned or reserved at the start"},
    {.section = S::kInstitution, .key = "procurement", .shape = Shape::kOther, .unit = "mapping",
     .label = "What and how it buys"},
    {.section = S::kInstitution, .key = "operations", .shape = Shape::kOther, .unit = "mapping",
     .label = "Availability, utilization, MFU"},
    {.section = S::kInstitution, .key = "largest_run", .shape = Shape::kOther, .unit = "mapping",
     .label = "Size of the largest single training run"},
    {.section = S::kInstitution, .key = "people", .shape = Shape::kOther, .unit = "list of roles",
     .label = "Headcount, pay and departures by role"},
    {.section = S::kInstitution, .key = "funding", .shape = Shape::kOther, .unit = "list of streams",
     .label = "Money coming in"},
    {.section = S::kInstitution, .key = "spending", .shape = Shape::kOther, .unit = "mapping",
     .label = "Split between compute and people; carry-over"},
    {.section = S::kInstitution, .key = "allocates", .shape = Shape::kOther, .unit = "list",
     .label = "Shares of its compute given to other institutions (national resources)"},

    {.section = S::kCohort, .key = "gpu", .shape = Shape::kOther, .required = true, .unit = "catalog part name",
     .label = "The part"},
    {.section = S::kCohort, .key = "count", .quantity = Q::kCount, .member = &Cohort::count, .required = true,
     .whole = true, .unit = "GPUs", .label = "GPUs in the cohort", .condition = "rounded down to whole GPUs"},
    {.section = S::kCohort, .key = "acquired", .quantity = Q::kYear, .shape = Shape::kFixed, .required = true,
     .label = "First year in service", .condition = "not after the scenario's first year"},
    {.section = S::kCohort, .key = "ownership", .shape = Shape::kOther, .unit = "`owned` or `cloud`",
     .label = "Bought before the scenario, or a reserved rental", .default_note = "`owned`"},
    {.section = S::kCohort, .key = "lifetime", .quantity = Q::kYears, .member = &Cohort::lifetime_years,
     .unit = "years", .label = "Years in service", .default_note = "0 means procurement.lifetime"},

    {.section = S::kProcurement, .key = "gpu", .shape = Shape::kOther, .unit = "`best` or a catalog part name",
     .label = "What to buy or rent each year", .default_note = "`best`"},
    {.section = S::kProcurement, .key = "mode", .shape = Shape::kOther, .unit = "`owned`, `cloud` or `cheapest`",
     .label = "Buy, rent, or the cheaper per delivered FLOP", .default_note = "`owned`"},
    {.section = S::kProcurement, .key = "lifetime", .quantity = Q::kYears, .limits = between(1, 200),
     .member = &Procurement::lifetime_years, .unit = "years", .label = "Service life of GPUs bought",
     .default_note = "Epoch AI"},
    {.section = S::kProcurement, .key = "server_overhead", .quantity = Q::kOverhead,
     .member = &Procurement::server_overhead, .label = "Servers, networking and storage over the GPU price",
     .default_note = "Epoch AI: server cost 1.64x GPU cost"},
    {.section = S::kProcurement, .key = "maintenance", .quantity = Q::kRate, .member = &Procurement::maintenance_rate,
     .label = "Yearly upkeep of owned GPUs, share of capital cost", .default_note = "estimate"},
    {.section = S::kProcurement, .key = "commissioning", .quantity = Q::kMonths, .limits = between(0, 12),
     .member = &Procurement::commissioning_months, .unit = "months",
     .label = "Delay before a purchase delivers, in its first year", .default_note = "estimate"},
    {.section = S::kProcurement, .key = "power_paid_by", .shape = Shape::kOther, .unit = "`institution` or `lab`",
     .label = "Universities: who pays electricity for owned GPUs", .default_note = "`institution`"},

    {.section = S::kOperations, .key = "availability", .quantity = Q::kShare, .member = &Operations::availability,
     .label = "Share of hours an owned GPU is up", .default_note = "estimate"},
    {.section = S::kOperations, .key = "utilization", .quantity = Q::kShare, .member = &Operations::utilization,
     .label = "Share of up-hours running jobs", .default_note = "estimate"},
    {.section = S::kOperations, .key = "mfu", .quantity = Q::kShare, .member = &Operations::mfu,
     .label = "Model FLOPs utilization", .default_note = "Epoch AI: median of known training runs"},

    {.section = S::kLargestRun, .key = "share", .quantity = Q::kShare, .member = &LargestRun::share,
     .label = "Share of the fleet one training run may use", .default_note = "estimate"},
    {.section = S::kLargestRun, .key = "days", .quantity = Q::kDays, .limits = between(0, 365),
     .member = &LargestRun::days, .unit = "days", .label = "Length of the largest run", .default_note = "estimate"},
    {.section = S::kLargestRun, .key = "days_growth", .quantity = Q::kGrowth, .member = &LargestRun::days_growth,
     .label = "Yearly growth of the run's length after the first year; runs stop growing at 365 days",
     .default_note = "runs keep their length (model v1)"},

    {.section = S::kRole, .key = "role", .shape = Shape::kOther, .required = true, .unit = "`faculty`, `postdoc`, `phd`, `research_scientist` or `engineer`",
     .label = "The role"},
    {.section = S::kRole, .key = "count", .quantity = Q::kCount, .member = &RolePlan::count, .required = true,
     .unit = "people", .label = "Headcount at the start, and the target unless `target` is given", .condition = "fractions allowed"},
    {.section = S::kRole, .key = "target", .quantity = Q::kCount, .member = &RolePlan::target,
     .shape = Shape::kSeries, .unit = "people", .label = "Planned headcount by year",
     .default_note = "none: `count` is the target"},
    {.section = S::kRole, .key = "salary", .quantity = Q::kMoney, .member = &RolePlan::salary_usd, .required = true,
     .custom = true, .unit = "USD a year", .label = "Salary in the first simulated year, or `market`"},
    {.section = S::kRole, .key = "salary_growth", .quantity = Q::kGrowth, .member = &RolePlan::salary_growth,
     .label = "Yearly growth of salary and tuition", .default_note = "follows economy.inflation"},
    {.section = S::kRole, .key = "fringe", .quantity = Q::kOverhead, .member = &RolePlan::fringe,
     .label = "Benefits as a share of salary", .default_note = "at universities; 0 elsewhere; estimates"},
    {.section = S::kRole, .key = "paid_share", .quantity = Q::kShare, .member = &RolePlan::paid_share,
     .label = "Share of each person's cost charged to these funds"},
    {.section = S::kRole, .key = "tuition", .quantity = Q::kMoney, .member = &RolePlan::tuition_usd,
     .unit = "USD a year", .label = "Tuition per person, outside the F&A base"},
    {.section = S::kRole, .key = "attrition", .quantity = Q::kRate, .member = &RolePlan::attrition_rate,
     .label = "Natural departures, share of the stock", .default_note = "estimates"},
    {.section = S::kRole, .key = "program_years", .quantity = Q::kYears, .limits = between(1, 200),
     .member = &RolePlan::program_years, .role = kPhd, .unit = "years",
     .label = "Mean years to graduation", .default_note = "estimates"},
    {.section = S::kRole, .key = "program_years", .quantity = Q::kYears, .member = &RolePlan::program_years,
     .unit = "years", .label = "Mean years to graduation", .default_note = "estimates"},

    {.section = S::kStream, .key = "name", .shape = Shape::kOther, .required = true, .unit = "text",
     .label = "Name of the stream"},
    {.section = S::kStream, .key = "amount", .quantity = Q::kMoney, .member = &Stream::amount_usd, .required = true,
     .per_year = true, .custom = true, .unit = "USD in total, or a year with /yr", .label = "Money of the stream"},
    {.section = S::kStream, .key = "years", .quantity = Q::kYear, .shape = Shape::kFixed, .required = true,
     .unit = "year range", .label = "Years the money is paid, both ends included"},
    {.section = S::kStream, .key = "growth", .quantity = Q::kGrowth, .member = &Stream::growth_factor,
     .label = "Yearly growth of a per-year amount", .condition = "per-year amounts only"},
    {.section = S::kStream, .key = "schedule", .quantity = Q::kShare, .shape = Shape::kFixed, .unit = "list of shares",
     .label = "Share of a total amount paid in each year", .default_note = "equal shares", .condition = "one share per year of `years`, adding to 100 % (0.5 % either way); total amounts only"},
    {.section = S::kStream, .key = "indirect_rate", .quantity = Q::kShare, .member = &Stream::indirect_rate,
     .label = "F&A rate carried by this money (universities)", .condition = "universities only"},

    {.section = S::kSpending, .key = "compute_share", .quantity = Q::kShare, .member = &Spending::compute_share,
     .label = "Share of available funds for compute"},
    {.section = S::kSpending, .key = "carryover", .shape = Shape::kOther, .unit = "true or false",
     .label = "Unspent money carries into next year, else it lapses", .default_note = "`true`"},

    {.section = S::kAllocation, .key = "institution", .shape = Shape::kOther, .required = true, .unit = "institution id",
     .label = "The recipient"},
    {.section = S::kAllocation, .key = "share", .quantity = Q::kShare, .shape = Shape::kFixed, .required = true,
     .label = "Share of the resource's delivered H100-hours given to the institution", .condition = "a resource's shares add up to at most 100 %"},
};

// Per-role defaults, all estimates (docs/model.md, talent).
constexpr RoleDefaults kRoleDefaults[kRoleCount] = {
    {0.03, 0.30, 0},  // faculty
    {0.30, 0.25, 0},  // postdoc: about three years in post
    {0.0, 0.0, 5.5},  // phd: leaves by graduating
    {0.10, 0.0, 0},   // research scientist (pay is total compensation)
    {0.10, 0.0, 0},   // engineer
};

}  // namespace

std::span<const FieldSpec> field_specs() { return kFields; }

const RoleDefaults& role_defaults(Role role) { return kRoleDefaults[static_cast<int>(role)]; }

}  // namespace labsim::io
