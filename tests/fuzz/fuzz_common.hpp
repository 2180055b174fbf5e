// Shared by the fuzz harnesses: how an outcome that is not allowed is reported.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "labsim/diagnostics.hpp"

namespace labsim::fuzz {

// Prints what escaped and aborts, so that libFuzzer (or the replay driver) records a finding.
[[noreturn]] inline void fail(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "fuzz finding: %.*s: %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

// Runs `load`: returning, or throwing an InputError whose report has diagnostics and formats,
// are the allowed outcomes; any other exception is a finding.
template <typename Load>
void expect_value_or_input_error(Load&& load) {
  try {
    load();
  } catch (const InputError& e) {
    if (e.diagnostics().empty()) fail("InputError without diagnostics", e.what());
    (void)e.report();  // formatting the report must not fail either
  } catch (const std::exception& e) {
    fail("unexpected exception", e.what());
  } catch (...) {
    fail("unexpected exception", "not a std::exception");
  }
}

}  // namespace labsim::fuzz
