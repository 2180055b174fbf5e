// Assembling a brief: summary, findings, charts, assumptions, method, stamp; then its files.
#include "report/brief.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "labsim/writers.hpp"
#include "report/findings.hpp"
#include "report/render.hpp"

namespace labsim::report {

namespace {

std::string kind_words(InstitutionKind k) {
  switch (k) {
    case InstitutionKind::kUniversity: return "a university";
    case InstitutionKind::kIndustry: return "an industry lab";
    case InstitutionKind::kNationalResource: return "a national compute resource";
  }
  return "an institution";
}

std::string kind_words_plural(InstitutionKind k) {
  switch (k) {
    case InstitutionKind::kUniversity: return "universities";
    case InstitutionKind::kIndustry: return "industry labs";
    case InstitutionKind::kNationalResource: return "national compute resources";
  }
  return "institutions";
}

// Keys that state a choice of the scenario's author (a period, a mode, a part), not a figure that
// needs a citation.
bool is_choice(const Assumption& a) {
  std::string leaf = a.path.substr(a.path.rfind('.') + 1);
  for (const char* key : {"years", "mode", "ownership", "carryover", "reference", "power_paid_by", "gpu"})
    if (leaf == key) return true;
  return a.value == "market" || a.value == "best";
}

std::string summary(const BriefInput& in) {
  const Scenario& s = *in.scenario;
  std::string who;
  for (size_t i = 0; i < s.institutions.size(); ++i) {
    const Institution& inst = s.institutions[i];
    std::string one = inst.replicas > 1 ? fmt::format("{} ({} identical {})", inst.name, inst.replicas,
                                                      kind_words_plural(inst.kind))
                                        : fmt::format("{} ({})", inst.name, kind_words(inst.kind));
    who += (i == 0 ? "" : i + 1 == s.institutions.size() ? " and " : ", ") + one;
  }
  std::string text = fmt::format(
      "This brief projects, year by year from {} to {}, what {} can buy with its funding, how much training "
      "compute it delivers, the largest model it can train, and how many of its researchers it keeps when "
      "industry pays more and offers more compute. It covers {}.",
      s.first_year, s.last_year, s.institutions.size() == 1 ? "one institution" : "each institution", who);
  if (in.baseline_scenario)
    text += fmt::format(" It also shows what changes against the baseline scenario \"{}\".", in.baseline_scenario->name);
  return text;
}

// Whether part `i` can appear in the results: in a fleet, named by a procurement, the reference
// part, or a datacenter part with a price when some institution buys `best`.
bool part_used(const Scenario& s, int i) {
  if (i == s.hardware.reference) return true;
  const Accelerator& part = s.catalog.parts[static_cast<size_t>(i)];
  for (const Institution& inst : s.institutions) {
    for (const Cohort& c : inst.fleet)
      if (c.gpu == i) return true;
    if (inst.procurement.gpu == i) return true;
    if (inst.procurement.gpu < 0 && part.part_class == PartClass::kDatacenter &&
        (part.price_usd || part.cloud_usd_per_hour))
      return true;
  }
  return false;
}

// Inputs the scenario sets, with their sources; structural keys (ids, names) are left out.
Table assumptions(const Scenario& s, std::string& note) {
  Table t{{"Input", "Value as written", "Source"}, {}};
  size_t unsourced = 0;
  for (const Assumption& a : s.assumptions) {
    std::string leaf = a.path.substr(a.path.rfind('.') + 1);
    if (leaf == "id" || leaf == "name" || leaf == "title" || leaf == "description" || leaf == "kind" ||
        leaf == "role" || leaf == "source" || a.path.rfind("hardware.catalog", 0) == 0)
      continue;
    bool choice = a.source.empty() && is_choice(a);
    if (a.source.empty() && !choice) ++unsourced;
    t.rows.push_back({a.path, a.value, choice ? "scenario choice" : a.source.empty() ? "NO SOURCE GIVEN" : a.source});
  }
  for (size_t i = 0; i < s.catalog.parts.size(); ++i) {
    const Accelerator& part = s.catalog.parts[i];
    if (!part_used(s, static_cast<int>(i))) continue;
    std::string price = part.price_usd ? fmt::format(", ${:g} ({})", part.price_usd->points.back().second,
                                                     part.price_usd->points.back().first)
                                       : std::string();
    t.rows.push_back({"hardware part " + part.name,
                      fmt::format("{:g} TFLOP/s bf16, {:g} W{}", part.bf16_flops / 1e12, part.tdp_w, price),
                      part.source.empty() ? "NO SOURCE GIVEN" : part.source});
  }
  note = unsourced == 0 ? "Every input the scenario sets carries a source."
                        : fmt::format("{} input{} the scenario sets {} no source and {} flagged NO SOURCE GIVEN.",
                                      unsourced, unsourced == 1 ? "" : "s", unsourced == 1 ? "has" : "have",
                                      unsourced == 1 ? "is" : "are");
  note += " Inputs not listed take labsim's documented defaults (docs/model.md).";
  return t;
}

std::vector<std::string> method(const Scenario& s) {
  return {
      "labsim runs each institution year by year. Each year its funding (grants, budgets, capex) is split "
      "between people and compute. Universities pay indirect costs (F&A) on salaries, services and cloud "
      "time, but not on equipment, so the same grant buys more owned GPUs than cloud hours. Running the "
      "GPUs already owned comes first; what is left buys whole GPUs, or rents cloud hours.",
      "Delivered compute counts the hours GPUs run (availability and utilization for owned hardware), "
      "converted to H100-equivalent hours, and the share of peak speed that training achieves (MFU). The "
      "largest run is the compute one run can use over a set number of days; the compute-optimal model "
      "follows the Chinchilla rule, here with " + fmt::format("{:g}", s.training.tokens_per_parameter) +
          " training tokens per parameter.",
      "People leave through natural attrition and through moves to industry, whose probability rises with "
      "the pay gap and the compute gap (a logistic choice model); PhD students graduate and choose between "
      "industry and academia the same way. Vacancies are filled as the money allows.",
      "Every equation, default and source is in docs/model.md; the scenario format is in "
      "docs/scenario-format.md."};
}

std::vector<std::string> limits() {
  return {"Headcounts are expected values, not individual people; small numbers can be fractional.",
          "Prices follow the catalog and a price-performance trend; shortages, export controls and "
          "negotiated discounts are not modelled.",
          "Industry labs are modelled as buying compute with a share of their funding; their internal "
          "allocation of compute to research is not known and not modelled.",
          "Research output (papers, notable models) is not part of this version of the model.",
          "The choice model's coefficients are estimates calibrated to one data point (the 2024 share of "
          "new AI PhDs going to industry); see docs/model.md."};
}

std::vector<std::pair<std::string, std::string>> stamp(const BriefInput& in) {
  std::vector<std::pair<std::string, std::string>> st = {
      {"labsim version", version()},
      {"scenario", fmt::format("{} (resolved scenario hash {}, FNV-1a)", in.scenario->name,
                               fnv1a_hex(in.scenario->resolved_json))}};
  if (in.baseline_scenario)
    st.emplace_back("baseline", fmt::format("{} (resolved scenario hash {}, FNV-1a)", in.baseline_scenario->name,
                                            fnv1a_hex(in.baseline_scenario->resolved_json)));
  st.emplace_back("sampling", "deterministic run: nominal values, no random draws (seed and sample count do not apply)");
  if (!in.command_line.empty()) st.emplace_back("command", in.command_line);
  if (!in.date.empty()) st.emplace_back("date", in.date);
  return st;
}

}  // namespace

Document brief_document(const BriefInput& in) {
  const Scenario& s = *in.scenario;
  Document d;
  d.title = s.title.empty() ? s.name : s.title;
  d.subtitle = fmt::format("Scenario {}, {}-{}", s.name, s.first_year, s.last_year);
  d.summary = summary(in);
  d.findings = key_findings(s, *in.trajectory, in.baseline_scenario, in.baseline);
  d.charts = brief_charts(in);
  d.assumptions = assumptions(s, d.assumptions_note);
  d.method = method(s);
  d.limits = limits();
  d.stamp = stamp(in);
  return d;
}

std::string fnv1a_hex(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

std::string base64(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

}  // namespace labsim::report

namespace labsim {

std::vector<BriefFile> make_brief(const BriefInput& input) {
  report::Document doc = report::brief_document(input);
  std::vector<BriefFile> files;
  std::vector<std::string> svgs;
  for (const report::Chart& c : doc.charts) {
    svgs.push_back(report::chart_svg(c));
    files.push_back({c.id + ".svg", svgs.back()});
    files.push_back({c.id + ".png", report::chart_png(c)});
  }
  files.push_back({"brief.html", report::brief_html(doc, svgs)});
  files.push_back({"brief.md", report::brief_markdown(doc)});
  files.push_back({"brief.pdf", report::brief_pdf(doc)});
  return files;
}

}  // namespace labsim
