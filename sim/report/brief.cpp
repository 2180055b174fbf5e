// Assembling a brief: summary, findings, charts, assumptions, method, stamp; then its files.
#include "report/brief.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "labsim/version.hpp"
#include "report/findings.hpp"
#include "report/render.hpp"
#include "text/number.hpp"

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
  if (const BriefUncertainty* u = in.uncertainty) {
    if (u->inputs == 0)
      text += fmt::format(" The scenario gives every input as a single value, so the {} samples asked for would all be "
                          "the same run: the brief shows no uncertainty ranges.",
                          text::group_thousands(std::to_string(u->options.samples)));
    else
      text += fmt::format(" Shaded bands show how the results spread over {} samples of its {}, and a tornado chart "
                          "shows {}.",
                          text::group_thousands(std::to_string(u->options.samples)),
                          u->inputs == 1 ? "uncertain input" : fmt::format("{} uncertain inputs", u->inputs),
                          u->inputs == 1 ? "how far it moves the key number" : "which of them matter most");
  }
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

bool is_uncertain(const Scenario& s, const std::string& path) {
  return std::any_of(s.uncertain.begin(), s.uncertain.end(), [&](const UncertainInput& u) { return u.path == path; });
}

// Inputs the scenario sets, with their sources; structural keys (ids, names) are left out, and so
// is the built-in catalog (its parts are listed below), except for a distribution the scenario
// gives to a catalog figure: every uncertain input is listed, with its distribution as written.
Table assumptions(const Scenario& s, std::string& note) {
  Table t{{"Input", "Value as written", "Source"}, {}};
  size_t unsourced = 0;
  for (const Assumption& a : s.assumptions) {
    std::string leaf = a.path.substr(a.path.rfind('.') + 1);
    if (leaf == "id" || leaf == "name" || leaf == "title" || leaf == "description" || leaf == "kind" ||
        leaf == "role" || leaf == "source" || (a.path.rfind("hardware.catalog", 0) == 0 && !is_uncertain(s, a.path)))
      continue;
    bool choice = a.source.empty() && is_choice(a);
    if (a.source.empty() && !choice) ++unsourced;
    t.rows.push_back({a.path, a.value, choice ? "scenario choice" : a.source.empty() ? "NO SOURCE GIVEN" : a.source});
  }
  // An uncertain input the loader recorded under no assumption (none is known) still appears.
  for (const UncertainInput& u : s.uncertain) {
    if (std::any_of(t.rows.begin(), t.rows.end(), [&](const auto& row) { return row[0] == u.path; })) continue;
    if (u.source.empty()) ++unsourced;
    t.rows.push_back({u.path, u.text, u.source.empty() ? "NO SOURCE GIVEN" : u.source});
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
  if (!s.uncertain.empty())
    note += fmt::format(" {} written as {} (docs/uncertainty.md): single values in the brief use {} nominal "
                        "value{} (mode or median); with -n, the shaded bands sample {}.",
                        s.uncertain.size() == 1 ? "1 input is" : fmt::format("{} inputs are", s.uncertain.size()),
                        s.uncertain.size() == 1 ? "a distribution" : "distributions",
                        s.uncertain.size() == 1 ? "its" : "their", s.uncertain.size() == 1 ? "" : "s",
                        s.uncertain.size() == 1 ? "it" : "them");
  note += " Inputs not listed take labsim's documented defaults (docs/model.md).";
  return t;
}

// How the uncertainty sections were made, for the method section.
std::string uncertainty_method(const BriefUncertainty& u) {
  std::string sampler = u.options.sampling == Sampling::kLhs     ? "Latin hypercube sampling (one draw in each of N "
                                                                   "equal-probability strata of every input)"
                        : u.options.sampling == Sampling::kSobol ? "a randomly shifted Sobol sequence"
                                                                 : "independent random draws";
  std::string text = fmt::format(
      "Uncertainty: the {} in the assumptions table {} sampled {} times by {} (seed {}), and the scenario was run "
      "once per sample. Charts show the median of the samples as a line, the middle half (25th to 75th "
      "percentile) as the darker band and 90% of them (5th to 95th percentile) as the lighter band; percentiles "
      "are accurate to 0.5%.",
      u.inputs == 1 ? "1 input written as a distribution" : fmt::format("{} inputs written as distributions", u.inputs),
      u.inputs == 1 ? "was" : "were", text::group_thousands(std::to_string(u.options.samples)), sampler, u.options.seed);
  if (u.comparison)
    text += " The policy's effect is computed sample by sample, the baseline and the policy seeing the same draws "
            "for the same inputs, so its bands show the spread of the effect itself.";
  if (u.tornado)
    text += " The tornado chart moves one input at a time to its 10th and then its 90th percentile, all others at "
            "their nominal values.";
  return text;
}

std::vector<std::string> method(const Scenario& s) {
  return {
      "labsim runs each institution year by year. Each year its funding (grants, budgets, capex) is split "
      "between people and compute. Universities pay indirect costs (F&A) on salaries, services and cloud "
      "time, but not on equipment, so the same grant buys more owned GPUs than cloud hours. Running the "
      "GPUs already owned and paying the people who stay come first, from either side's money if need be; "
      "what is left buys whole GPUs, or rents cloud hours. When the money cannot pay for what the "
      "institution already has, the reserves its scenario declares pay the difference, and what they "
      "cannot pay is cut: posts are not renewed, and GPUs are idled or retired, oldest first.",
      "Delivered compute counts the hours GPUs run (availability and utilization for owned hardware), "
      "converted to H100-equivalent hours at each part's measured training efficiency; training compute "
      "(FLOP) is those hours at the H100's peak speed times the share of it training achieves (MFU). The "
      "largest run is a share of the fleet for a number of "
      "days; for a frontier developer the run grows longer each year (to at most a year) and is capped by "
      "the power of its largest site. The frontier is the largest modelled run, unless the scenario "
      "assumes a larger one, which the brief then calls an assumption. The compute-optimal model follows "
      "the Chinchilla rule, here with " + fmt::format("{:g}", s.training.tokens_per_parameter) +
          " training tokens per parameter.",
      "People leave through natural attrition and through moves to industry, whose probability rises with "
      "the pay gap, the gap in research compute per researcher and industry's demand for AI researchers "
      "(a logistic choice model); PhD students who graduate and postdocs whose posts end choose between "
      "industry and the national academic market the same way, and also weigh how much federal money "
      "universities have for research (the academic jobs on offer). Vacancies are filled as the money allows; "
      "a vacated post stays empty for months and a new hire starts at half output, so departures cost "
      "research output. Expected notable models come from researcher-years: a part every researcher-year "
      "brings, and a part that needs a largest run near the year's typical notable model.",
      "Every equation, default and source is in docs/model.md; the scenario format is in "
      "docs/scenario-format.md."};
}

std::vector<std::string> limits() {
  return {"Headcounts are expected values, not individual people; small numbers can be fractional.",
          "Prices follow the catalog and a price-performance trend; shortages, export controls and "
          "negotiated discounts are not modelled.",
          "An industry lab's research compute is a share of its fleet (by default 71%, from OpenAI's 2024 "
          "spending; an upper bound for labs that serve ads and products).",
          "Research output is expected notable models, calibrated on Epoch AI's counts 2010-2019: most of it "
          "does not depend on run size, and the part that does is weakly determined (docs/validation.md).",
          "The choice model's intercept, its weights on industry demand, academic demand and research "
          "compute, and faculty mobility are calibrated on data up to 2019; its pay weight is an estimate. "
          "Out of sample it puts the share of new AI PhDs going to industry within 7 points of each "
          "published year 2020-2024; the faculty moves it was fitted to end in 2018 (docs/validation.md).",
          "An industry lab's researchers are a fixed count: its compute per researcher grows with its "
          "capex, not with hiring."};
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

}  // namespace

Document brief_document(const BriefInput& in) {
  const Scenario& s = *in.scenario;
  Document d;
  d.title = s.title.empty() ? s.name : s.title;
  d.subtitle = fmt::format("Scenario {}, {}-{}", s.name, s.first_year, s.last_year);
  d.summary = summary(in);
  d.findings = key_findings(s, *in.trajectory, in.baseline_scenario, in.baseline);
  const BriefUncertainty* u = in.uncertainty;
  if (u && u->inputs > 0) {
    // After the first finding, on the same quantity: how sure its number is.
    std::string spread = spread_finding(*in.trajectory, u->scenario);
    if (!spread.empty()) d.findings.insert(d.findings.begin() + std::min<std::ptrdiff_t>(1, std::ssize(d.findings)), spread);
  }
  d.charts = brief_charts(in);
  d.assumptions = assumptions(s, d.assumptions_note);
  d.method = method(s);
  if (u && u->inputs > 0) d.method.insert(d.method.end() - 1, uncertainty_method(*u));
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

std::vector<std::string> brief_file_names() {
  std::vector<std::string> names = {"brief.html", "brief.pdf", "brief.md"};
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
