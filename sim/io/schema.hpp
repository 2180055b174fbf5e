// From a composed scenario tree to a typed Scenario, reporting every problem found.
#pragma once

#include <functional>
#include <initializer_list>
#include <string_view>

#include "io/reader.hpp"
#include "io/tree.hpp"
#include "labsim/scenario.hpp"

namespace labsim::io {

// Reads the whole scenario. `catalog_tree` is the built-in catalog's `parts` list, already
// merged with the scenario's `hardware.catalog` additions.
void read_scenario(Reader& r, const Node& root, const Node& catalog_tree, Scenario& s);

// Reads a list of accelerator parts (the built-in catalog's format); prices are checked up to
// `last_year`.
void read_catalog(Reader& r, const Node& parts, const std::string& path, int last_year, Catalog& catalog);

// The loader's own code for a key of the field table that read_section does not read
// generically (a name, a choice, a `market` salary ...): called with the key's node, or nullptr
// when the key is absent.
struct OwnRead {
  std::string_view key;
  std::function<void(const Node*)> read;
};

// An OwnRead that stores a text key (a name, a title, a source) in `dst`; nullptr: only checked.
OwnRead own_text(Reader& r, const std::string& path, std::string_view key, std::string* dst);

// The owner of a section without numbers of its own (the header's keys, talent's).
struct NoNumbers {};

// Reads the mapping `map` as section `section` of the field table, key by key in table order:
// unknown keys and missing required keys are reported; numbers and series go into `owner`
// within their limits (series grow at most to their limit by `last_year`); every other key is
// read by its entry in `own`, which must name them all (a missing one is a bug:
// std::logic_error). The own readers run in table order, and some rely on it (an institution's
// `kind` sets the industry compute share before `spending` is read; `mode` checks the `gpu`
// read before it). `role`: for the people section, the role whose keys apply. Owner is the
// section's struct (Economy, Procurement, RolePlan, Institution ...), Talent for talent.mobility,
// NoNumbers for sections without numbers. Returns false when `map` is not a mapping.
template <class Owner>
bool read_section(Reader& r, const Node& map, const std::string& path, Section section, Owner& owner,
                  int last_year, std::initializer_list<OwnRead> own = {}, int role = -1);

// Reads the `institutions:` list; needs the catalog and talent defaults already read.
void read_institutions(Reader& r, const Node& list, Scenario& s);

}  // namespace labsim::io
