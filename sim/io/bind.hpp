// Numbers of a loaded Scenario addressed by key path, to change between runs without reloading.
// A path names a number exactly as the loader does: "economy.pue",
// "institutions.campus.operations.mfu", "institutions.campus.people.phd.salary",
// "institutions.campus.funding.NSF grant.amount", "institutions.campus.fleet[0].count",
// "market.industry_comp.2030" (a point of a series), "market.industry_comp.growth",
// "hardware.catalog.H100-SXM.price_usd.2024".
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "io/fields.hpp"
#include "labsim/scenario.hpp"

namespace labsim::io {

struct Field {
  std::string path;
  const FieldSpec* spec = nullptr;  // the key's row of the field table: quantity, limits, scale
  bool per_year_money = false;  // a funding amount written per year ("1.5M/yr")
  double* value = nullptr;      // where the number lives in the bound Scenario
  std::vector<double*> followers;  // stored as 1 + value (salary growth left to follow inflation)
  // A growth factor compounds a value (a series' last point, a salary, a per-year amount) up to
  // `by_year`; like the loader, check_field_value refuses a growth that takes it past
  // `horizon_max`: *grown x value^(by_year - from_year) <= horizon_max.
  const double* grown = nullptr;
  int from_year = 0;
  int by_year = 0;
  double horizon_max = 0;
  double horizon_min = 0;  // and not below this (prices: FieldSpec::horizon_floor)

  Quantity quantity() const { return spec->quantity; }
  // The values the key accepts, in written units: the field table's limits within the
  // quantity's range (the loader's own check).
  Limits limits() const { return effective_limits(*spec); }
};

// The number at `path` in `s`. The Field points into `s`: it is valid while `s` lives and its
// lists keep their sizes. Throws InputError (path, what was expected, a did-you-mean hint) when
// no number lives at `path` or it cannot vary (years, replicas, schedules).
Field bind_field(Scenario& s, std::string_view path);

// The row of the field table whose key `path` names ("institutions.campus.operations.mfu" ->
// operations.mfu), or nullptr; a series point or growth ("market.industry_comp.2030") is not a row.
const FieldSpec* spec_for_path(std::string_view path);

// Every number of `s` that can vary, bound at once, in scenario order (bind_field for each path,
// in one pass). The Fields point into `s`, as bind_field's do.
std::vector<Field> bind_all(Scenario& s);

// Every path bind_field accepts for `s`, in scenario order (for hints, docs and tests).
std::vector<std::string> field_paths(const Scenario& s);

// Throws InputError naming `what` (an option such as "--vary economy.pue=0.5:1.5") when `value`
// (written units) is outside what the loader accepts for the field, a growth that compounds past
// its limit by the scenario's last year included.
void check_field_value(const Field& f, double value, const std::string& what);

// The text `--set <path>=TEXT` (or the scenario file) reads back as `value` (written units) for
// the field: the shortest decimal that reads back as the same double, with the unit the key's
// quantity requires: a growth factor as "1.04x/yr", a per-year funding amount as "1500000/yr", an
// overhead above 1 as a percentage ("120%"; read back as p / 100, it may differ in the last bit).
// Every other value is a bare number in written units (shares and rates as fractions, durations
// in the key's unit), which the loader reads back exactly.
std::string set_text(const Field& f, double value);

// Stores `value` (in written units) at the field. Allocates nothing.
inline void set_field(const Field& f, double value) {
  double stored = value * f.spec->scale;
  *f.value = f.spec->whole ? std::floor(stored) : stored;
  for (double* follower : f.followers) *follower = 1 + value;
}

// The value at the field, in written units.
inline double get_field(const Field& f) { return *f.value / f.spec->scale; }

}  // namespace labsim::io
