// The content of a policy brief, independent of its output format (HTML, Markdown, PDF).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/chart.hpp"

namespace labsim::report {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each row has header.size() cells
};

// Every string is plain text (no markup); each writer escapes it for its format.
struct Document {
  std::string title;      // scenario title
  std::string subtitle;   // scenario name and period, e.g. "compute-divide, 2024-2034"
  std::string summary;    // one paragraph
  std::vector<std::string> findings;  // 4-7 sentences
  std::vector<Chart> charts;
  Table assumptions;                  // input, value as written, source
  std::string assumptions_note;       // e.g. "3 inputs have no source and are flagged"
  std::vector<std::string> method;    // paragraphs
  std::vector<std::string> limits;    // bullet items
  std::vector<std::pair<std::string, std::string>> stamp;  // reproducibility: key, value
};

}  // namespace labsim::report
