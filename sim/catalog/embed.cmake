# Turns the catalog YAML into a C++ source file holding it as a string literal,
# so the labsim binary needs no data files at run time.
file(READ ${INPUT} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE ${OUTPUT}
"// Generated from sim/catalog/accelerators.yaml by embed.cmake; do not edit.\n"
"#include <string_view>\n"
"namespace labsim::catalog_data {\n"
"static const char kBytes[] = {${bytes} '\\0'};\n"
"std::string_view builtin_catalog_yaml() { return {kBytes, sizeof(kBytes) - 1}; }\n"
"}  // namespace labsim::catalog_data\n")
