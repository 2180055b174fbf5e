// The catalog of parts: lookup by name, and the built-in catalog read from the embedded YAML.
#include "labsim/catalog.hpp"

#include "labsim/loader.hpp"
#include "labsim/scenario.hpp"

namespace labsim {

int Catalog::find(std::string_view name) const {
  for (size_t i = 0; i < parts.size(); ++i)
    if (parts[i].name == name) return static_cast<int>(i);
  return -1;
}

const Catalog& builtin_catalog() {
  static const Catalog catalog = default_scenario().catalog;
  return catalog;
}

}  // namespace labsim
