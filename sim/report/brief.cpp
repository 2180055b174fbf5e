// Assembling a brief: summary, findings, charts, assumptions, method, stamp; then its files.
#include "report/brief.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <utility>

#include "labsim/version.hpp"
#include "report/brief_text.hpp"
#include "report/findings.hpp"
#include "report/render.hpp"
#include "text/hash.hpp"
#include "text/number.hpp"

namespace labsim::report {

namespace {

// Keys that state a choice of the scenario's author (a period, a mode, a part), not a figure that
// needs a citation.
bool is_choice(const Assumption& a) {
  std::string leaf = a.path.substr(a.path.rfind('.') + 1);
  for (const char* key : {"years", "mode", "ownership", "carryover", "reference", "power_paid_by", "gpu"})
    if (leaf == key) return true;
  return a.value == "market" || a.value == "best";
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

// A funding amount as written, and how it was read: "4M" over 2025-2032 -> "4M (over 2025-2032 = $500,000
// a year)"; any other value as written.
std::string amount_as_read(const Scenario& s, const Assumption& a) {
  if (!a.path.ends_with(".amount") || a.path.find(".funding.") == std::string::npos) return a.value;
  for (const Institution& inst : s.institutions)
    for (const Stream& st : inst.funding)
      if (a.path == fmt::format("institutions.{}.funding.{}.amount", inst.id, st.name) && !st.per_year &&
          st.schedule.empty() && st.last_year > st.first_year)
        return fmt::format("{} (over {}-{} = {} a year)", a.value, st.first_year, st.last_year,
                           text::money_words(st.amount_usd / (st.last_year - st.first_year + 1)));
  return a.value;
}

bool is_uncertain(const Scenario& s, const std::string& path) {
  return std::any_of(s.uncertain.begin(), s.uncertain.end(), [&](const UncertainInput& u) { return u.path == path; });
}

// Inputs the scenario sets, with their sources; structural keys (ids, names) are left out, and so
// is the built-in catalog (its parts are listed below), except for a distribution the scenario
// gives to a catalog figure: every uncertain input is listed, with its distribution as written.
// A funding amount says how it was read ("4M over 2025-2032 = $500,000 a year"). Inputs without
// a source have an empty source cell and are named once, together, in `note`.
Table assumptions(const Scenario& s, std::string& note) {
  Table t{{"Input", "Value as written", "Source"}, {}};
  std::vector<std::string> unsourced;
  for (const Assumption& a : s.assumptions) {
    std::string leaf = a.path.substr(a.path.rfind('.') + 1);
    if (leaf == "id" || leaf == "name" || leaf == "short_name" || leaf == "title" || leaf == "description" ||
        leaf == "kind" || leaf == "role" || leaf == "group" || leaf == "source" ||
        (a.path.rfind("hardware.catalog", 0) == 0 && !is_uncertain(s, a.path)))
      continue;
    bool choice = a.source.empty() && is_choice(a);
    if (a.source.empty() && !choice) unsourced.push_back(a.path);
    t.rows.push_back({a.path, amount_as_read(s, a), choice ? "scenario choice" : a.source});
  }
  // An uncertain input the loader recorded under no assumption (none is known) still appears.
  for (const UncertainInput& u : s.uncertain) {
    if (std::any_of(t.rows.begin(), t.rows.end(), [&](const auto& row) { return row[0] == u.path; })) continue;
    if (u.source.empty()) unsourced.push_back(u.path);
    t.rows.push_back({u.path, u.text, u.source});
  }
  for (size_t i = 0; i < s.catalog.parts.size(); ++i) {
    const Accelerator& part = s.catalog.parts[i];
    if (!part_used(s, static_cast<int>(i))) continue;
    std::string price = part.price_usd ? fmt::format(", ${:g} ({})", part.price_usd->points.back().second,
                                                     part.price_usd->points.back().first)
                                       : std::string();
    if (part.source.empty()) unsourced.push_back("hardware part " + part.name);
    t.rows.push_back({"hardware part " + part.name,
                      fmt::format("{:g} TFLOP/s bf16, {:g} W{}", part.bf16_flops / 1e12, part.tdp_w, price),
                      part.source});
  }
  std::string list;
  for (size_t k = 0; k < unsourced.size(); ++k)
    list += (k == 0 ? "" : k + 1 == unsourced.size() ? " and " : ", ") + unsourced[k];
  note = unsourced.empty() ? "Every input the scenario sets carries a source."
                           : fmt::format("{} the scenario sets {} no source (an empty source cell): {}.",
                                         unsourced.size() == 1 ? "One input" : fmt::format("{} inputs", unsourced.size()),
                                         unsourced.size() == 1 ? "has" : "have", list);
  if (!s.uncertain.empty())
    note += fmt::format(" {} written as {} (docs/uncertainty.md): single values in the brief use {} nominal "
                        "value{} (mode or median).",
                        s.uncertain.size() == 1 ? "1 input is" : fmt::format("{} inputs are", s.uncertain.size()),
                        s.uncertain.size() == 1 ? "a distribution" : "distributions",
                        s.uncertain.size() == 1 ? "its" : "their", s.uncertain.size() == 1 ? "" : "s");
  note += " Inputs not listed take labsim's documented defaults (docs/model.md).";
  return t;
}

std::vector<std::pair<std::string, std::string>> stamp(const BriefInput& in) {
  std::vector<std::pair<std::string, std::string>> st = {
      {"labsim version", version()},
      {"scenario", fmt::format("{} (resolved scenario hash {}, FNV-1a)", in.scenario->name,
                               fnv1a_hex(in.scenario->resolved_json))}};
  if (in.baseline_scenario)
    st.emplace_back("baseline", fmt::format("{} (resolved scenario hash {}, FNV-1a)", in.baseline_scenario->name,
                                            fnv1a_hex(in.baseline_scenario->resolved_json)));
  const BriefUncertainty* u = in.uncertainty;
  if (!u) {
    st.emplace_back("sampling", "deterministic run: nominal values, no random draws (seed and sample count do not apply)");
  } else if (u->inputs == 0) {
    st.emplace_back("sampling", fmt::format("deterministic run: -n {} asked for samples, but the scenario has no "
                                            "uncertain inputs", u->options.samples));
  } else {
    st.emplace_back("sampling", fmt::format("Monte Carlo over {} uncertain input{}; the thread count does not change "
                                            "the results", u->inputs, u->inputs == 1 ? "" : "s"));
    st.emplace_back("samples", std::to_string(u->options.samples));
    st.emplace_back("seed", std::to_string(u->options.seed));
    st.emplace_back("sampler", to_string(u->options.sampling));
  }
  if (!in.command_line.empty()) st.emplace_back("command", in.command_line);
  if (!in.date.empty()) st.emplace_back("date", in.date);
  return st;
}

// The index of `chart` among the charts drawn, or -1.
std::ptrdiff_t chart_index(const std::vector<Chart>& charts, BriefChart chart) {
  for (size_t i = 0; i < charts.size(); ++i)
    if (charts[i].id == chart_id(chart)) return static_cast<std::ptrdiff_t>(i);
  return -1;
}

// The last line of a brief without its appendix: how to get the rest.
std::string appendix_pointer(const BriefInput& in) {
  std::string command = in.command_line.empty() ? "labsim brief" : in.command_line;
  return fmt::format("labsim {}, scenario {} (hash {}). The other charts, every assumption with its source, the "
                     "method and how to reproduce this brief: {} --appendix.",
                     version(), in.scenario->name, fnv1a_hex(in.scenario->resolved_json).substr(0, 8), command);
}

}  // namespace

Document brief_document(const BriefInput& in) {
  const Scenario& s = *in.scenario;
  Document d;
  d.title = s.title.empty() ? s.name : s.title;
  d.subtitle = fmt::format("A projection for {}-{}", s.first_year, s.last_year);
  std::vector<std::string> summary = shown(summary_statements(in));
  for (size_t k = 0; k < summary.size(); ++k) d.summary += (k ? " " : "") + summary[k];
  const BriefUncertainty* u = in.uncertainty;
  const std::string spread = u && u->inputs > 0 ? spread_finding(*in.trajectory, u->scenario) : std::string();
  d.findings = key_findings(s, *in.trajectory, in.baseline_scenario, in.baseline, spread);
  d.charts = brief_charts(in);
  auto section = [&](std::string heading, bool new_page) {
    Section sec;
    sec.heading = std::move(heading);
    sec.new_page = new_page;
    return sec;
  };
  // Page 1: the headline chart; for a policy, what it changes.
  std::ptrdiff_t headline = in.baseline ? chart_index(d.charts, BriefChart::kPolicyEffect) : -1;
  if (headline < 0) headline = chart_index(d.charts, BriefChart::kComputePerResearcher);
  if (headline >= 0) {
    Section chart = section("", false);
    chart.charts.push_back(static_cast<size_t>(headline));
    d.sections.push_back(std::move(chart));
  }
  // Page 2: the policy, what matters most, limits.
  bool page_two = true;
  auto next_page = [&] { return std::exchange(page_two, false); };
  if (in.baseline) {
    PolicyEffectInput p{in.baseline, in.equal_cost, in.equal_cost_run,
                        u && u->comparison ? &*u->comparison : nullptr};
    Section policy = section("What the policy changes", next_page());
    policy.bullets = policy_effect(s, *in.trajectory, p);
    d.sections.push_back(std::move(policy));
  }
  if (std::string drivers = drivers_text(in); !drivers.empty()) {
    Section matters = section("What matters most", next_page());
    matters.paragraphs.push_back(std::move(drivers));
    d.sections.push_back(std::move(matters));
  }
  Section limits = section("Limits", next_page());
  limits.bullets = shown(limit_statements(in));
  d.sections.push_back(std::move(limits));
  if (!in.appendix) {
    Section pointer = section("", false);
    pointer.note = appendix_pointer(in);
    d.sections.push_back(std::move(pointer));
  } else {
    Section charts = section("Appendix: the other charts", true);
    for (size_t i = 0; i < d.charts.size(); ++i)
      if (static_cast<std::ptrdiff_t>(i) != headline) charts.charts.push_back(i);
    const bool had_charts = !charts.charts.empty();
    if (had_charts) d.sections.push_back(std::move(charts));
    Section table = section("Assumptions and sources", !had_charts);
    table.table = assumptions(s, table.note);
    d.sections.push_back(std::move(table));
    Section method = section("Method", false);
    method.paragraphs = shown(method_statements(in));
    d.sections.push_back(std::move(method));
    Section stamp_section = section("Reproducibility", false);
    stamp_section.small_print = true;
    for (const auto& [k, v] : stamp(in)) stamp_section.paragraphs.push_back(fmt::format("{}: {}", k, v));
    d.sections.push_back(std::move(stamp_section));
  }
  d.stamp = stamp(in);
  return d;
}

const Section* find_section(const Document& doc, std::string_view heading) {
  for (const Section& sec : doc.sections)
    if (sec.heading == heading) return &sec;
  return nullptr;
}

std::string fnv1a_hex(const std::string& text) { return fmt::format("{:016x}", text::fnv1a(text)); }

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

std::vector<std::string> brief_file_names() {
  std::vector<std::string> names = {"brief.html", "brief.pdf", "brief.md", "brief-interactive.html"};
  for (const BriefChartInfo& chart : kBriefCharts)
    for (const char* ext : {".svg", ".png"}) names.push_back(chart.id + std::string(ext));
  return names;
}

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
