// The field table as users read it: key types, defaults and limits in words.
#include "labsim/keys.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "io/bind.hpp"
#include "io/fields.hpp"
#include "model/budget.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

using io::FieldSpec;
using io::Quantity;

// The kinds of number of docs/scenario-format.md, section 2.
const char* kind_name(Quantity q) {
  switch (q) {
    case Quantity::kNumber: return "number";
    case Quantity::kCount: return "count";
    case Quantity::kMoney: return "money";
    case Quantity::kShare: return "share";
    case Quantity::kOverhead: return "percentage";
    case Quantity::kRate: return "rate per year";
    case Quantity::kGrowth: return "growth per year";
    case Quantity::kYears:
    case Quantity::kDays:
    case Quantity::kMonths: return "duration";
    case Quantity::kFlop: return "FLOP";
    case Quantity::kAmount: return "amount";
    case Quantity::kHours: return "hours a year";
    case Quantity::kYear: return "year";
  }
  return "";
}

std::string type_text(const FieldSpec& f) {
  if (!f.varies() && !f.unit.empty()) return std::string(f.unit);
  std::string kind = kind_name(f.quantity);
  if (f.shape == io::Shape::kSeries) kind = "series of " + kind;
  if (f.section == io::Section::kRole && f.key == "salary") kind += ", or `market`";
  return f.unit.empty() ? kind : fmt::format("{} ({})", kind, f.unit);
}

// The limits in words; for a key whose limits depend on the role, each case.
std::string allowed_text(const FieldSpec& f) {
  if (f.shape == io::Shape::kOther) return f.condition.empty() ? "see meaning" : std::string(f.condition);
  std::string text = f.quantity == Quantity::kYear ? "from 1900 to 2200" : io::limits_text(f);
  if (f.section == io::Section::kRole && f.role >= 0)
    text = fmt::format("`{}`: {}; others {}", to_string(static_cast<Role>(f.role)), text,
                       io::limits_text(io::field_spec(io::Section::kRole, f.key, -1)));
  if (f.shape == io::Shape::kSeries && !text.empty())
    text += std::isfinite(io::effective_limits(f).upper) ? ", per point and by the last year" : ", per point";
  if (f.horizon_floor > 0) text += fmt::format("; not below {:g} by the last year", f.horizon_floor);
  if (!f.condition.empty()) text += (text.empty() ? "" : "; ") + std::string(f.condition);
  return text.empty() ? "any" : text;
}

}  // namespace

std::vector<KeyInfo> scenario_keys() {
  std::vector<KeyInfo> keys;
  for (const FieldSpec& f : io::field_specs()) {
    bool listed = false;
    for (const KeyInfo& k : keys) listed = listed || (k.section == io::section_path(f.section) && k.key == f.key);
    if (listed) continue;  // a role's own limits are named in the first row of the key
    keys.push_back(KeyInfo{std::string(io::section_path(f.section)), std::string(f.key), type_text(f),
                           io::default_text(f), allowed_text(f), std::string(f.label), f.varies()});
  }
  return keys;
}

std::vector<std::string> input_paths(const Scenario& s) { return io::field_paths(s); }

std::string written_input(const Scenario& s, const std::string& path, double value) {
  Scenario copy = s;  // bind_field points into the scenario it binds
  const io::Field f = io::bind_field(copy, path);
  return io::written(f.spec->quantity, value);
}

namespace {

// An amount as a scenario file would write it: "4M", "250k", "1.5B", "1234.5".
std::string as_written(double usd) {
  for (auto [scale, suffix] : {std::pair{1e9, "B"}, std::pair{1e6, "M"}, std::pair{1e3, "k"}}) {
    const double v = usd / scale;
    if (usd >= scale && std::round(v * 1000) == v * 1000) return fmt::format("{:g}{}", v, suffix);
  }
  return fmt::format("{:g}", usd);
}

}  // namespace

namespace {

std::string lowered(std::string text) {
  // "Model FLOPs utilization" -> "model FLOPs utilization"; an acronym ("MFU", "F&A") stays.
  if (text.size() > 1 && std::isupper(static_cast<unsigned char>(text[0])) &&
      !std::isupper(static_cast<unsigned char>(text[1])))
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

std::string input_words(const Scenario& s, const std::string& path, bool who_first) {
  std::string rest = path, suffix, prefix;
  // A series point or its growth: the series' key, then "in 2030" or "yearly growth of".
  if (!io::spec_for_path(rest)) {
    const size_t dot = rest.rfind('.');
    const std::string last = dot == std::string::npos ? "" : rest.substr(dot + 1);
    if (last == "growth") prefix = "yearly growth of ", rest.resize(dot);
    else if (!last.empty() && std::all_of(last.begin(), last.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      suffix = " in " + last, rest.resize(dot);
  }
  const io::FieldSpec* spec = io::spec_for_path(rest);
  if (!spec || spec->label.empty()) return path;
  std::string what = lowered(std::string(spec->label));
  // A label's parenthetical is detail for scenario writers: "... catalog part (gpu: best)".
  for (size_t open = what.find(" ("); open != std::string::npos; open = what.find(" (")) {
    const size_t close = what.find(')', open);
    if (close == std::string::npos) break;
    what.erase(open, close - open + 1);
  }
  // Whose: an institution by its short name, a funding stream by its name too.
  std::string who;
  if (rest.rfind("institutions.", 0) == 0) {
    const size_t end = rest.find('.', 13);
    const std::string id = rest.substr(13, end == std::string::npos ? std::string::npos : end - 13);
    for (const Institution& inst : s.institutions)
      if (inst.id == id) who = !inst.short_name.empty() ? inst.short_name : inst.name;
    if (spec->section == io::Section::kStream && end != std::string::npos) {
      const std::string tail = rest.substr(end + 1);  // "funding.capex.growth"
      const size_t a = tail.find('.'), b = tail.rfind('.');
      if (a != std::string::npos && b > a && who_first)
        return fmt::format("{}: {}{} of its {} funding{}", who, prefix,
                           spec->key == "amount" ? "the money" : spec->key == "growth" ? "yearly growth" : what,
                           tail.substr(a + 1, b - a - 1), suffix);
      if (a != std::string::npos && b > a)
        return fmt::format("{}{} of {}'s {} funding{}", prefix,
                           spec->key == "amount" ? "the money" : spec->key == "growth" ? "yearly growth" : what, who,
                           tail.substr(a + 1, b - a - 1), suffix);
    }
  }
  if (!who.empty() && who_first) return fmt::format("{}: {}{}{}", who, prefix, what, suffix);
  return who.empty() ? fmt::format("{}{}{}", prefix, what, suffix)
                     : fmt::format("{}{} at {}{}", prefix, what, who, suffix);
}

std::vector<std::string> funding_as_read(const Scenario& s) {
  std::vector<std::string> lines;
  for (const Institution& inst : s.institutions) {
    for (const Stream& st : inst.funding) {
      const int years = st.last_year - st.first_year + 1;
      const std::string span = years == 1 ? fmt::format("in {}", st.first_year)
                                          : fmt::format("over {}-{}", st.first_year, st.last_year);
      std::string line = fmt::format("institutions.{}.funding.{}: ", inst.id, st.name);
      if (st.per_year) {
        line += fmt::format("{} a year {}", text::money_words(st.amount_usd), span);
        if (st.growth_factor != 1) line += ", growing " + io::written(io::Quantity::kGrowth, st.growth_factor);
      } else if (!st.schedule.empty()) {
        line += fmt::format("{} {}, paid by its schedule", text::money_words(st.amount_usd), span);
      } else {
        line += years == 1 ? fmt::format("{} {}", text::money_words(st.amount_usd), span)
                           : fmt::format("{} {} = {} a year", text::money_words(st.amount_usd), span,
                                         text::money_words(st.amount_usd / years));
      }
      if (st.purpose != Purpose::kAny) line += fmt::format(", for {} only", to_string(st.purpose));
      if (st.indirect_rate > 0) line += fmt::format(" (F&A {})", io::written(io::Quantity::kShare, st.indirect_rate));
      lines.push_back(line);
      // A total that pays much less a year than the institution's other money may have been meant per year.
      if (st.per_year || !st.schedule.empty() || years < 2) continue;
      double others = 0;
      for (const Stream& other : inst.funding)
        if (&other != &st) others += model::stream_payment(other, st.first_year);
      if (others > 0 && st.amount_usd / years < others / 5)
        lines.push_back(fmt::format("  note: read as a total spread over {} years; for {} a year write {}/yr",
                                    years, text::money_words(st.amount_usd), as_written(st.amount_usd)));
    }
  }
  return lines;
}

void write_keys_markdown(std::ostream& out, const std::vector<KeyInfo>& keys) {
  std::string section = "-";
  for (const KeyInfo& k : keys) {
    if (k.section != section) {
      section = k.section;
      out << fmt::format("{}### `{}`\n\n| key | type/unit | default | allowed | meaning |\n|---|---|---|---|---|\n",
                         &k == keys.data() ? "" : "\n", section.empty() ? "(top level)" : section);
    }
    out << fmt::format("| `{}` | {} | {} | {} | {} |\n", k.key, k.type, k.default_text, k.allowed, k.label);
  }
}

}  // namespace labsim
