// Assembling a brief's content, and its HTML and Markdown forms.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "labsim/report.hpp"
#include "report/document.hpp"

namespace labsim::report {

// The charts of a brief: compute per researcher, largest run against the frontier, the focal
// university's budget split and its people, and with a baseline the policy's effect.
std::vector<Chart> brief_charts(const BriefInput& in);

// "Which assumptions matter most": in.uncertainty's tornado as a chart (tornado_bars), the
// output's axis in H100-hours per researcher. Requires in.uncertainty->tornado.
Chart tornado_chart(const BriefInput& in);

// The bars of a tornado table (columns low, high, swing): inputs whose swing is at least 0.5% of
// the largest (and above zero), the largest swing first (ties in the table's order), at most
// `max_bars`; labelled in plain words (plain_input_label) when `s` is given, else by key path
// (short_input_label).
std::vector<TornadoBar> tornado_bars(const SensitivityTable& table, size_t max_bars = 8, const Scenario* s = nullptr);

// An input's plain words (labsim::input_words) for an axis label, cut at a word boundary with
// "..." beyond `max_chars`; a path the key table does not know as short_input_label writes it.
std::string plain_input_label(const Scenario& s, const std::string& path, size_t max_chars = 44);

// A key path short enough for an axis label (at most `max_chars` characters where possible):
// "institutions.ID.rest" reads "ID: rest", and leading parts of a longer path give way to "...":
// "hardware.catalog.H100-SXM.cloud_usd_per_hour.2025" -> "...H100-SXM.cloud_usd_per_hour.2025".
std::string short_input_label(const std::string& path, size_t max_chars = 36);

// The whole content of the brief.
Document brief_document(const BriefInput& in);

// The section of `doc` with `heading`, or nullptr.
const Section* find_section(const Document& doc, std::string_view heading);

// `doc` as one self-contained HTML page; `chart_svgs[i]` is the SVG of doc.charts[i].
std::string brief_html(const Document& doc, const std::vector<std::string>& chart_svgs);

// `doc` as Markdown; charts are referenced as ID.svg beside the file.
std::string brief_markdown(const Document& doc);

// Escaping for the two text formats.
std::string html_escape(const std::string& s);
std::string markdown_escape(const std::string& s);

// Standard base64 of `bytes` (for data: URIs).
std::string base64(const std::string& bytes);

// 64-bit FNV-1a hash of `text` as 16 hex digits (identifies a resolved scenario).
std::string fnv1a_hex(const std::string& text);

}  // namespace labsim::report
