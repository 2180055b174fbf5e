// Entry points: compose the tree, apply --set, read it into a Scenario, report all problems.
#include "labsim/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <tuple>

#include "catalog/builtin_tree.hpp"
#include "io/compose.hpp"
#include "io/reader.hpp"
#include "io/schema.hpp"
#include "labsim/diagnostics.hpp"
#include "text/json.hpp"
#include "text/names.hpp"

namespace labsim {

namespace {

using io::Node;

const char* kCatalogName = "<built-in catalog>";

// The built-in `parts` list with the scenario's `hardware.catalog` items merged in by name.
Node catalog_tree(io::SourceSet& sources, const Node& root, std::vector<Diagnostic>& out) {
  // Parsed when labsim was built: the same tree parse_yaml gives, without parsing at every start.
  Node parsed = catalog_data::builtin_catalog_tree(sources.add(kCatalogName, catalog_data::builtin_catalog_yaml()));
  Node parts = parsed.is_map() && parsed.find("parts") ? *parsed.find("parts") : Node{};
  const Node* hw = root.find("hardware");
  const Node* extra = hw && hw->is_map() ? hw->find("catalog") : nullptr;
  if (!extra) return parts;
  if (!extra->is_seq()) {
    out.push_back(io::make_diagnostic(sources, extra->pos, "hardware.catalog",
        fmt::format("expected a list of parts, found {}", extra->describe())));
    return parts;
  }
  // Names of the built-in parts (the embedded list always names every part).
  std::vector<std::string> builtin;
  for (const Node& p : parts.items) builtin.push_back(p.find("name")->text);
  for (const Node& item : extra->items) {
    const Node* name = item.is_map() ? item.find("name") : nullptr;
    bool named = name && name->is_scalar();
    auto known = named ? std::find(builtin.begin(), builtin.end(), name->text) : builtin.end();
    if (known != builtin.end()) {
      io::merge_into(parts.items[static_cast<size_t>(known - builtin.begin())], item);
      continue;
    }
    // A name close to a built-in part, without the keys a new part needs: a misspelt override.
    std::string guess = named ? text::nearest(name->text, builtin) : "";
    if (!guess.empty() && !item.find("year")) {
      out.push_back(io::make_diagnostic(sources, name->pos, "hardware.catalog",
          fmt::format("unknown part \"{}\": a new part needs year, bf16_tflops and tdp_w", name->text),
          fmt::format("did you mean '{}'? To change a built-in part, use its exact name", guess)));
      continue;
    }
    parts.items.push_back(item);  // a new part; the reader reports what it lacks
  }
  return parts;
}

std::string tree_json(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kNull: return "null";
    case Node::Kind::kScalar: return text::json_string(n.text);
    case Node::Kind::kSequence: {
      std::string s = "[";
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i) s += ',';
        s += tree_json(n.items[i]);
      }
      return s + "]";
    }
    case Node::Kind::kMap: {
      std::string s = "{";
      for (size_t i = 0; i < n.entries.size(); ++i) {
        if (i) s += ',';
        s += text::json_string(n.entries[i].first) + ":" + tree_json(n.entries[i].second);
      }
      return s + "}";
    }
  }
  return "null";
}

// Diagnostics in file order: by file in the order the files were read (the scenario, then the
// files it extends, then --set arguments), then by line and column. Ranking by read order, not
// by first mention, keeps the order independent of which section the reader checks first.
[[noreturn]] void fail(const io::SourceSet& sources, std::vector<Diagnostic> out) {
  auto file_rank = [&](const std::string& file) {
    for (size_t i = 0; i < sources.texts.size(); ++i)
      if (sources.texts[i].name == file) return i;
    return sources.texts.size();
  };
  auto rank = [&](const Diagnostic& d) { return std::tuple(file_rank(d.file), d.line, d.column); };
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  throw InputError(std::move(out));
}

Scenario finish(io::SourceSet& sources, Node root, const std::vector<std::string>& overrides,
                std::vector<Diagnostic>& out) {
  if (!out.empty()) fail(sources, std::move(out));
  for (size_t i = 0; i < overrides.size(); ++i)
    io::apply_override(sources, root, overrides[i], static_cast<int>(i), out);
  if (!out.empty()) fail(sources, std::move(out));
  Scenario s;
  Node parts = catalog_tree(sources, root, out);
  io::Reader reader(sources, out, s.assumptions, s.uncertain);
  io::read_scenario(reader, root, parts, s);
  if (!out.empty()) fail(sources, std::move(out));
  s.resolved_json = tree_json(root);
  return s;
}

}  // namespace

namespace {

// The directory of the running program ("" when /proc/self/exe cannot be read).
std::string program_dir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

}  // namespace

std::vector<std::string> scenario_dirs() {
  std::vector<std::string> dirs;
  std::error_code ec;
  auto add = [&](const std::filesystem::path& d) {
    if (!d.empty() && std::filesystem::is_directory(d, ec)) dirs.push_back(d.lexically_normal().string());
  };
  if (const char* env = std::getenv("LABSIM_SCENARIOS")) {
    std::string list = env;
    for (size_t start = 0; start <= list.size();) {
      size_t end = list.find(':', start);
      if (end == std::string::npos) end = list.size();
      add(list.substr(start, end - start));
      start = end + 1;
    }
  }
  if (std::string dir = program_dir(); !dir.empty()) {
    add(std::filesystem::path(dir) / ".." / "share" / "labsim" / "scenarios");
    add(std::filesystem::path(dir) / ".." / "scenarios");
  }
  return dirs;
}

std::string find_scenario(const std::string& arg) {
  std::error_code ec;
  // A directory of that name (a brief written with -o nairr, say) does not hide the shipped scenario.
  const bool here = std::filesystem::exists(arg, ec) && !std::filesystem::is_directory(arg, ec);
  if (arg.empty() || here || arg.find('/') != std::string::npos) return arg;
  const std::string file = arg.ends_with(".yaml") ? arg : arg + ".yaml";
  for (const std::string& dir : scenario_dirs()) {
    std::filesystem::path candidate = std::filesystem::path(dir) / file;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
  }
  return arg;
}

std::vector<std::pair<std::string, std::string>> shipped_scenarios() {
  std::map<std::string, std::string> found;
  std::error_code ec;
  for (const std::string& dir : scenario_dirs())
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      if (entry.path().extension() != ".yaml") continue;
      found.emplace(entry.path().stem().string(), entry.path().string());  // the first directory wins
    }
  return {found.begin(), found.end()};
}

Scenario load_scenario_file(const std::string& given, const std::vector<std::string>& overrides) {
  const std::string path = find_scenario(given);
  io::SourceSet sources;
  std::vector<Diagnostic> out;
  std::vector<std::string> chain;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    // A bare name that names no shipped scenario: say which are, with the nearest.
    if (path.find('/') == std::string::npos && !path.empty()) {
      std::vector<std::string> names;
      for (const auto& [name, file] : shipped_scenarios()) names.push_back(name);
      const std::string stem = path.ends_with(".yaml") ? path.substr(0, path.size() - 5) : path;
      const std::string guess = text::nearest(stem, names);
      if (!names.empty())
        throw IoError(fmt::format("{}: no such file or shipped scenario{} (labsim scenarios lists them)", path,
                                  guess.empty() ? "" : fmt::format("; did you mean '{}'?", guess)));
    }
    throw IoError(fmt::format("{}: no such file", path));
  }
  if (!std::filesystem::is_regular_file(path, ec))
    throw IoError(fmt::format("{}: not a regular file (a directory, device or pipe)", path));
  Node root = io::load_composed(sources, path, out, chain);
  if (out.size() == 1 && out.front().line == 0 && out.front().file == path &&
      out.front().message == "cannot read the file")
    throw IoError(fmt::format("{}: cannot read the file", path));
  return finish(sources, std::move(root), overrides, out);
}

std::string scenario_overlay(const std::string& given, const std::vector<std::string>& overrides) {
  load_scenario_file(given, overrides);  // every check of `labsim run`, so the overlay is valid
  const std::string path = std::filesystem::absolute(find_scenario(given)).lexically_normal().string();
  io::SourceSet sources;
  std::vector<Diagnostic> out;
  std::vector<std::string> chain;
  Node result = io::load_composed(sources, path, out, chain);
  for (size_t i = 0; i < overrides.size(); ++i)
    io::apply_override(sources, result, overrides[i], static_cast<int>(i), out);
  if (!out.empty()) fail(sources, std::move(out));
  Node overlay;
  overlay.kind = Node::Kind::kMap;
  Node base;
  base.kind = Node::Kind::kScalar;
  base.text = path;
  base.quoted = true;
  overlay.entries.emplace_back("extends", base);
  overlay.key_pos.emplace_back();
  for (const std::string& o : overrides) io::add_to_overlay(overlay, result, o.substr(0, o.find('=')));
  return "# The scenario as the labsim explorer showed it: `labsim run` of this file gives its numbers.\n" +
         io::emit_yaml(overlay);
}

Scenario load_scenario_string(std::string_view text, const std::string& name,
                              const std::vector<std::string>& overrides, const std::string& base_dir) {
  io::SourceSet sources;
  std::vector<Diagnostic> out;
  std::vector<std::string> chain;
  Node root = io::compose_text(sources, name, text, base_dir, out, chain);
  return finish(sources, std::move(root), overrides, out);
}

Scenario default_scenario() {
  return load_scenario_string(
      "scenario: {name: defaults, years: 2024-2034}\n"
      "institutions: [{id: none, kind: industry}]\n",
      "<defaults>");
}

double parse_cli_number(std::string_view text, const std::string& what, CliQuantity kind) {
  io::Quantity q = kind == CliQuantity::kShare ? io::Quantity::kShare
                   : kind == CliQuantity::kDays ? io::Quantity::kDays
                                                : io::Quantity::kAmount;
  io::UnitResult r = io::parse_quantity(text, q);
  if (r.ok) return r.parsed.value;
  Diagnostic d;
  d.path = what;
  d.message = r.message;
  d.hint = r.hint;
  throw InputError({d});
}

}  // namespace labsim
