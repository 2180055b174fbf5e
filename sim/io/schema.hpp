// From a composed scenario tree to a typed Scenario, reporting every problem found.
#pragma once

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

// Reads the `institutions:` list; needs the catalog and talent defaults already read.
void read_institutions(Reader& r, const Node& list, Scenario& s);

}  // namespace labsim::io
