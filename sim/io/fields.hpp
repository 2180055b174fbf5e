// The field table: every numeric scenario key, written once. The loader's allowed keys, reads and
// range checks, the bound fields of sweep/solve/mc/calibrate (sim/io/bind.*), `labsim
// validate --keys` and the key tables of docs/scenario-format.md all come from it.
//
// Adding a numeric key: add a member (with its default and a comment) to the plain struct in
// include/labsim/scenario.hpp, one row to kFields in sim/io/fields_table.cpp, use it in its
// model stage, and add its row to docs/scenario-format.md (a test compares the doc with this
// table). See docs/architecture.md.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "io/units.hpp"
#include "labsim/scenario.hpp"

namespace labsim::io {

// The scenario section a key belongs to; its path pattern is section_path().
enum class Section {
  kTop, kScenario, kEconomy, kHardware, kMarket, kTalent, kChoice, kMobility, kVacancy, kTraining, kOutput,
  kPart, kInstitution, kCohort, kProcurement, kOperations, kLargestRun, kRole, kStream, kSpending,
  kAllocation,
};

// "", "economy", "institutions.<id>.procurement", "institutions.<id>.people.<role>", ...
std::string_view section_path(Section s);

// Where a key's values may lie, in written units (a share as a fraction, a duration in the key's
// unit). The key's quantity has its own range too (io::domain); a value must lie in both.
struct Limits {
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  bool lower_open = false;  // the lower bound itself is excluded ("above 0")
  bool upper_open = false;

  bool contains(double v) const {
    return (lower_open ? v > lower : v >= lower) && (upper_open ? v < upper : v <= upper);
  }
};

inline constexpr Limits kAnyValue{};
constexpr Limits between(double lo, double hi) { return Limits{lo, hi, false, false}; }
constexpr Limits above_upto(double lo, double hi) { return Limits{lo, hi, true, false}; }

// Where the number lives in the typed scenario: a member of the struct of its section.
using Member = std::variant<std::monostate, double Economy::*, double Hardware::*, double ChoiceModel::*,
                            double Training::*, double ResearchOutput::*, double Accelerator::*, double Cohort::*,
                            double Procurement::*, double Operations::*, double LargestRun::*, double RolePlan::*,
                            double Stream::*, double Spending::*, double Institution::*, double Talent::*, Series Market::*,
                            double Allocation::*, std::optional<Series> Market::*,
                            std::optional<Series> Accelerator::*, std::optional<Series> RolePlan::*,
                            std::optional<Series> LargestRun::*, std::optional<Series> Allocation::*>;

// Whether member pointer type M points into Owner.
template <class M, class Owner>
struct IsMemberOf : std::false_type {};
template <class T, class Owner>
struct IsMemberOf<T Owner::*, Owner> : std::true_type {};
template <class M, class Owner>
inline constexpr bool kMemberOf = IsMemberOf<M, Owner>::value;

// Whether `section` is a per-role mapping of Talent (talent.mobility, talent.vacancy_months).
constexpr bool is_role_map(Section section) { return section == Section::kMobility || section == Section::kVacancy; }

enum class Shape {
  kNumber,  // one number
  kSeries,  // a value or {YEAR: value, ..., growth: x/yr}; the limits apply to every point
  kFixed,   // a number that shapes the scenario (years, replicas, schedules):
            // read by the loader's own code, never uncertain, never varied
  kOther,   // not a number (a name, a choice, a list, a mapping): read by the loader's own code
};

struct FieldSpec {
  Section section = Section::kEconomy;
  std::string_view key{};         // as written under its section
  Quantity quantity = Quantity::kNumber;
  Limits limits = kAnyValue;      // narrows the quantity's own range
  Member member{};                // std::monostate: the loader's own code reads it (see `custom`)
  Shape shape = Shape::kNumber;
  double scale = 1;               // stored value = written value x scale (bf16_tflops: 1e12)
  bool required = false;
  bool whole = false;             // a whole number: GPU counts are rounded down, replicas must be whole
  bool per_year = false;          // money that may be written per year ("1.5M/yr")
  bool custom = false;            // a number read by the loader's own code (salary: `market`)
  int role = -1;                  // kRole: this role only; kMobility, kVacancy: the role it is about
  std::string_view unit{};        // what the number counts ("TFLOP/s per GPU"); kOther: its type
  std::string_view label{};       // one plain-language line
  std::string_view default_note{}; // where the default comes from, or the rule when it depends on context
  std::string_view hint{};        // added to a range error
  std::string_view condition{};   // what else the loader requires, in words ("universities only")
  double horizon_floor = 0;       // series: the least the value may fall to by the last year (0: none)
  bool log_linear = false;        // series: interpolated log-linearly between points (grows multiplicatively)

  bool varies() const { return shape == Shape::kNumber || shape == Shape::kSeries; }
  // Read by the generic reader (read_fields), not by the loader's own code.
  bool generic() const { return varies() && !custom; }
};

// Every key, in scenario order.
std::span<const FieldSpec> field_specs();

// The keys of `section` (for a role section, those that apply to `role`), in table order.
std::vector<const FieldSpec*> section_fields(Section section, int role = -1);
// The key `key` of `section` (for roles, as it applies to `role`). Requires that it exists.
const FieldSpec& field_spec(Section section, std::string_view key, int role = -1);
// Their names, for expect_map.
std::vector<std::string> section_keys(Section section, int role = -1);

// The limits of `spec` intersected with its quantity's range.
Limits effective_limits(const FieldSpec& spec);

// "from 1 to 5", "above 0 and at most 1e6", "at most 365 days", "" for any value: the limits of
// `spec` in words, in written units (shares as percentages).
std::string limits_text(const FieldSpec& spec);

// The problem with `value` (written units) for `spec`, or nullopt when it is allowed:
// "expected a number from 1 to 5, found 0.5".
std::optional<std::string> check_value(const FieldSpec& spec, double value);

// The default as docs show it: "1.25 (Epoch AI, non-hyperscale)", "required", or the rule.
std::string default_text(const FieldSpec& spec);

// A value in written units as a reader writes it: 0.35 share -> "35 %", 5 years -> "5 years".
std::string written(Quantity q, double value);

// Per-role defaults the loader applies (docs/model.md, talent), indexed by Role.
// The number a talent.mobility or talent.vacancy_months key `spec` stands for in `talent`.
inline double& role_value(Talent& talent, const FieldSpec& spec) {
  auto i = static_cast<size_t>(spec.role);
  return spec.section == Section::kMobility ? talent.mobility[i] : talent.vacancy_months[i];
}

struct RoleDefaults {
  double attrition;      // natural departures per year
  double fringe;         // benefits over salary, universities only
  double program_years;  // mean years to graduation (degree programs)
};
const RoleDefaults& role_defaults(Role role);

}  // namespace labsim::io
