// `labsim serve`: runs the explorer's server program, labsim-serve, with the same arguments. The
// server links the system's C++ runtime (through cpp-httplib), which labsim's own executable does
// not load, so it is a program of its own, beside labsim or in ../lib/labsim/.
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/serve_options.hpp"
#include "labsim/diagnostics.hpp"

namespace labsim::cli {

int run_serve(const ServeOptions&, const Invocation&) {
  throw UsageError("labsim serve runs labsim-serve: main() hands it the command line");
}

std::string sibling_program(const char* name) {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  for (const std::filesystem::path& p : {exe.parent_path() / name, exe.parent_path() / ".." / "lib" / "labsim" / name})
    if (std::filesystem::is_regular_file(p, ec)) return p.string();
  return "";
}

[[noreturn]] int exec_serve(int argc, char** argv) {
  const std::string program = sibling_program("labsim-serve");
  if (program.empty())
    throw IoError("labsim-serve not found beside labsim or in ../lib/labsim/ (it is built when cpp-httplib "
                  "is installed: libcpp-httplib-dev)");
  replace_process(program, argc, argv, 2);
}

[[noreturn]] void replace_process(const std::string& program, int argc, char** argv, int first) {
  std::vector<char*> args;
  args.push_back(const_cast<char*>(program.c_str()));
  for (int i = first; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(program.c_str(), args.data());
  throw IoError(program + ": cannot run (" + std::strerror(errno) + ")");
}

}  // namespace labsim::cli
