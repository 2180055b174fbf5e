// Assembling a brief's content, and its HTML and Markdown forms.
#pragma once

#include <string>
#include <vector>

#include "labsim/report.hpp"
#include "report/document.hpp"

namespace labsim::report {

// The charts of a brief: compute per researcher, largest run against the frontier, the focal
// university's budget split and its people, and with a baseline the policy's effect.
std::vector<Chart> brief_charts(const BriefInput& in);

// The whole content of the brief.
Document brief_document(const BriefInput& in);

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
