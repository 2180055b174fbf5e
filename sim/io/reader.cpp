#include "io/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "text/names.hpp"

namespace labsim::io {

using text::join_path;

namespace {

std::string list_names(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace

bool within_bounds(Reader& r, Pos at, const std::string& path, double value, double max, int year) {
  if (std::isfinite(value) && value <= max) return true;
  r.error(at, path, fmt::format("this grows to {:.3g} by {}; more than {:.0e} is not plausible", value, year, max),
          "lower the growth rate or shorten scenario.years");
  return false;
}

std::vector<std::string> part_names(const Catalog& catalog) {
  std::vector<std::string> names;
  for (const auto& p : catalog.parts) names.push_back(p.name);
  return names;
}

const std::vector<std::string>& role_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (int r = 0; r < kRoleCount; ++r) v.emplace_back(to_string(static_cast<Role>(r)));
    return v;
  }();
  return names;
}

void Reader::error(Pos at, const std::string& path, std::string message, std::string hint) {
  out_.push_back(make_diagnostic(sources_, at, path, std::move(message), std::move(hint)));
}

SourceLocation Reader::location(Pos p) const {
  if (p.file < 0) return {};
  return {sources_.name(p.file), p.line, p.column};
}

bool Reader::expect_map(const Node& map, const std::string& path, const std::vector<std::string>& allowed) {
  if (!map.is_map()) {
    error(map.pos, path, fmt::format("expected a mapping with keys {}, found {}", list_names(allowed),
                                     map.describe()));
    return false;
  }
  for (size_t i = 0; i < map.entries.size(); ++i) {
    const std::string& key = map.entries[i].first;
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    // `salary: 175,000` in a flow mapping reads as `salary: 175` and a key `000` with no value, on
    // the same line.
    auto digits = [](const std::string& t) { return !t.empty() && t.find_first_not_of("0123456789") == std::string::npos; };
    const Node* before = i > 0 ? &map.entries[i - 1].second : nullptr;
    if (key.size() == 3 && digits(key) && map.entries[i].second.kind == Node::Kind::kNull && before &&
        before->is_scalar() && digits(before->text) && before->pos.line == map.key_pos[i].line) {
      error(map.key_pos[i], join_path(path, key), "unknown key",
            fmt::format("is {},{} one number? Write it without a thousands separator ({}{}) or with a "
                        "suffix (k, M)", map.entries[i - 1].second.text, key, map.entries[i - 1].second.text, key));
      continue;
    }
    std::string guess = text::nearest(key, allowed);
    error(map.key_pos[i], join_path(path, key), "unknown key",
          guess.empty() ? "keys here: " + list_names(allowed) : fmt::format("did you mean '{}'?", guess));
  }
  return true;
}

const Node* Reader::scalar(const Node& node, const std::string& path, const char* expected) {
  const Node* value = &node;
  std::string source;
  if (node.is_map() && (node.find("value") || node.find("source"))) {
    if (!expect_map(node, path, {"value", "source", "note"})) return nullptr;
    value = require(node, "value", path);
    if (!value) return nullptr;
    if (const Node* s = node.find("source")) {
      if (s->is_scalar()) source = s->text;
      else error(s->pos, join_path(path, "source"), fmt::format("expected a citation text, found {}", s->describe()));
    }
  }
  if (!value->is_scalar()) {
    error(value->pos, path, fmt::format("expected {}, found {}", expected, value->describe()));
    return nullptr;
  }
  assumptions_.push_back(Assumption{path, value->text, source, location(value->pos)});
  return value;
}

std::optional<Parsed> Reader::quantity(const Node& node, const std::string& path, Quantity q,
                                       bool allow_per_year, const FieldSpec* field) {
  if (is_distribution(node)) return distribution(node, path, q, allow_per_year, field);
  if (std::string guess = misspelt_distribution(node); !guess.empty()) {
    error(node.pos, path, fmt::format("expected {}, found a mapping", describe(q)),
          fmt::format("did you mean the distribution '{}'?", guess));
    return std::nullopt;
  }
  const Node* s = scalar(node, path, describe(q));
  if (!s) return std::nullopt;
  UnitResult r = parse_quantity(s->text, q, allow_per_year);
  if (!r.ok) {
    error(s->pos, path, r.message, r.hint);
    return std::nullopt;
  }
  if (field)
    if (auto problem = check_value(*field, r.parsed.value)) {
      error(s->pos, path, *problem, std::string(field->hint));
      return std::nullopt;
    }
  return r.parsed;
}

std::optional<double> Reader::field(const Node& parent, const std::string& path, const FieldSpec& f) {
  const Node* n = f.required ? require(parent, f.key, path) : parent.find(f.key);
  if (!n) return std::nullopt;
  auto v = quantity(*n, join_path(path, f.key), f.quantity, f.per_year, &f);
  if (!v) return std::nullopt;
  double stored = v->value * f.scale;
  return f.whole ? std::floor(stored) : stored;
}

std::optional<Parsed> Reader::fixed_quantity(const Node& node, const std::string& path, Quantity q,
                                             const char* why) {
  if (!is_distribution(node)) return quantity(node, path, q);
  error(node.pos, path, fmt::format("this input cannot be uncertain: {}", why), "give a single value");
  return std::nullopt;
}

void Reader::read(const Node& parent, std::string_view key, const std::string& path, Quantity q, double& dst) {
  const Node* n = parent.find(key);
  if (!n) return;
  if (auto v = quantity(*n, join_path(path, key), q)) dst = v->value;
}

const Node* Reader::require(const Node& parent, std::string_view key, const std::string& path) {
  const Node* n = parent.find(key);
  if (!n) error(parent.pos, path, fmt::format("missing required key '{}'", key));
  return n;
}

std::optional<std::string> Reader::text(const Node& node, const std::string& path) {
  const Node* s = scalar(node, path, "a text");
  if (!s) return std::nullopt;
  if (s->text.find_first_not_of(" \t") == std::string::npos) {
    error(s->pos, path, "expected a text, found an empty one");
    return std::nullopt;
  }
  return s->text;
}

std::optional<bool> Reader::boolean(const Node& node, const std::string& path) {
  const Node* s = scalar(node, path, "true or false");
  if (!s) return std::nullopt;
  if (s->text == "true" || s->text == "yes") return true;
  if (s->text == "false" || s->text == "no") return false;
  error(s->pos, path, fmt::format("expected true or false, found {}", s->describe()));
  return std::nullopt;
}

std::optional<int> Reader::choice(const Node& node, const std::string& path,
                                  const std::vector<std::string>& names, const char* what) {
  const Node* s = scalar(node, path, what);
  if (!s) return std::nullopt;
  auto it = std::find(names.begin(), names.end(), s->text);
  if (it != names.end()) return static_cast<int>(it - names.begin());
  std::string guess = text::nearest(s->text, names);
  error(s->pos, path, fmt::format("unknown {} {}", what, s->describe()),
        guess.empty() ? "choose one of: " + list_names(names) : fmt::format("did you mean '{}'?", guess));
  return std::nullopt;
}

std::optional<std::pair<int, int>> Reader::year_range(const Node& node, const std::string& path) {
  const Node* s = scalar(node, path, "a year range");
  if (!s) return std::nullopt;
  std::string t = s->text;
  size_t dash = t.find('-', 1);
  std::string a = dash == std::string::npos ? t : t.substr(0, dash);
  std::string b = dash == std::string::npos ? t : t.substr(dash + 1);
  UnitResult ra = parse_quantity(a, Quantity::kYear), rb = parse_quantity(b, Quantity::kYear);
  if (!ra.ok || !rb.ok) {
    // A number outside the calendar range is the likely slip ("2024-2300"): name it.
    std::string why;
    for (const std::string& end : {a, b}) {
      UnitResult n = parse_quantity(end, Quantity::kNumber);
      if (why.empty() && n.ok && (n.parsed.value < 1900 || n.parsed.value > 2200))
        why = fmt::format(" ({} is outside 1900-2200)", n.parsed.value);
    }
    error(s->pos, path, fmt::format("expected a year range such as 2024-2034, found {}{}", s->describe(), why));
    return std::nullopt;
  }
  int first = static_cast<int>(ra.parsed.value), last = static_cast<int>(rb.parsed.value);
  if (last < first) {
    error(s->pos, path, fmt::format("the range {} ends before it starts", t),
          fmt::format("write {}-{}", last, first));
    return std::nullopt;
  }
  return std::pair{first, last};
}

std::optional<Series> Reader::series(const Node& node, const std::string& path, Quantity q,
                                     const FieldSpec* field) {
  if (!node.is_map() || node.find("value") || node.find("source") || is_distribution(node)) {
    auto v = quantity(node, path, q, false, field);
    if (!v) return std::nullopt;
    Series c = Series::constant(v->value);
    c.log_linear = field && field->log_linear;
    return c;
  }
  Series s;
  s.log_linear = field && field->log_linear;
  bool ok = true;
  for (size_t i = 0; i < node.entries.size(); ++i) {
    const auto& [key, value] = node.entries[i];
    std::string sub = join_path(path, key);
    if (key == "growth") {
      if (auto g = quantity(value, sub, Quantity::kGrowth)) s.growth_factor = g->value;
      else ok = false;
      continue;
    }
    UnitResult year = parse_quantity(key, Quantity::kYear);
    if (!year.ok) {
      error(node.key_pos[i], sub, fmt::format("expected a year (such as 2024) or 'growth', found \"{}\"", key));
      ok = false;
      continue;
    }
    if (auto v = quantity(value, sub, q, false, field)) s.points.emplace_back(static_cast<int>(year.parsed.value), v->value);
    else ok = false;
  }
  if (!ok) return std::nullopt;
  if (s.points.empty()) {
    error(node.pos, path, "a series needs at least one YEAR: value point");
    return std::nullopt;
  }
  std::sort(s.points.begin(), s.points.end());
  return s;
}

}  // namespace labsim::io
