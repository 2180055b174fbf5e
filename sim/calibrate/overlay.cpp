// overlay_yaml(): the scenario a fit writes, which `extends:` the fitted one and sets each fitted
// value at its key, in the units the key is written in, with a `source:` naming the fit.
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "io/bind.hpp"
#include "explore/input_error.hpp"
#include "labsim/calibrate.hpp"
#include "text/json.hpp"

namespace labsim {

namespace {

// A YAML mapping kept in insertion order; list items are mappings with an identity key.
struct Node {
  std::string key;
  std::string scalar;                          // a leaf's value text
  std::vector<std::unique_ptr<Node>> children;  // mapping entries
  bool list = false;                            // children are list items
  std::string identity;                         // a list item: "id: x", "role: phd", "name: grant"

  Node* child(const std::string& k, bool as_list = false) {
    for (auto& c : children)
      if (c->key == k) return c.get();
    children.push_back(std::make_unique<Node>());
    children.back()->key = k;
    children.back()->list = as_list;
    return children.back().get();
  }
  Node* item(const std::string& identity_line) {
    for (auto& c : children)
      if (c->identity == identity_line) return c.get();
    children.push_back(std::make_unique<Node>());
    children.back()->identity = identity_line;
    return children.back().get();
  }
};

void emit(const Node& n, int indent, std::string& out) {
  std::string pad(static_cast<size_t>(indent), ' ');
  for (const auto& c : n.children) {
    if (!c->identity.empty()) {  // a list item
      out += fmt::format("{}- {}\n", pad, c->identity);
      emit(*c, indent + 2, out);
    } else if (c->children.empty()) {
      out += fmt::format("{}{}: {}\n", pad, c->key, c->scalar);
    } else {
      out += fmt::format("{}{}:\n", pad, c->key);
      emit(*c, indent + 2, out);
    }
  }
}

std::string plain(double v) { return fmt::format("{}", v); }

// A value in the units its key is written in, so that the loader reads back the same number.
std::string written(double v, io::Quantity q, bool per_year) {
  switch (q) {
    case io::Quantity::kGrowth: return plain(v) + "x/yr";
    case io::Quantity::kYears: return plain(v) + " years";
    case io::Quantity::kDays: return plain(v) + " days";
    case io::Quantity::kMonths: return plain(v) + " months";
    case io::Quantity::kMoney: return per_year ? plain(v) + "/yr" : plain(v);
    default: return plain(v);
  }
}

std::string sourced(const std::string& value, const std::string& source) {
  if (source.empty()) return value;
  return fmt::format("{{value: {}, source: {}}}", value, text::json_string(source));
}

std::string source_of(const Scenario& s, const std::string& path) {
  for (const Assumption& a : s.assumptions)
    if (a.path == path) return a.source;
  return {};
}

// The series at `prefix` (a key path without the point), or null.
const Series* series_at(const Scenario& s, const std::string& prefix) {
  if (prefix == "market.industry_comp") return &s.market.industry_comp_usd;
  if (prefix == "market.frontier_training_flop" && s.market.frontier_training_flop)
    return &*s.market.frontier_training_flop;
  if (prefix == "market.industry_h100_hours_per_researcher" && s.market.industry_h100_hours_per_researcher)
    return &*s.market.industry_h100_hours_per_researcher;
  for (const Accelerator& a : s.catalog.parts) {
    std::string base = "hardware.catalog." + a.name;
    if (prefix == base + ".price_usd" && a.price_usd) return &*a.price_usd;
    if (prefix == base + ".cloud_usd_per_hour" && a.cloud_usd_per_hour) return &*a.cloud_usd_per_hour;
  }
  for (const Institution& inst : s.institutions)
    for (const RolePlan& r : inst.people)
      if (prefix == fmt::format("institutions.{}.people.{}.target", inst.id, to_string(r.role)) && r.target)
        return &*r.target;
  return nullptr;
}

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

// Splits "a.b.c" on dots.
std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t dot; (dot = path.find('.', at)) != std::string::npos; at = dot + 1) out.push_back(path.substr(at, dot - at));
  out.push_back(path.substr(at));
  return out;
}

// Walks `path` into the overlay tree and returns the node for its last key, creating list items
// for institutions (by id), people (by role), funding streams and catalog parts (by name).
Node* place(Node& root, const Scenario& s, const std::string& path, std::string& last_key) {
  if (path.find('[') != std::string::npos)
    explore::input_error(path, "a fleet cohort cannot be written to an overlay: `extends:` replaces the fleet list whole",
                         "fit the cohort's count in the scenario itself, or fit a procurement or funding value");
  Node* n = &root;
  std::string rest = path;
  if (starts_with(path, "institutions.")) {
    const Institution* inst = nullptr;
    for (const Institution& i : s.institutions)
      if (starts_with(path, "institutions." + i.id + ".")) inst = &i;
    n = n->child("institutions", true)->item("id: " + inst->id);
    rest = path.substr(std::string("institutions." + inst->id + ".").size());
    if (starts_with(rest, "people.")) {
      std::string role = rest.substr(7, rest.find('.', 7) - 7);
      n = n->child("people", true)->item("role: " + role);
      rest = rest.substr(7 + role.size() + 1);
    } else if (starts_with(rest, "funding.")) {
      for (const Stream& st : inst->funding)
        if (starts_with(rest, "funding." + st.name + ".")) {
          n = n->child("funding", true)->item("name: " + text::json_string(st.name));
          rest = rest.substr(std::string("funding." + st.name + ".").size());
          break;
        }
    }
  } else if (starts_with(path, "hardware.catalog.")) {
    for (const Accelerator& a : s.catalog.parts)
      if (starts_with(path, "hardware.catalog." + a.name + ".")) {
        n = n->child("hardware")->child("catalog", true)->item("name: " + text::json_string(a.name));
        rest = path.substr(std::string("hardware.catalog." + a.name + ".").size());
        break;
      }
  }
  std::vector<std::string> keys = segments(rest);
  for (size_t k = 0; k + 1 < keys.size(); ++k) n = n->child(keys[k]);
  last_key = keys.back();
  return n;
}

}  // namespace

void check_overlay_paths(const Scenario& scenario, const std::vector<std::string>& paths) {
  Node scratch;
  std::string key;
  for (const std::string& path : paths) place(scratch, scenario, path, key);
}

std::string overlay_yaml(const Scenario& scenario, const CalibrationResult& result, const std::string& extends_path,
                         const std::string& targets_name, const std::vector<std::string>& sets) {
  Scenario fitted = scenario;
  std::vector<io::Field> fields;
  for (const FitParameter& p : result.parameters) {
    fields.push_back(io::bind_field(fitted, p.path));
    io::set_field(fields.back(), p.value);
  }
  const std::string fit = fmt::format("labsim calibrate: fit to {} ({} targets, weighted RMSE {:.4g})", targets_name,
                                      result.residuals.size(), result.rmse);
  // Each fitted path's source; a series writes all its points, the fitted ones with theirs.
  auto source_for = [&](const std::string& path) -> std::string {
    for (const FitParameter& p : result.parameters)
      if (p.path == path)
        return std::isfinite(p.stderr_) ? fmt::format("{}; standard error {:.3g}", fit, p.stderr_)
                                        : fit + "; standard error not identifiable";
    return source_of(scenario, path);
  };
  Node root;
  for (size_t i = 0; i < fields.size(); ++i) {
    const FitParameter& p = result.parameters[i];
    const io::Field& f = fields[i];
    std::string prefix = p.path.substr(0, p.path.rfind('.'));
    if (const Series* series = series_at(fitted, prefix)) {
      // A series is replaced whole by `extends:`: write every point.
      std::string key;
      Node* leaf = place(root, fitted, prefix, key)->child(key);
      std::string text;
      for (const auto& [year, value] : series->points) {
        std::string point = fmt::format("{}.{}", prefix, year);
        text += fmt::format("{}{}: {}", text.empty() ? "" : ", ", year, sourced(plain(value), source_for(point)));
      }
      text += fmt::format(", growth: {}", sourced(written(series->growth_factor, io::Quantity::kGrowth, false),
                                                  source_for(prefix + ".growth")));
      leaf->scalar = "{" + text + "}";
      continue;
    }
    std::string key;
    Node* parent = place(root, fitted, p.path, key);
    parent->child(key)->scalar = sourced(written(p.value, f.quantity(), f.per_year_money), source_for(p.path));
  }
  std::string out = fmt::format(
      "# Written by labsim calibrate: the values fitted to {} ({} targets; weighted RMSE {:.4g}, {:.4g} at the start).\n"
      "# Run it like any scenario; it extends the scenario the fit started from.\n",
      targets_name, result.residuals.size(), result.rmse, result.start_rmse);
  // --set values of inputs that were not fitted shaped the fit; this file does not repeat them.
  std::vector<std::string> others;
  for (const std::string& set : sets) {
    std::string key = set.substr(0, set.find('='));
    bool fitted_key = false;
    for (const FitParameter& p : result.parameters) fitted_key |= p.path == key;
    if (!fitted_key) others.push_back(set);
  }
  if (!others.empty()) {
    out += "# The fit used these --set values, which this file does not repeat: run it with them too.\n";
    for (const std::string& set : others) out += fmt::format("#   --set {}\n", set);
  }
  out += fmt::format("extends: {}\n", text::json_string(extends_path));
  emit(root, 0, out);
  return out;
}

}  // namespace labsim
