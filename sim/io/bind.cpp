// One enumeration of a scenario's numbers serves both binding a path and listing the paths, so
// the two cannot disagree. Keys, quantities, limits and scales come from the field table
// (sim/io/fields_table.cpp); a test checks that setting each field equals reloading with --set.
#include "io/bind.hpp"

#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <regex>
#include <stdexcept>
#include <type_traits>

#include "io/reader.hpp"
#include "labsim/diagnostics.hpp"
#include "text/names.hpp"

namespace labsim::io {

using text::join_path;

namespace {

using Visit = std::function<void(Field&&)>;

// The growth of a series: a factor per year, within the growth quantity's own range.
constexpr FieldSpec kSeriesGrowth{.key = "growth", .quantity = Quantity::kGrowth};

void number(const Visit& visit, std::string path, const FieldSpec& spec, double& value) {
  Field f;
  f.path = std::move(path);
  f.spec = &spec;
  f.value = &value;
  visit(std::move(f));
}

// The largest value a series may reach by the last year: its key's limit, else 1e250 (the loader's).
double horizon_limit(const FieldSpec& spec) {
  double upper = effective_limits(spec).upper;
  return std::isfinite(upper) ? upper : 1e250;
}

// A series: its single value when constant, else each point by year and its growth.
void series(const Visit& visit, const std::string& path, const FieldSpec& spec, Series& s, int last_year) {
  if (s.points.size() == 1 && s.points.front().first == 0) {
    number(visit, path, spec, s.points.front().second);
    return;
  }
  for (auto& [year, value] : s.points) number(visit, join_path(path, std::to_string(year)), spec, value);
  Field growth;
  growth.path = join_path(path, "growth");
  growth.spec = &kSeriesGrowth;
  growth.value = &s.growth_factor;
  growth.grown = &s.points.back().second;
  growth.from_year = s.points.back().first;
  growth.by_year = last_year;
  growth.horizon_max = horizon_limit(spec);
  growth.horizon_min = spec.horizon_floor;
  visit(std::move(growth));
}

// Marks the growth field of `visit`'s section as compounding `grown` from `from` to `by`.
Visit compounding(const Visit& visit, const char* key, const double& grown, int from, int by) {
  return [&visit, key, &grown, from, by](Field&& f) {
    if (f.spec->key == key) f.grown = &grown, f.from_year = from, f.by_year = by, f.horizon_max = 1e15;
    visit(std::move(f));
  };
}

// Every variable key of `section` that lives in `owner`; `skip` leaves out keys this instance
// does not use (a `market` salary, the growth of a total amount ...).
template <class Owner, class Skip>
void section(const Visit& visit, const std::string& path, Section sec, Owner& owner, int last_year, int role,
             Skip skip) {
  for (const FieldSpec* f : section_fields(sec, role)) {
    if (!f->varies() || skip(*f)) continue;
    std::string p = join_path(path, f->key);
    if (std::is_same_v<Owner, Talent> && is_role_map(sec)) {
      if constexpr (std::is_same_v<Owner, Talent>) number(visit, p, *f, role_value(owner, *f));
    } else {
      bool owned = std::visit(
          [&](auto member) {
            if constexpr (kMemberOf<decltype(member), Owner>) {
              auto& v = owner.*member;
              using T = std::remove_cvref_t<decltype(v)>;
              if constexpr (std::is_same_v<T, double>) number(visit, p, *f, v);
              else if constexpr (std::is_same_v<T, Series>) series(visit, p, *f, v, last_year);
              else if (v) series(visit, p, *f, *v, last_year);
              return true;
            } else {
              return false;
            }
          },
          f->member);
      if (!owned) throw std::logic_error(p + ": the field table places it in another struct");
    }
  }
}

template <class Owner>
void section(const Visit& visit, const std::string& path, Section sec, Owner& owner, int last_year) {
  section(visit, path, sec, owner, last_year, -1, [](const FieldSpec&) { return false; });
}

void people(const Visit& visit, const std::string& path, const Scenario& s, Institution& inst) {
  for (RolePlan& r : inst.people)
    section(compounding(visit, "salary_growth", r.salary_usd, s.first_year, s.last_year),
            join_path(path, r.group.empty() ? std::string(to_string(r.role)) : r.group), Section::kRole, r, s.last_year,
            static_cast<int>(r.role),
            [&](const FieldSpec& f) {
              return (f.key == "salary" && r.market_salary) ||
                     (f.key == "salary_growth" && r.salary_growth_is_inflation);
            });
}

void institution(const Visit& visit, const Scenario& s, Institution& inst) {
  std::string p = join_path("institutions", inst.id);
  const int last = s.last_year;
  for (size_t i = 0; i < inst.fleet.size(); ++i)
    section(visit, fmt::format("{}.fleet[{}]", p, i), Section::kCohort, inst.fleet[i], last);
  section(visit, join_path(p, "procurement"), Section::kProcurement, inst.procurement, last);
  section(visit, join_path(p, "operations"), Section::kOperations, inst.operations, last);
  section(visit, join_path(p, "largest_run"), Section::kLargestRun, inst.largest_run, last);
  people(visit, join_path(p, "people"), s, inst);
  for (Stream& st : inst.funding) {
    Visit grows = compounding(visit, "growth", st.amount_usd, st.first_year, st.last_year);
    Visit mark_per_year = [&](Field&& f) {
      f.per_year_money = f.spec->key == "amount" && st.per_year;
      grows(std::move(f));
    };
    section(mark_per_year, join_path(join_path(p, "funding"), st.name), Section::kStream, st, last, -1,
            [&](const FieldSpec& f) { return f.key == "growth" && !st.per_year; });
  }
  section(visit, join_path(p, "spending"), Section::kSpending, inst.spending, last);
  section(visit, p, Section::kInstitution, inst, last);
  // A fixed grant has no share to vary, a share-based one no hours.
  for (size_t i = 0; i < inst.allocations.size(); ++i) {
    Allocation& a = inst.allocations[i];
    section(visit, fmt::format("{}.allocates[{}]", p, i), Section::kAllocation, a, last, -1,
            [&](const FieldSpec& f) { return f.key == "share" && a.h100_hours; });
  }
}

// Inflation carries the salary growths that follow it.
void each_field(Scenario& s, const Visit& raw) {
  Visit visit = [&](Field&& f) {
    if (f.path == "economy.inflation")
      for (Institution& inst : s.institutions)
        for (RolePlan& r : inst.people)
          if (r.salary_growth_is_inflation) f.followers.push_back(&r.salary_growth);
    raw(std::move(f));
  };
  const int last = s.last_year;
  section(visit, "economy", Section::kEconomy, s.economy, last);
  section(visit, "hardware", Section::kHardware, s.hardware, last);
  for (Accelerator& a : s.catalog.parts)
    section(visit, join_path("hardware.catalog", a.name), Section::kPart, a, last);
  section(visit, "market", Section::kMarket, s.market, last);
  section(visit, "talent.choice", Section::kChoice, s.talent.choice, last);
  section(visit, "talent", Section::kTalent, s.talent, last);
  section(visit, "talent.mobility", Section::kMobility, s.talent, last);
  section(visit, "talent.vacancy_months", Section::kVacancy, s.talent, last);
  section(visit, "training", Section::kTraining, s.training, last);
  section(visit, "output", Section::kOutput, s.output, last);
  for (Institution& inst : s.institutions) institution(visit, s, inst);
}

// The key paths a row of the table stands for, as a pattern: "institutions.<id>.fleet[<i>].acquired"
// matches "institutions.campus.fleet[0].acquired"; a list key matches its items too ("schedule[2]").
std::regex path_pattern(const FieldSpec& f) {
  std::string pattern;
  std::string_view p = section_path(f.section);
  for (size_t i = 0; i < p.size(); ++i) {
    if (p.substr(i, 5) == "[<i>]") pattern += R"(\[[0-9]+\])", i += 4;
    else if (p[i] == '<') pattern += "[^.]+", i = p.find('>', i);
    else if (p[i] == '.') pattern += R"(\.)";
    else pattern += p[i];
  }
  return std::regex((pattern.empty() ? "" : pattern + R"(\.)") + std::string(f.key) + R"((\[[0-9]+\])?)");
}

// path_pattern of every row of the table, compiled once (a regex costs far more to build than to
// match: the explorer's /api/inputs names every field).
const std::vector<std::regex>& path_patterns() {
  static const std::vector<std::regex> patterns = [] {
    std::vector<std::regex> all;
    for (const FieldSpec& f : field_specs()) all.push_back(path_pattern(f));
    return all;
  }();
  return patterns;
}

// Why a path that names no bindable number cannot vary, when it names a fixed key of the table.
std::string fixed_reason(std::string_view path) {
  const std::vector<std::regex>& patterns = path_patterns();
  for (size_t i = 0; i < field_specs().size(); ++i)
    if (field_specs()[i].shape == Shape::kFixed && std::regex_match(path.begin(), path.end(), patterns[i]))
      return "this input shapes the scenario and cannot vary";
  return {};
}

}  // namespace

const FieldSpec* spec_for_path(std::string_view path) {
  const std::vector<std::regex>& patterns = path_patterns();
  for (size_t i = 0; i < field_specs().size(); ++i)
    if (std::regex_match(path.begin(), path.end(), patterns[i])) return &field_specs()[i];
  return nullptr;
}

Field bind_field(Scenario& s, std::string_view path) {
  std::optional<Field> found;
  std::vector<std::string> paths;
  each_field(s, [&](Field&& f) {
    if (!found && f.path == path) found = std::move(f);
    else paths.push_back(f.path);
  });
  if (found) return std::move(*found);
  Diagnostic d;
  d.path = std::string(path);
  std::string why = fixed_reason(path);
  d.message = why.empty() ? "no number of the scenario has this key path" : why;
  std::string guess = text::nearest(path, paths);
  if (!guess.empty()) d.hint = fmt::format("did you mean '{}'?", guess);
  else if (why.empty()) d.hint = "`labsim validate --inputs SCENARIO` lists the inputs that can vary";
  throw InputError({d});
}

std::vector<Field> bind_all(Scenario& s) {
  std::vector<Field> fields;
  each_field(s, [&](Field&& f) { fields.push_back(std::move(f)); });
  return fields;
}

std::vector<std::string> field_paths(const Scenario& s) {
  Scenario copy = s;  // each_field hands out pointers; the listing needs none of them
  std::vector<std::string> paths;
  each_field(copy, [&](Field&& f) { paths.push_back(std::move(f.path)); });
  return paths;
}

std::string set_text(const Field& f, double value) {
  if (f.quantity() == Quantity::kGrowth) return fmt::format("{}x/yr", value);
  if (f.per_year_money) return fmt::format("{}/yr", value);
  // A bare number above 1 is refused where a fraction is expected. Of the percentages next to
  // value x 100, take one that reads back (p / 100) as `value` exactly.
  if (f.quantity() == Quantity::kOverhead && value > 1) {
    double p = value * 100;
    for (double c : {p, std::nextafter(p, HUGE_VAL), std::nextafter(p, -HUGE_VAL)})
      if (c / 100 == value) return fmt::format("{}%", c);
    return fmt::format("{}%", p);
  }
  return fmt::format("{}", value);
}

void check_field_value(const Field& f, double value, const std::string& what) {
  Diagnostic d;
  d.path = what;
  if (auto problem = check_value(*f.spec, value)) {
    d.message = fmt::format("{}: {}", f.path, *problem);
    d.hint = "the scenario file accepts the same values";
    throw InputError({d});
  }
  if (!f.grown || f.by_year <= f.from_year) return;
  double reached = *f.grown * std::pow(value, f.by_year - f.from_year);
  if (std::isfinite(reached) && reached <= f.horizon_max && reached >= f.horizon_min) return;
  d.message = reached < f.horizon_min
                  ? fmt::format("{}: at {} this falls to {:.3g} by {}; less than {:g} is not plausible", f.path,
                                written(f.spec->quantity, value), reached, f.by_year, f.horizon_min)
                  : fmt::format("{}: at {} this grows to {:.3g} by {}; more than {:.0e} is not plausible", f.path,
                                written(f.spec->quantity, value), reached, f.by_year, f.horizon_max);
  d.hint = "lower the growth rate or shorten scenario.years, as in the scenario file";
  throw InputError({d});
}

}  // namespace labsim::io
