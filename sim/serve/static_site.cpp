// The static explorer (labsim/serve.hpp, labsim explore): the explorer's page as one HTML file
// with labsim's engine in WebAssembly, the resolved scenario and where each input lives in it.
#include <filesystem>
#include <string>
#include <vector>

#include "io/bind.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"
#include "labsim/scenario_json.hpp"
#include "labsim/serve.hpp"
#include "serve/assets.hpp"
#include "text/json.hpp"

namespace labsim {

namespace {

std::string base64(const std::string& bytes) {
  static const char* const kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4 + bytes.size() / 57 + 1);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const auto b = [&](size_t k) { return k < bytes.size() ? static_cast<unsigned char>(bytes[k]) : 0u; };
    const unsigned n = (b(i) << 16) | (b(i + 1) << 8) | b(i + 2);
    out += kDigits[(n >> 18) & 63];
    out += kDigits[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kDigits[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kDigits[n & 63] : '=';
    if ((i / 3 + 1) % 19 == 0) out += '\n';  // lines of 76 characters
  }
  return out;
}

// `text` safe inside a <script> element: no "</" can end it early (JSON and JavaScript read "<\/" as "</").
std::string in_script(std::string text) {
  for (size_t at = text.find("</"); at != std::string::npos; at = text.find("</", at + 3)) text.replace(at, 2, "<\\/");
  return text;
}

std::string asset(const char* path) {
  for (const serve::Asset& a : serve::assets())
    if (std::string_view(a.path) == path) return std::string(a.bytes);
  throw IoError(std::string("the explorer's page has no ") + path);
}

void replace(std::string& text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) throw IoError("the explorer's page has no " + from);
  text.replace(at, from.size(), to);
}

// {"path": {"pointer", "scale", "whole", "followers": [...]}} for every input of /api/inputs.
std::string input_pointers(const Scenario& s) {
  Scenario bound = s;
  std::vector<io::Field> fields;
  for (io::Field& f : io::bind_all(bound))
    if (f.path.rfind("hardware.catalog.", 0) != 0) fields.push_back(std::move(f));
  std::vector<double*> numbers;
  for (const io::Field& f : fields) {
    numbers.push_back(f.value);
    numbers.insert(numbers.end(), f.followers.begin(), f.followers.end());
  }
  const std::vector<std::string> pointers = scenario_json_pointers(bound, numbers);
  std::string out = "{";
  size_t k = 0;
  for (size_t i = 0; i < fields.size(); ++i) {
    const io::Field& f = fields[i];
    out += (i ? ",\n" : "\n") + text::json_string(f.path) + ": {\"pointer\": " + text::json_string(pointers[k++]) +
           ", \"scale\": " + text::json_number(f.spec->scale) + ", \"whole\": " + (f.spec->whole ? "true" : "false") +
           ", \"followers\": [";
    for (size_t j = 0; j < f.followers.size(); ++j) out += (j ? ", " : "") + text::json_string(pointers[k++]);
    out += "]}";
  }
  return out + "\n}";
}

}  // namespace

std::string static_explorer(const StaticExplorer& o) {
  const Scenario s = load_scenario_file(o.scenario);
  load_scenario_file(o.scenario, o.sets);  // the sets are checked as labsim run checks them
  ApiResponse inputs = api_inputs(o.scenario);
  if (inputs.status != 200) throw IoError(o.scenario + ": cannot list its inputs");
  // The page's command names the scenario by its file's name, not by a path on this machine.
  const std::string full = "{\"scenario\": " + text::json_string(o.scenario);
  if (inputs.body.rfind(full, 0) == 0)
    inputs.body.replace(0, full.size(), "{\"scenario\": " + text::json_string(std::filesystem::path(o.scenario).filename().string()));
  std::string keys = "null";
  if (!o.inputs.empty()) {
    keys = "[";
    for (const std::string& path : o.inputs)
      if (inputs.body.find("{\"path\": " + text::json_string(path) + ",") != std::string::npos)
        keys += (keys.size() > 1 ? ", " : "") + text::json_string(path);
    keys += "]";
  }
  std::string sets = "[";
  for (size_t i = 0; i < o.sets.size(); ++i) sets += (i ? ", " : "") + text::json_string(o.sets[i]);
  sets += "]";
  std::string data = "{\"inputs\": " + inputs.body + ", \"pointers\": " + input_pointers(s) + ", \"keys\": " + keys +
                     ", \"sets\": " + sets + ", \"scenario\": " + scenario_to_json(s) + ", \"baseline\": " +
                     (o.baseline.empty() ? std::string("null") : scenario_to_json(load_scenario_file(o.baseline))) + "}";
  std::string page = asset("/index.html");
  replace(page, "<link rel=\"stylesheet\" href=\"explorer.css\">", "<style>\n" + asset("/explorer.css") + "</style>");
  replace(page, "<script type=\"module\" src=\"explorer.js\"></script>",
          "<script type=\"application/json\" id=\"labsim-static\">" + in_script(data) + "</script>\n"
          "<script type=\"application/octet-stream\" id=\"labsim-wasm\">\n" + base64(o.engine_wasm) + "</script>\n" +
          (o.mc_js.empty() ? std::string()
                           : "<script type=\"text/plain\" id=\"labsim-mc-js\">" + in_script(o.mc_js) + "</script>\n"
                             "<script type=\"application/octet-stream\" id=\"labsim-mc-wasm\">\n" + base64(o.mc_wasm) +
                                 "</script>\n") +
          "<script>\n" + in_script(o.engine_js) + "</script>\n"
          "<script type=\"module\">\n" + in_script(asset("/explorer.js")) + "</script>");
  return page;
}

}  // namespace labsim
