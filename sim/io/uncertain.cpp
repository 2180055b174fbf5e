// Numbers written as probability distributions: `{normal: [35%, 5%], min: 20%}`.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "io/reader.hpp"
#include "stats/distribution.hpp"
#include "text/names.hpp"

namespace labsim::io {

using text::join_path;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct KindInfo {
  const char* name;
  DistKind kind;
  size_t params;        // 0: any number (choice)
  const char* layout;   // for messages
};
constexpr std::array<KindInfo, 6> kKinds = {{
    {"normal", DistKind::kNormal, 2, "[mean, standard deviation]"},
    {"lognormal", DistKind::kLognormal, 2, "[median, factor]"},
    {"uniform", DistKind::kUniform, 2, "[low, high]"},
    {"triangular", DistKind::kTriangular, 3, "[low, mode, high]"},
    {"pert", DistKind::kPert, 3, "[low, mode, high]"},
    {"choice", DistKind::kChoice, 0, "[value, value, ...]"},
}};

const KindInfo* find_kind(std::string_view key) {
  for (const KindInfo& k : kKinds)
    if (key == k.name) return &k;
  return nullptr;
}

// A spread (standard deviation) in the units of `q`. Growth is written like the rate it adds
// ("1%/yr" is 0.01 on the factor); fractions accept a percentage or a fraction.
UnitResult parse_spread(std::string_view text, Quantity q) {
  switch (q) {
    case Quantity::kGrowth: {
      UnitResult r = parse_quantity(text, Quantity::kGrowth);
      if (r.ok && text.find('%') != std::string_view::npos) r.parsed.value -= 1;
      if (r.ok) return r;
      return parse_quantity(text, Quantity::kNumber);
    }
    case Quantity::kShare:
    case Quantity::kRate: return parse_quantity(text, Quantity::kOverhead);
    default: return parse_quantity(text, q, true);
  }
}

// Relative weights: "3", "0.5" or "30%".
UnitResult parse_weight(std::string_view text) {
  UnitResult r = parse_quantity(text, Quantity::kNumber);
  if (!r.ok || text.find('%') != std::string_view::npos) r = parse_quantity(text, Quantity::kOverhead);
  return r;
}

// Where draws are cut off: the key's limits (or its quantity's range), an open bound nudged inside.
std::pair<double, double> truncation(Quantity q, const FieldSpec* field) {
  if (!field) return domain(q);
  Limits l = effective_limits(*field);
  return {l.lower_open ? std::nextafter(l.lower, kInf) : l.lower, l.upper_open ? std::nextafter(l.upper, -kInf) : l.upper};
}

// A distribution with bounded support (uniform, triangular, pert, choice) must lie within the
// key's limits after min/max: its draws would otherwise be values the loader rejects. Unbounded
// tails (normal, lognormal) are truncated at the limits instead.
std::optional<std::string> support_problem(const DistSpec& spec, const FieldSpec& field) {
  if (spec.kind == DistKind::kNormal || spec.kind == DistKind::kLognormal || spec.params.empty()) return std::nullopt;
  auto [low, high] = std::minmax_element(spec.params.begin(), spec.params.end());
  double ends[2] = {std::max(*low, spec.min), std::min(*high, spec.max)};
  for (double end : ends)
    if (check_value(field, end))
      return fmt::format("draws would reach {}; this key accepts {} {}", written(field.quantity, end),
                         describe(field.quantity), limits_text(field));
  return std::nullopt;
}

}  // namespace

bool is_distribution(const Node& node) {
  if (!node.is_map()) return false;
  for (const auto& entry : node.entries)
    if (find_kind(entry.first)) return true;
  return false;
}

std::string misspelt_distribution(const Node& node) {
  if (!node.is_map()) return {};
  std::vector<std::string> names;
  for (const KindInfo& k : kKinds) names.emplace_back(k.name);
  for (const auto& entry : node.entries) {
    // The keys of a plain value are no misspelling (and skipping them keeps loading fast: every
    // `{value: ..., source: ...}` comes through here).
    if (entry.first == "value" || entry.first == "source" || entry.first == "note") continue;
    if (std::string guess = text::nearest(entry.first, names); !guess.empty()) return guess;
  }
  return {};
}

std::optional<Parsed> Reader::distribution(const Node& node, const std::string& path, Quantity q,
                                           bool allow_per_year, const FieldSpec* field) {
  std::vector<std::string> allowed = {"min", "max", "weights", "source", "note"};
  for (const KindInfo& k : kKinds) allowed.emplace_back(k.name);
  if (!expect_map(node, path, allowed)) return std::nullopt;
  if (q == Quantity::kYear) {
    error(node.pos, path, "a calendar year cannot be uncertain", "give a single year");
    return std::nullopt;
  }
  const KindInfo* kind = nullptr;
  const Node* list = nullptr;
  for (const auto& [key, value] : node.entries)
    if (const KindInfo* k = find_kind(key)) {
      if (kind) {
        error(node.pos, path, fmt::format("give one distribution, found {} and {}", kind->name, k->name));
        return std::nullopt;
      }
      kind = k, list = &value;
    }
  std::string dpath = join_path(path, kind->name);
  if (!list->is_seq() || (kind->params && list->items.size() != kind->params) || list->items.empty()) {
    error(list->pos, dpath, fmt::format("{} takes {}, found {}", kind->name, kind->layout,
                                        list->is_seq() ? fmt::format("{} values", list->items.size())
                                                       : list->describe()));
    return std::nullopt;
  }
  DistSpec spec;
  spec.kind = kind->kind;
  bool ok = true, per_year = false;
  int values = 0, yearly = 0;  // values (not spreads or factors), and those written per year
  std::string written, bounds;
  for (size_t i = 0; i < list->items.size(); ++i) {
    const Node& item = list->items[i];
    std::string ipath = fmt::format("{}[{}]", dpath, i);
    if (!item.is_scalar()) {
      error(item.pos, ipath, fmt::format("expected a number, found {}", item.describe()));
      ok = false;
      continue;
    }
    bool spread = i == 1 && kind->kind == DistKind::kNormal;
    bool factor = i == 1 && kind->kind == DistKind::kLognormal;
    UnitResult r = factor ? parse_quantity(item.text, Quantity::kNumber)
                   : spread ? parse_spread(item.text, q)
                            : parse_quantity(item.text, q, allow_per_year);
    if (!r.ok) {
      error(item.pos, ipath, r.message, r.hint);
      ok = false;
      continue;
    }
    per_year = per_year || r.parsed.per_year;
    if (!spread && !factor) ++values, yearly += r.parsed.per_year;
    spec.params.push_back(r.parsed.value);
    written += (i ? ", " : "") + item.text;
  }
  if (const Node* w = node.find("weights")) {
    std::string wpath = join_path(path, "weights");
    if (kind->kind != DistKind::kChoice) {
      error(w->pos, wpath, "weights belong to a choice distribution");
      ok = false;
    } else if (!w->is_seq() || w->items.size() != list->items.size()) {
      error(w->pos, wpath, fmt::format("expected a list of {} weights, one per value", list->items.size()));
      ok = false;
    } else {
      for (size_t i = 0; i < w->items.size(); ++i) {
        UnitResult r = w->items[i].is_scalar() ? parse_weight(w->items[i].text) : UnitResult{};
        if (!r.ok) {
          error(w->items[i].pos, fmt::format("{}[{}]", wpath, i),
                fmt::format("expected a weight such as 2 or 30%, found {}", w->items[i].describe()));
          ok = false;
        } else {
          spec.weights.push_back(r.parsed.value);
        }
      }
    }
  }
  // Explicit min/max cut the distribution; the key's limits (or its quantity's range) cut it too.
  double cut[2] = {-kInf, kInf};
  for (int k = 0; k < 2; ++k) {
    const char* key = k ? "max" : "min";
    const Node* b = node.find(key);
    if (!b) continue;
    std::optional<Parsed> v;
    if (b->is_scalar()) {
      UnitResult r = parse_quantity(b->text, q, allow_per_year);
      if (r.ok) v = r.parsed;
      else error(b->pos, join_path(path, key), r.message, r.hint);
    } else {
      error(b->pos, join_path(path, key), fmt::format("expected {}, found {}", describe(q), b->describe()));
    }
    if (!v) ok = false;
    else cut[k] = v->value, bounds += fmt::format(", {}: {}", key, b->text), ++values, yearly += v->per_year;
  }
  if (ok && yearly > 0 && yearly < values) {
    error(node.pos, path, "some values of the distribution are per year and some are totals",
          "write /yr on every value, min and max included, or on none");
    ok = false;
  }
  spec.min = cut[0], spec.max = cut[1];
  if (ok && field)
    if (auto problem = support_problem(spec, *field)) {
      error(node.pos, path, *problem, "narrow the distribution, or cut it with min: and max: inside that range");
      ok = false;
    }
  auto [lo, hi] = truncation(q, field);
  spec.min = std::clamp(spec.min, lo, hi), spec.max = std::clamp(spec.max, lo, hi);
  if (!ok) return std::nullopt;
  double nominal = 0;
  try {
    nominal = stats::Distribution(spec, stats::Distribution::Use::kNominal).nominal();
  } catch (const std::invalid_argument& e) {
    error(node.pos, path, e.what());
    return std::nullopt;
  }
  std::string source;
  if (const Node* s = node.find("source")) {
    if (s->is_scalar()) source = s->text;
    else error(s->pos, join_path(path, "source"), fmt::format("expected a citation text, found {}", s->describe()));
  }
  std::string text = fmt::format("{}: [{}]{}", kind->name, written, bounds);
  uncertain_.push_back(UncertainInput{path, text, location(node.pos), source, spec, nominal});
  assumptions_.push_back(Assumption{path, text, source, location(node.pos)});
  return Parsed{nominal, per_year};
}

}  // namespace labsim::io
