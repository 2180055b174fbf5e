// The accelerator catalog: the built-in list and a scenario's `hardware.catalog` additions.
#include <fmt/format.h>

#include "io/schema.hpp"
#include "text/names.hpp"

namespace labsim::io {

using text::join_path;

namespace {

void read_part(Reader& r, const Node& item, const std::string& path, int last_year, Accelerator& a) {
  read_section(r, item, path, Section::kPart, a, last_year,
               {own_text(r, path, "name", &a.name),
                {"class", [&](const Node* n) {
                   if (n)
                     if (auto c = r.choice(*n, join_path(path, "class"), {"datacenter", "workstation", "consumer"}, "part class"))
                       a.part_class = static_cast<PartClass>(*c);
                 }},
                {"year", [&](const Node* n) {
                   if (n)
                     if (auto y = r.quantity(*n, join_path(path, "year"), Quantity::kYear)) a.release_year = static_cast<int>(y->value);
                 }},
                own_text(r, path, "source", &a.source)});
}

}  // namespace

void read_catalog(Reader& r, const Node& parts, const std::string& path, int last_year, Catalog& catalog) {
  if (!parts.is_seq()) {
    r.error(parts.pos, path, fmt::format("expected a list of parts, found {}", parts.describe()));
    return;
  }
  for (const Node& item : parts.items) {
    const Node* name = item.is_map() ? item.find("name") : nullptr;
    std::string item_path = join_path(path, name && name->is_scalar() ? name->text : "?");
    Accelerator a;
    read_part(r, item, item_path, last_year, a);
    catalog.parts.push_back(std::move(a));
  }
}

}  // namespace labsim::io
