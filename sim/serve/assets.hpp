// The explorer's page (web/explorer), embedded in labsim at build time (labsim serve and labsim explore) (cmake/embed.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace labsim::serve {

struct Asset {
  const char* path;        // "/index.html", "/explorer.js", "/explorer.css"
  const char* type;        // Content-Type
  std::string_view bytes;  // the file as it is in web/explorer
};

// Every page file, in the order of the build's list.
const std::vector<Asset>& assets();

}  // namespace labsim::serve
