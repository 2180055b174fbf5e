// Typed, located reading of a scenario tree. Every problem is collected, never thrown, so one
// run reports them all.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/fields.hpp"
#include "io/tree.hpp"
#include "io/units.hpp"
#include "labsim/scenario.hpp"

namespace labsim::io {

class Reader {
 public:
  Reader(const SourceSet& sources, std::vector<Diagnostic>& out, std::vector<Assumption>& assumptions,
         std::vector<UncertainInput>& uncertain)
      : sources_(sources), out_(out), assumptions_(assumptions), uncertain_(uncertain) {}

  void error(Pos at, const std::string& path, std::string message, std::string hint = {});
  size_t error_count() const { return out_.size(); }

  // Reports every key of `map` not in `allowed`, with the nearest allowed key as a hint.
  // Returns false (and reports) when `map` is not a mapping.
  bool expect_map(const Node& map, const std::string& path, const std::vector<std::string>& allowed);

  // The scalar behind `node`, unwrapping {value: ..., source: ...}; records it as an assumption.
  // Reports and returns nullptr when it is not a scalar.
  const Node* scalar(const Node& node, const std::string& path, const char* expected);

  // `node` read as quantity `q`; reports and returns nullopt when it does not parse. A
  // distribution ({normal: [35%, 5%]} ...) is recorded as an uncertain input and gives its
  // nominal value. With `field`, the value must also lie within the field's limits, and so must
  // a distribution's bounded support (unbounded tails are truncated at them).
  std::optional<Parsed> quantity(const Node& node, const std::string& path, Quantity q,
                                 bool allow_per_year = false, const FieldSpec* field = nullptr);
  // The same for an input that must not be uncertain; `why` ends the message when it is.
  std::optional<Parsed> fixed_quantity(const Node& node, const std::string& path, Quantity q, const char* why);

  // Optional key of `parent`: when present and valid, stores it in `dst`.
  void read(const Node& parent, std::string_view key, const std::string& path, Quantity q, double& dst);
  // Required key: reported at the parent's position when missing.
  const Node* require(const Node& parent, std::string_view key, const std::string& path);

  // A text value (names, titles).
  std::optional<std::string> text(const Node& node, const std::string& path);
  std::optional<bool> boolean(const Node& node, const std::string& path);
  // One of `names` (index), with a did-you-mean hint; nullopt when unknown.
  std::optional<int> choice(const Node& node, const std::string& path,
                            const std::vector<std::string>& names, const char* what);
  // "2024-2034" or "2024": first and last year; reports reversed ranges.
  std::optional<std::pair<int, int>> year_range(const Node& node, const std::string& path);
  // A series: a scalar (constant), or {YEAR: value, ..., growth: 4%/yr}; with `field`, every
  // point within the field's limits.
  std::optional<Series> series(const Node& node, const std::string& path, Quantity q,
                               const FieldSpec* field = nullptr);

  // The number of `field` under `parent`, when present, in stored units (x scale, whole when
  // the field is); reports a missing required key. Returns nullopt when absent or invalid.
  std::optional<double> field(const Node& parent, const std::string& path, const FieldSpec& field);

  // Where a position is, for assumptions; not known() when `p` has no file.
  SourceLocation location(Pos p) const;

 private:
  const SourceSet& sources_;
  std::vector<Diagnostic>& out_;
  std::vector<Assumption>& assumptions_;
  std::vector<UncertainInput>& uncertain_;

  // A distribution node read as quantity `q` (sim/io/uncertain.cpp).
  std::optional<Parsed> distribution(const Node& node, const std::string& path, Quantity q, bool allow_per_year,
                                     const FieldSpec* field);
};

// Whether `node` is written as a distribution: a mapping with a key such as `normal`.
bool is_distribution(const Node& node);
// The distribution a mapping's key nearly spells ("unifrom" -> "uniform"), or "".
std::string misspelt_distribution(const Node& node);

// Reports at `at` when `value`, what an input grows to by `year`, is not finite or above `max`
// (growth rates compound: 100x a year overflows a double in 160 years). Returns whether it is
// within bounds.
bool within_bounds(Reader& r, Pos at, const std::string& path, double value, double max, int year);

// Names of the catalog's parts, in catalog order (for did-you-mean hints).
std::vector<std::string> part_names(const Catalog& catalog);

// Names of the roles, indexed by Role.
const std::vector<std::string>& role_names();

}  // namespace labsim::io
