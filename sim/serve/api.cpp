// The explorer's API endpoints (labsim/serve.hpp), over the loader, the engine and the writers.
#include "labsim/serve.hpp"

#include <cstdint>
#include <optional>
#include <sstream>

#include "io/bind.hpp"
#include "io/fields.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/explore.hpp"
#include "labsim/keys.hpp"
#include "labsim/loader.hpp"
#include "labsim/metric.hpp"
#include "labsim/report.hpp"
#include "labsim/writers.hpp"
#include "text/json.hpp"

namespace labsim {

namespace {

ApiResponse json(int status, std::string body) { return {status, "application/json", std::move(body)}; }

// The diagnostics of an input error as the API's error body.
ApiResponse errors(const std::vector<Diagnostic>& diagnostics) {
  std::ostringstream out;
  text::JsonWriter w(out);
  w.object().key("errors").array();
  for (const Diagnostic& d : diagnostics) {
    w.object().key("file").string(d.file).key("line").integer(d.line).key("column").integer(d.column);
    w.key("path").string(d.path).key("message").string(d.message).key("hint").string(d.hint).end();
  }
  w.end().end();
  out << '\n';
  return json(400, out.str());
}

ApiResponse error(const std::string& path, const std::string& message) {
  Diagnostic d;
  d.path = path;
  d.message = message;
  return errors({d});
}

// The metrics named in the query, checked as `--metrics` checks them.
std::vector<Metric> metrics_of(const ApiQuery& q) {
  std::vector<Metric> metrics;
  std::vector<Diagnostic> problems;
  for (const std::string& name : q.metrics) {
    const Metric m = find_metric(name);
    if (m != Metric::kCount) {
      metrics.push_back(m);
      continue;
    }
    Diagnostic d;
    d.path = "metrics";
    d.message = "unknown metric \"" + name + "\"";
    d.hint = "labsim metrics lists them";
    problems.push_back(d);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return metrics;
}

// A whole number from min to max written in the query as `key`, or `fallback` when absent.
std::uint64_t whole_number(const std::string& text, const char* key, std::uint64_t fallback, std::uint64_t min,
                           std::uint64_t max) {
  if (text.empty()) return fallback;
  std::uint64_t value = 0;
  bool ok = text.size() <= 19;
  for (char c : text) ok = ok && c >= '0' && c <= '9';
  if (ok) value = std::stoull(text);
  if (!ok || value < min || value > max) {
    Diagnostic d;
    d.path = key;
    d.message = "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", found \"" +
                text + "\"";
    throw InputError({d});
  }
  return value;
}

void check_format(const std::string& format) {
  if (format == "csv" || format == "json") return;
  Diagnostic d;
  d.path = "format";
  d.message = "expected csv or json, found \"" + format + "\"";
  throw InputError({d});
}

ApiResponse stat_table(const StatTable& table, const std::string& format) {
  std::ostringstream out;
  if (format == "csv") write_stat_csv(out, table);
  else write_stat_json(out, table);
  return {200, format == "csv" ? "text/csv" : "application/json", out.str()};
}

// Runs `answer`, turning bad input into a 400 with the diagnostics.
template <class F>
ApiResponse guarded(F&& answer) {
  try {
    return answer();
  } catch (const InputError& e) {
    return errors(e.diagnostics());
  } catch (const IoError& e) {
    return error("scenario", e.what());
  }
}

}  // namespace

ApiResponse api_inputs(const std::string& path) {
  Scenario s;
  try {
    s = load_scenario_file(path);
  } catch (const InputError& e) {
    return errors(e.diagnostics());
  } catch (const IoError& e) {
    return error("scenario", e.what());
  }
  std::ostringstream out;
  text::JsonWriter w(out);
  w.object().key("scenario").string(path).key("inputs").array();
  Scenario bound = s;
  for (const io::Field& f : io::bind_all(bound)) {  // one pass: binding path by path is quadratic
    const std::string& p = f.path;
    // The built-in catalog is not part of the file, so --set cannot reach its parts (a scenario
    // changes them with a hardware.catalog list): the explorer leaves them out.
    if (p.rfind("hardware.catalog.", 0) == 0) continue;
    const io::Limits limits = f.limits();
    w.line(2).object().key("path").string(p).key("label").string(input_words(s, p));
    w.key("quantity").string(io::describe(f.quantity())).key("value").number(io::get_field(f));
    w.key("lower").number(limits.lower).key("upper").number(limits.upper);
    // How a value is written back in set=: a bare growth is ambiguous (4% or x4), so "1.04x/yr".
    w.key("suffix").string(f.quantity() == io::Quantity::kGrowth ? "x/yr" : "");
    w.key("distribution");
    const UncertainInput* u = nullptr;
    for (const UncertainInput& in : s.uncertain)
      if (in.path == p) u = &in;
    if (u) w.string(u->text);
    else w.null();
    w.key("institution");
    if (p.rfind("institutions.", 0) == 0) w.string(p.substr(13, p.find('.', 13) - 13));
    else w.null();
    w.end();
  }
  w.line(0).end().end();
  out << '\n';
  return json(200, out.str());
}

ApiResponse api_run(const std::string& path, const std::vector<std::string>& sets, const std::string& format) {
  if (format != "csv" && format != "json")
    return error("format", "expected csv or json, found \"" + format + "\"");
  try {
    const Scenario s = load_scenario_file(path, sets);
    const Trajectory t = run(s);
    std::ostringstream out;
    if (format == "csv") write_csv(out, t);
    else write_json(out, s, t);
    return {200, format == "csv" ? "text/csv" : "application/json", out.str()};
  } catch (const InputError& e) {
    return errors(e.diagnostics());
  } catch (const IoError& e) {
    return error("scenario", e.what());
  }
}

ApiResponse api_compare(const std::string& baseline, const std::string& path, const ApiQuery& q) {
  return guarded([&] {
    check_format(q.format);
    const std::vector<Metric> metrics = metrics_of(q);
    const Scenario policy = load_scenario_file(path, q.sets);
    const Scenario base = load_scenario_file(baseline.empty() ? path : baseline);
    return stat_table(compare(base, policy, std::nullopt, metrics), q.format);
  });
}

ApiResponse api_mc(const std::string& path, const ApiQuery& q) {
  return guarded([&] {
    check_format(q.format);
    MonteCarloOptions o;
    o.metrics = metrics_of(q);
    o.samples = whole_number(q.samples, "n", kApiDefaultSamples, 1, kApiMaxSamples);
    o.seed = whole_number(q.seed, "seed", 1, 0, UINT64_MAX);
    const Scenario s = load_scenario_file(path, q.sets);
    return stat_table(monte_carlo(s, o), q.format);
  });
}

ApiResponse api_brief(const std::string& path, const std::string& baseline, const ApiQuery& q) {
  return guarded([&] {
    const Scenario s = load_scenario_file(path, q.sets);
    const Trajectory t = run(s);
    // The stamp names the command that writes the same brief: brief.pdf in the directory "brief".
    std::string command = "labsim brief " + path;
    if (!baseline.empty()) command += " --baseline " + baseline;
    for (const std::string& set : q.sets) command += " --set " + set;
    command += " -o brief";
    BriefInput in{&s, &t, nullptr, nullptr, {}, {}, nullptr};
    Scenario base_scenario;
    Trajectory base;
    if (!baseline.empty()) {
      base_scenario = load_scenario_file(baseline);
      base = run(base_scenario);
      in.baseline_scenario = &base_scenario;
      in.baseline = &base;
    }
    in.command_line = command;
    BriefEqualCost equal;
    add_equal_cost(in, equal);
    std::optional<SensitivityTable> drivers = brief_drivers(in);
    if (drivers) in.drivers = &*drivers;
    for (BriefFile& f : make_brief(in))
      if (f.name == "brief.pdf") return ApiResponse{200, "application/pdf", std::move(f.bytes)};
    return error("brief", "the brief has no PDF");
  });
}

ApiResponse api_overlay(const std::string& path, const ApiQuery& q) {
  return guarded([&] { return ApiResponse{200, "application/yaml", scenario_overlay(path, q.sets)}; });
}

}  // namespace labsim
