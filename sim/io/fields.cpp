// Lookups in the field table and its texts (limits, defaults) for messages and docs.
#include "io/fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <type_traits>

namespace labsim::io {

namespace {

// 1e+09 -> 1e9: how the docs and scenarios write large limits.
std::string plain(double v) {
  std::string s = fmt::format("{:g}", v);
  size_t e = s.find("e+");
  if (e != std::string::npos) {
    std::string exponent = s.substr(e + 2);
    exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
    s = s.substr(0, e) + "e" + exponent;
  }
  return s;
}

// The unit word after a written number, and the factor from stored to written.
struct Written {
  double factor = 1;
  const char* suffix = "";
};

Written written_unit(Quantity q) {
  switch (q) {
    case Quantity::kShare:
    case Quantity::kOverhead: return {100, " %"};
    case Quantity::kRate: return {100, " %/yr"};
    case Quantity::kYears: return {1, " years"};
    case Quantity::kMonths: return {1, " months"};
    case Quantity::kDays: return {1, " days"};
    default: return {};
  }
}

template <class M>
struct MemberOf;
template <class O, class T>
struct MemberOf<T O::*> {
  using Owner = O;
  using Type = T;
};

// What a default-constructed section holds for `spec`: a number (written units), a series, or
// nothing (no default).
std::variant<std::monostate, double, Series> struct_default(const FieldSpec& spec) {
  if (is_role_map(spec.section)) {
    Talent defaults;
    return role_value(defaults, spec);
  }
  return std::visit(
      [&](auto member) -> std::variant<std::monostate, double, Series> {
        using M = decltype(member);
        if constexpr (std::is_same_v<M, std::monostate>) {
          return std::monostate{};
        } else {
          typename MemberOf<M>::Owner owner{};
          const auto& value = owner.*member;
          using T = typename MemberOf<M>::Type;
          if constexpr (std::is_same_v<T, double>) return value / spec.scale;
          else if constexpr (std::is_same_v<T, Series>) return value;
          else return std::monostate{};
        }
      },
      spec.member);
}

std::string series_text(Quantity q, const Series& s) {
  std::string out = "{";
  for (const auto& [year, value] : s.points) out += fmt::format("{}: {}, ", year, written(q, value));
  return out + "growth: " + written(Quantity::kGrowth, s.growth_factor) + "}";
}

// Defaults that depend on the role: "faculty 3 %/yr, postdoc 30 %/yr, ...".
std::string by_role(const FieldSpec& spec) {
  std::string out = "by role:";
  for (int r = 0; r < kRoleCount; ++r) {
    const RoleDefaults& d = role_defaults(static_cast<Role>(r));
    double v = spec.key == "attrition" ? d.attrition : spec.key == "fringe" ? d.fringe : d.program_years;
    out += fmt::format("{} {} {}", r ? "," : "", to_string(static_cast<Role>(r)), written(spec.quantity, v));
  }
  return out;
}

}  // namespace

std::string_view section_path(Section s) {
  switch (s) {
    case Section::kTop: return "";
    case Section::kScenario: return "scenario";
    case Section::kTalent: return "talent";
    case Section::kEconomy: return "economy";
    case Section::kHardware: return "hardware";
    case Section::kMarket: return "market";
    case Section::kChoice: return "talent.choice";
    case Section::kMobility: return "talent.mobility";
    case Section::kVacancy: return "talent.vacancy_months";
    case Section::kTraining: return "training";
    case Section::kOutput: return "output";
    case Section::kPart: return "hardware.catalog.<name>";
    case Section::kInstitution: return "institutions.<id>";
    case Section::kCohort: return "institutions.<id>.fleet[<i>]";
    case Section::kProcurement: return "institutions.<id>.procurement";
    case Section::kOperations: return "institutions.<id>.operations";
    case Section::kLargestRun: return "institutions.<id>.largest_run";
    case Section::kRole: return "institutions.<id>.people.<role>";
    case Section::kStream: return "institutions.<id>.funding.<name>";
    case Section::kSpending: return "institutions.<id>.spending";
    case Section::kAllocation: return "institutions.<id>.allocates[<i>]";
  }
  return "";
}

std::vector<const FieldSpec*> section_fields(Section section, int role) {
  std::vector<const FieldSpec*> out;
  for (const FieldSpec& f : field_specs()) {
    if (f.section != section) continue;
    if (section == Section::kRole && f.role >= 0 && f.role != role) continue;
    auto seen = std::find_if(out.begin(), out.end(), [&](const FieldSpec* o) { return o->key == f.key; });
    if (seen == out.end()) out.push_back(&f);
    else if (section == Section::kRole && f.role == role) *seen = &f;  // the role's own row wins, wherever it is
  }
  return out;
}

const FieldSpec& field_spec(Section section, std::string_view key, int role) {
  for (const FieldSpec* f : section_fields(section, role))
    if (f->key == key) return *f;
  throw std::logic_error(fmt::format("no field {} in {}", key, section_path(section)));
}

std::vector<std::string> section_keys(Section section, int role) {
  std::vector<std::string> keys;
  for (const FieldSpec* f : section_fields(section, role)) keys.emplace_back(f->key);
  return keys;
}

Limits effective_limits(const FieldSpec& spec) {
  auto [lo, hi] = domain(spec.quantity);
  Limits l = spec.limits;
  if (lo > l.lower || (lo == l.lower && spec.quantity == Quantity::kGrowth)) {
    l.lower = lo;
    l.lower_open = spec.quantity == Quantity::kGrowth;  // a growth factor is above 0
  }
  if (hi < l.upper) l.upper = hi, l.upper_open = false;
  return l;
}

std::string written(Quantity q, double value) {
  if (q == Quantity::kGrowth) {
    if (value >= 2) return fmt::format("{}x/yr", plain(value));
    return fmt::format("{} %/yr", plain((value - 1) * 100));
  }
  Written w = written_unit(q);
  return plain(value * w.factor) + w.suffix;
}

std::string limits_text(const FieldSpec& spec) {
  Limits l = effective_limits(spec);
  bool has_lo = std::isfinite(l.lower), has_hi = std::isfinite(l.upper);
  Written w = written_unit(spec.quantity);
  bool growth = spec.quantity == Quantity::kGrowth;  // ends as written: "-100 %/yr", "100x/yr"
  const char* suffix = growth ? "" : w.suffix;
  std::string lo = growth ? written(Quantity::kGrowth, l.lower) : plain(l.lower * w.factor);
  std::string hi = growth ? written(Quantity::kGrowth, l.upper) : plain(l.upper * w.factor);
  if (has_lo && has_hi)
    return l.lower_open ? fmt::format("above {} and at most {}{}", lo, hi, suffix)
                        : fmt::format("from {} to {}{}", lo, hi, suffix);
  if (has_lo) return fmt::format("{} {}{}", l.lower_open ? "above" : "at least", lo, suffix);
  if (has_hi) return fmt::format("at most {}{}", hi, suffix);
  return "";
}

std::optional<std::string> check_value(const FieldSpec& spec, double value) {
  if (effective_limits(spec).contains(value)) return std::nullopt;
  return fmt::format("expected {} {}, found {}", describe(spec.quantity), limits_text(spec),
                     written(spec.quantity, value));
}

std::string default_text(const FieldSpec& spec) {
  if (spec.required) return "required";
  std::string note = spec.default_note.empty() ? "" : fmt::format(" ({})", spec.default_note);
  if (spec.section == Section::kRole &&
      (spec.key == "attrition" || spec.key == "fringe" || spec.key == "program_years"))
    return by_role(spec) + note;
  if (spec.section == Section::kInstitution && spec.key == "research_share")
    return fmt::format("{}; industry {}", written(spec.quantity, Institution{}.research_share),
                       written(spec.quantity, kIndustryResearchShare)) + note;
  if (spec.section == Section::kSpending && spec.key == "compute_share")
    return fmt::format("{}; industry {} (estimate)", written(spec.quantity, Spending{}.compute_share),
                       written(spec.quantity, kIndustryComputeShare));
  auto value = struct_default(spec);
  if (const double* v = std::get_if<double>(&value)) return written(spec.quantity, *v) + note;
  if (const Series* s = std::get_if<Series>(&value)) return series_text(spec.quantity, *s) + note;
  return spec.default_note.empty() ? "none" : std::string(spec.default_note);  // a rule, or not a number
}

}  // namespace labsim::io
