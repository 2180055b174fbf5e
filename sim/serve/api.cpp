// The explorer's API endpoints (labsim/serve.hpp), over the loader, the engine and the writers.
#include "labsim/serve.hpp"

#include <sstream>

#include "io/bind.hpp"
#include "io/fields.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/keys.hpp"
#include "labsim/loader.hpp"
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
  w.object().key("inputs").array();
  Scenario bound = s;
  for (const io::Field& f : io::bind_all(bound)) {  // one pass: binding path by path is quadratic
    const std::string& p = f.path;
    const io::Limits limits = f.limits();
    w.line(2).object().key("path").string(p).key("label").string(input_words(s, p));
    w.key("quantity").string(io::describe(f.quantity())).key("value").number(io::get_field(f));
    w.key("lower").number(limits.lower).key("upper").number(limits.upper);
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

}  // namespace labsim
