// The content of a policy brief, independent of its output format (HTML, Markdown, PDF).
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "report/chart.hpp"

namespace labsim::report {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each row has header.size() cells
};

// A part of the brief after the findings, in the order the writers show them.
struct Section {
  std::string heading;                  // empty: none (the headline chart)
  bool new_page = false;                // starts a new page in the PDF and in print
  std::vector<std::string> paragraphs;
  std::vector<std::string> bullets;
  std::vector<std::size_t> charts;      // indexes into Document::charts
  Table table;                          // no header: none
  std::string note;                     // small print after the rest
  bool small_print = false;             // the paragraphs in small print (the reproducibility stamp)
};

// Every string is plain text (no markup); each writer escapes it for its format. Page 1 holds the
// title, summary, findings and the first section (the headline chart); page 2 starts with the
// first section marked new_page, and an appendix (labsim brief --appendix) with the next.
struct Document {
  std::string title;      // scenario title
  std::string subtitle;   // scenario name and period, e.g. "Scenario compute-divide, 2024-2034"
  std::string summary;    // one paragraph
  std::vector<std::string> findings;  // 3-5 sentences
  std::vector<Chart> charts;          // every chart drawn (each also written as ID.svg and ID.png)
  std::vector<Section> sections;
  std::vector<std::pair<std::string, std::string>> stamp;  // reproducibility: key, value
};

}  // namespace labsim::report
