// The interactive brief (labsim/report.hpp): key inputs, and the brief with the explorer inside.
#include <string>
#include <vector>

#include "labsim/diagnostics.hpp"
#include "labsim/report.hpp"

namespace labsim {

std::vector<std::string> brief_key_inputs(const Scenario& s) {
  std::vector<std::string> paths;
  for (const UncertainInput& u : s.uncertain) paths.push_back(u.path);
  // A national resource is usually the policy: its money and what it grants.
  for (const Institution& inst : s.institutions) {
    if (inst.kind != InstitutionKind::kNationalResource) continue;
    const std::string at = "institutions." + inst.id + ".";
    for (const Stream& f : inst.funding) paths.push_back(at + "funding." + f.name + ".amount");
    for (size_t i = 0; i < inst.allocations.size(); ++i) {
      paths.push_back(at + "allocates[" + std::to_string(i) + "].share");
      paths.push_back(at + "allocates[" + std::to_string(i) + "].h100_hours");
    }
  }
  for (const Institution& inst : s.institutions) {
    if (inst.kind != InstitutionKind::kUniversity) continue;
    const std::string at = "institutions." + inst.id + ".";
    for (const Stream& f : inst.funding) paths.push_back(at + "funding." + f.name + ".amount");
    paths.push_back(at + "spending.compute_share");
    for (const RolePlan& p : inst.people) {
      const std::string entry = at + "people." + (p.group.empty() ? std::string(to_string(p.role)) : p.group) + ".";
      paths.push_back(entry + "count");
      paths.push_back(entry + "salary");
    }
    break;  // the focal institution: the first university
  }
  return paths;
}

std::string interactive_brief(const std::string& brief_html, const std::string& explorer_page) {
  std::string frame;
  frame.reserve(explorer_page.size() + explorer_page.size() / 8);
  for (char c : explorer_page) {
    switch (c) {
      case '&': frame += "&amp;"; break;
      case '"': frame += "&quot;"; break;
      case '<': frame += "&lt;"; break;
      default: frame += c;
    }
  }
  const std::string section =
      "<section class=\"interactive\" id=\"try-it\">\n<h2>Try it: the brief's charts for other values</h2>\n"
      "<p>The text above is for the scenario as written. Below, labsim's engine runs in this page: move one of the "
      "brief's key inputs (its uncertain inputs and the focal institution's money and people) and the charts "
      "redraw; the command under the table gives the same numbers with <code>labsim run</code>.</p>\n"
      "<iframe title=\"The brief's charts, interactive\" style=\"width: 100%; height: 1500px; border: 1px solid #ccc\" "
      "srcdoc=\"" + frame + "\"></iframe>\n"
      // The frame takes the height of its page, so that the reader scrolls one page, not two.
      "<script>addEventListener('message', (e) => { const f = document.querySelector('#try-it iframe'); "
      "if (e.source === f.contentWindow && e.data && e.data.labsimHeight) f.style.height = (e.data.labsimHeight + 20) + 'px'; });"
      "</script>\n</section>\n";
  const size_t end = brief_html.rfind("</body>");
  if (end == std::string::npos) throw IoError("the brief's HTML has no </body>");
  return brief_html.substr(0, end) + section + brief_html.substr(end);
}

}  // namespace labsim
