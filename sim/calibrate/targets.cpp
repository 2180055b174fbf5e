// Observation files for calibrate and backtest: CSV rows checked against the scenario, every problem
// located as file:line:col.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "io/units.hpp"
#include "labsim/calibrate.hpp"
#include "labsim/diagnostics.hpp"
#include "text/names.hpp"

namespace labsim {

namespace {

struct Field {
  std::string text;
  int column = 1;  // 1-based column where the field starts
};

// Splits one CSV line; quoted fields may hold commas and doubled quotes. Returns false when a
// quote is left open.
bool split(const std::string& line, std::vector<Field>& out) {
  out.clear();
  Field f;
  bool quoted = false;
  for (size_t i = 0; i <= line.size(); ++i) {
    char c = i < line.size() ? line[i] : ',';
    if (quoted) {
      if (i == line.size()) return false;
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') f.text += '"', ++i;
      else if (c == '"') quoted = false;
      else f.text += c;
    } else if (c == '"' && f.text.empty()) {
      quoted = true;
    } else if (c == ',') {
      out.push_back(f);
      f = Field{{}, static_cast<int>(i) + 2};
    } else {
      f.text += c;
    }
  }
  for (Field& field : out) {  // surrounding spaces are not part of a value
    size_t a = field.text.find_first_not_of(" \t"), b = field.text.find_last_not_of(" \t\r");
    field.text = a == std::string::npos ? "" : field.text.substr(a, b - a + 1);
  }
  return true;
}

constexpr std::uintmax_t kMaxTargetsBytes = 8u << 20;  // as for scenario files

const std::vector<std::string> kColumns = {"institution", "year",      "metric",     "value",
                                           "weight",      "tolerance", "likelihood", "source"};
const std::vector<std::string> kLikelihoods = {"normal", "poisson"};

// "2004" or "2004-2009": the first and last year, or nothing when the text is neither.
std::optional<std::pair<int, int>> year_range(const std::string& text) {
  auto whole = [](const std::string& t) -> std::optional<int> {
    if (t.empty() || t.size() > 5 || t.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return std::stoi(t);
  };
  size_t dash = text.find('-', 1);
  if (dash == std::string::npos) {
    if (auto y = whole(text)) return std::pair{*y, *y};
    return std::nullopt;
  }
  auto a = whole(text.substr(0, dash)), b = whole(text.substr(dash + 1));
  if (!a || !b) return std::nullopt;
  return std::pair{*a, *b};
}

class Reader {
 public:
  Reader(std::string file) : file_(std::move(file)) {}

  void error(int line, int column, const std::string& line_text, std::string path, std::string message,
             std::string hint = {}) {
    Diagnostic d;
    d.file = file_;
    d.line = line;
    d.column = column;
    d.path = std::move(path);
    d.message = std::move(message);
    d.hint = std::move(hint);
    d.source_line = line_text;
    diagnostics_.push_back(std::move(d));
  }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<Diagnostic> diagnostics_;
};

std::optional<double> number(const std::string& text) {
  io::UnitResult r = io::parse_quantity(text, io::Quantity::kNumber);
  if (!r.ok) return std::nullopt;
  return r.parsed.value;
}

}  // namespace

Tolerance parse_tolerance(const std::string& text, const std::string& what) {
  Tolerance t;
  std::string s = text;
  t.relative = !s.empty() && s.back() == '%';
  io::UnitResult r = io::parse_quantity(s, t.relative ? io::Quantity::kOverhead : io::Quantity::kAmount);
  if (!r.ok || !std::isfinite(r.parsed.value)) {
    Diagnostic d;
    d.path = what;
    d.message = fmt::format("expected a tolerance, relative (\"25%\") or absolute (\"0.05\"), found \"{}\"", text);
    throw InputError({d});
  }
  t.value = r.parsed.value;
  t.given = true;
  return t;
}

std::vector<Observation> read_targets(const std::string& path, const Scenario& s) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw IoError(fmt::format("{}: no such file", path));
  if (!std::filesystem::is_regular_file(path, ec))
    throw IoError(fmt::format("{}: not a regular file (a directory, device or pipe)", path));
  if (auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxTargetsBytes) {
    Diagnostic d;
    d.file = path;
    d.message = fmt::format("the file is larger than {} bytes, the most a targets file may be", kMaxTargetsBytes);
    throw InputError({d});
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    if (std::filesystem::file_size(path, ec) == 0 && !ec) return parse_targets("", path, s);
    throw IoError(fmt::format("{}: cannot read the file", path));
  }
  return parse_targets(text.str(), path, s);
}

std::vector<Observation> parse_targets(std::string_view text, const std::string& path, const Scenario& s) {
  std::istringstream in{std::string(text)};
  Reader r(path);
  std::map<std::string, size_t> column;  // header name -> index
  std::vector<std::string> ids;
  for (const Institution& inst : s.institutions) ids.push_back(inst.id);
  std::vector<Observation> targets;
  std::vector<Field> fields;
  std::string line;
  int line_no = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a UTF-8 byte-order mark
    if (line.find_first_not_of(" \t") == std::string::npos || line[line.find_first_not_of(" \t")] == '#') continue;
    if (!split(line, fields)) {
      r.error(line_no, static_cast<int>(line.size()), line, "", "a quoted field is not closed");
      continue;
    }
    if (header) {
      header = false;
      for (size_t i = 0; i < fields.size(); ++i) {
        const std::string& name = fields[i].text;
        if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end()) {
          std::string guess = text::nearest(name, kColumns);
          r.error(line_no, fields[i].column, line, "header",
                  fmt::format("expected a column name, found \"{}\"", name),
                  guess.empty() ? "columns: institution, year, metric, value, weight, tolerance, likelihood, source"
                                : fmt::format("did you mean '{}'?", guess));
        } else if (!column.emplace(name, i).second) {
          r.error(line_no, fields[i].column, line, "header", fmt::format("the column \"{}\" appears twice", name));
        }
      }
      for (const char* required : {"institution", "year", "metric", "value"})
        if (!column.count(required))
          r.error(line_no, 1, line, "header", fmt::format("expected a column \"{}\", found none", required),
                  "the header is institution,year,metric,value[,weight][,tolerance][,source]");
      if (!r.diagnostics().empty()) break;
      continue;
    }
    if (fields.size() != column.size()) {
      r.error(line_no, 1, line, fmt::format("line {}", line_no),
              fmt::format("expected {} fields as in the header, found {}", column.size(), fields.size()),
              "quote a field that holds a comma: \"...\"");
      continue;
    }
    Observation t;
    t.file = path;
    t.line = line_no;
    auto at = [&](const char* name) -> const Field* {
      auto it = column.find(name);
      return it == column.end() ? nullptr : &fields[it->second];
    };
    const Field& inst = *at("institution");
    if (std::find(ids.begin(), ids.end(), inst.text) == ids.end()) {
      std::string guess = text::nearest(inst.text, ids);
      r.error(line_no, inst.column, line, "institution",
              fmt::format("expected an institution of {}, found \"{}\"", s.name, inst.text),
              guess.empty() ? "institutions: " + fmt::format("{}", fmt::join(ids, ", "))
                            : fmt::format("did you mean '{}'?", guess));
    }
    t.institution = inst.text;
    const Field& year = *at("year");
    auto y = year_range(year.text);
    if (!y || y->first < s.first_year || y->second > s.last_year || y->second < y->first)
      r.error(line_no, year.column, line, "year",
              fmt::format("expected a year of the scenario ({}-{}) or a range of them (\"2004-2009\"), found \"{}\"",
                          s.first_year, s.last_year, year.text));
    else
      t.year = y->first, t.last_year = y->second;
    const Field& metric = *at("metric");
    t.column = metric.column;
    t.metric = find_metric(metric.text);
    if (t.metric == Metric::kCount) {
      std::string hint = unknown_metric_hint(metric.text);
      r.error(line_no, metric.column, line, "metric", fmt::format("expected a metric name, found \"{}\"", metric.text),
              hint.empty() ? "`labsim run --format csv` lists the metrics" : hint);
    }
    const Field& value = *at("value");
    auto v = number(value.text);
    if (!v || !std::isfinite(*v))
      r.error(line_no, value.column, line, "value", fmt::format("expected a number, found \"{}\"", value.text));
    else
      t.value = *v;
    if (const Field* w = at("weight"); w && !w->text.empty()) {
      auto wv = number(w->text);
      if (!wv || !(*wv >= 0) || !std::isfinite(*wv))
        r.error(line_no, w->column, line, "weight", fmt::format("expected a weight ≥ 0, found \"{}\"", w->text));
      else
        t.weight = *wv;
    }
    if (const Field* l = at("likelihood"); l && !l->text.empty()) {
      auto k = std::find(kLikelihoods.begin(), kLikelihoods.end(), l->text);
      if (k == kLikelihoods.end()) {
        std::string guess = text::nearest(l->text, kLikelihoods);
        r.error(line_no, l->column, line, "likelihood",
                fmt::format("expected \"normal\" or \"poisson\", found \"{}\"", l->text),
                guess.empty() ? "" : fmt::format("did you mean '{}'?", guess));
      } else {
        t.likelihood = k == kLikelihoods.begin() ? Likelihood::kNormal : Likelihood::kPoisson;
        if (t.likelihood == Likelihood::kPoisson && t.value < 0)
          r.error(line_no, value.column, line, "value", fmt::format("a Poisson count cannot be negative, found {:g}", t.value));
      }
    }
    if (const Field* tol = at("tolerance"); tol && !tol->text.empty()) {
      try {
        t.tolerance = parse_tolerance(tol->text, "tolerance");
      } catch (const InputError& e) {
        r.error(line_no, tol->column, line, "tolerance", e.diagnostics().front().message);
      }
    }
    if (const Field* src = at("source")) t.source = src->text;
    targets.push_back(std::move(t));
  }
  if (header && r.diagnostics().empty())
    r.error(0, 0, "", "", "the file has no header and no targets",
            "the header is institution,year,metric,value[,weight][,tolerance][,source]");
  else if (targets.empty() && r.diagnostics().empty())
    r.error(0, 0, "", "", "the file has a header but no targets");
  if (!r.diagnostics().empty()) throw InputError(std::move(r.diagnostics()));
  return targets;
}

std::vector<double> model_values(const Trajectory& t, const Scenario& s, const std::vector<Observation>& targets) {
  std::vector<double> out;
  out.reserve(targets.size());
  for (const Observation& target : targets) {
    size_t i = 0;
    while (i < s.institutions.size() && s.institutions[i].id != target.institution) ++i;
    double v = 0;
    for (int year = target.year; year <= target.final_year(); ++year) v += t.institutions[i].at(year - t.first_year, target.metric);
    if (!metric_info(target.metric).extensive) v /= target.final_year() - target.year + 1;
    out.push_back(v);
  }
  return out;
}

}  // namespace labsim
