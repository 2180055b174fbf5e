// Shared by the fuzz harnesses: how an outcome that is not allowed is reported.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

namespace labsim::fuzz {

// Prints what escaped and aborts, so that libFuzzer (or the replay driver) records a finding.
[[noreturn]] inline void fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "fuzz finding: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

}  // namespace labsim::fuzz
