#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>

#include "labsim/diagnostics.hpp"
#include "labsim/writers.hpp"

namespace labsim {

void write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  std::string tmp = fmt::format("{}.tmp.{}", path, static_cast<long>(::getpid()));
  auto discard = [&] {
    std::error_code ec;
    fs::remove(tmp, ec);
  };
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError(fmt::format("{}: cannot write the file", path));
    try {
      write(out);
    } catch (...) {
      out.close();
      discard();
      throw;
    }
    out.flush();
    if (!out) {
      discard();
      throw IoError(fmt::format("{}: writing failed (disk full?)", path));
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    discard();
    throw IoError(fmt::format("{}: cannot write the file ({})", path, ec.message()));
  }
}

void write_file_atomic(const std::string& path, const std::string& content) {
  write_file_atomic(path, [&](std::ostream& out) { out << content; });
}

}  // namespace labsim
