#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "labsim/diagnostics.hpp"
#include "labsim/writers.hpp"

namespace labsim {

namespace {

// Temporary files being written, so that SIGINT or SIGTERM can remove them. The signal handler
// may only use async-signal-safe calls, so the registry is a fixed array of fixed buffers (no
// allocation, no locks); a slot's state is an always-lock-free atomic.
constexpr int kSlots = 64;
constexpr std::size_t kPathBytes = 4096;
enum SlotState : int { kFree = 0, kFilling = 1, kLive = 2 };
std::atomic<int> g_state[kSlots];
char g_path[kSlots][kPathBytes];
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void remove_temporaries_and_reraise(int sig) {
  int saved = errno;
  for (int i = 0; i < kSlots; ++i)
    if (g_state[i].load() == kLive) ::unlink(g_path[i]);
  // Die of the same signal with its default action, so the parent sees the usual status
  // (a shell reports 128 + the signal number).
  std::signal(sig, SIG_DFL);
  std::raise(sig);
  errno = saved;
}

// Installs the handler for SIGINT and SIGTERM where their action is the default: a process that
// ignores them (nohup) or handles them itself keeps its choice. Checked on every write, one
// system call each, so that a later reset to the default is noticed.
void install_handler() {
  for (int sig : {SIGINT, SIGTERM}) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) != 0 || (old.sa_flags & SA_SIGINFO) || old.sa_handler != SIG_DFL) continue;
    struct sigaction sa {};
    sa.sa_handler = remove_temporaries_and_reraise;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

// Registers `path` for removal on a signal for as long as it lives. A path too long for a slot,
// or a full registry (more than kSlots files written at once), is not registered: the file
// is then only removed on ordinary failures.
class LiveTemporary {
 public:
  explicit LiveTemporary(const std::string& path) {
    install_handler();
    if (path.size() >= kPathBytes) return;
    for (int i = 0; i < kSlots; ++i) {
      int expected = kFree;
      if (!g_state[i].compare_exchange_strong(expected, kFilling)) continue;
      std::memcpy(g_path[i], path.c_str(), path.size() + 1);
      g_state[i].store(kLive);
      slot_ = i;
      return;
    }
  }
  ~LiveTemporary() {
    if (slot_ >= 0) g_state[slot_].store(kFree);
  }
  LiveTemporary(const LiveTemporary&) = delete;
  LiveTemporary& operator=(const LiveTemporary&) = delete;

 private:
  int slot_ = -1;
};

std::string reason(int error) { return error ? std::strerror(error) : "unknown reason"; }

}  // namespace

void write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  std::string tmp = fmt::format("{}.tmp.{}", path, static_cast<long>(::getpid()));
  LiveTemporary registered(tmp);  // before the file exists, so no moment leaves it unregistered
  auto discard = [&] {
    std::error_code ec;
    fs::remove(tmp, ec);
  };
  {
    errno = 0;
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError(fmt::format("{}: cannot write the file ({})", path, reason(errno)));
    errno = 0;
    try {
      write(out);
    } catch (...) {
      out.close();
      discard();
      throw;
    }
    // The first failing step's errno: a failed write() (ENOSPC, EFBIG) usually shows in write
    // or flush, on some file systems only in close.
    int error = out ? 0 : errno;
    for (auto step : {+[](std::ofstream& f) { f.flush(); }, +[](std::ofstream& f) { f.close(); }}) {
      if (!out) break;
      errno = 0;
      step(out);
      if (!out) error = errno;
    }
    if (!out) {
      discard();
      throw IoError(fmt::format("{}: writing failed ({})", path, error ? reason(error) : "disk full?"));
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

std::optional<std::string> foreign_file(const std::string& dir, const std::vector<std::string>& names) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  std::vector<std::string> found;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    bool ours = false;
    for (const std::string& n : names) {
      // A temporary left by a killed run (NAME.tmp.PID) is labsim's too.
      std::string_view rest = std::string_view(name).substr(std::min(n.size(), name.size()));
      bool temporary = name.compare(0, n.size(), n) == 0 && rest.size() > 5 && rest.substr(0, 5) == ".tmp." &&
                       rest.find_first_not_of("0123456789", 5) == std::string_view::npos;
      if (name == n || temporary) ours = true;
    }
    if (!ours) found.push_back(name);
  }
  if (found.empty()) return std::nullopt;
  std::sort(found.begin(), found.end());
  return found.front();
}

}  // namespace labsim
