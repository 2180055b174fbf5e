// Loading the render module (report/render_api.hpp) and forwarding to it.
#include "report/render.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <array>
#include <mutex>
#include <new>
#include <stdexcept>
#include <utility>
#include <vector>

#include "labsim/diagnostics.hpp"
#include "report/render_api.hpp"

namespace labsim::report {

namespace {

constexpr const char* kModuleFile = "labsim_render.so";

// The directory of the running executable ("" if /proc/self/exe cannot be read).
std::string executable_dir() {
  std::array<char, 4096> buf{};
  ssize_t n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  if (n <= 0) return "";
  std::string path(buf.data(), static_cast<size_t>(n));
  return path.substr(0, path.rfind('/'));
}

// Where the module may be: beside the executable (the build tree) or in ../lib/labsim (an
// installed tree, bin/labsim and lib/labsim/labsim_render.so).
std::vector<std::string> candidates() {
  std::string dir = executable_dir();
  if (dir.empty()) return {kModuleFile};
  return {dir + "/" + kModuleFile, dir + "/../lib/labsim/" + kModuleFile};
}

const RenderApi& load() {
  static const RenderApi* api = nullptr;
  static std::string failure;
  static std::once_flag once;
  std::call_once(once, [] {
    std::string tried;
    for (const std::string& path : candidates()) {
      void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!handle) {
        tried += "\n  " + std::string(dlerror());
        continue;
      }
      auto entry = reinterpret_cast<const RenderApi* (*)()>(dlsym(handle, kRenderApiSymbol));
      const RenderApi* found = entry ? entry() : nullptr;
      if (found && found->version == kRenderApiVersion) {
        api = found;  // the module stays loaded for the life of the process
        return;
      }
      tried += "\n  " + path + ": not a labsim render module of this version";
      dlclose(handle);
    }
    failure = "cannot load labsim's render module (charts, PNG and PDF), tried:" + tried +
              "\n  hint: it is built beside the labsim executable and installed in lib/labsim/; rebuild with "
              "scripts/setup";
  });
  if (!api) throw IoError(failure);
  return *api;
}

}  // namespace

namespace {

// The module's result, or its failure thrown on this side of the boundary.
std::string take(RenderStatus status, std::string& out) {
  switch (status) {
    case RenderStatus::kOk: return std::move(out);
    case RenderStatus::kOutOfMemory: throw std::bad_alloc();
    case RenderStatus::kFailed: break;
  }
  throw std::runtime_error("render module: " + (out.empty() ? std::string("drawing failed") : out));
}

}  // namespace

std::string chart_svg(const Chart& chart, double width, double height) {
  std::string out;
  const RenderStatus status = load().chart_svg(chart, width, height, out);
  return take(status, out);
}

std::string chart_png(const Chart& chart, double width, double height, double scale) {
  std::string out;
  const RenderStatus status = load().chart_png(chart, width, height, scale, out);
  return take(status, out);
}

std::string brief_pdf(const Document& doc) {
  std::string out;
  const RenderStatus status = load().brief_pdf(doc, out);
  return take(status, out);
}

}  // namespace labsim::report
