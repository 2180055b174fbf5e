// Skipping a test visibly. Under CTest (which sets LABSIM_SKIP_EXIT=77 and SKIP_RETURN_CODE 77,
// CMakeLists.txt) the test process exits with 77 and CTest reports the case as skipped, with the
// reason on standard error. Run directly, the binary prints a warning and goes on with the next case.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

// Ends the current test case as skipped because of `reason`. Call it before any CHECK.
#define LABSIM_SKIP(reason)                                                     \
  do {                                                                          \
    const std::string skip_reason_ = (reason);                                  \
    if (const char* code = std::getenv("LABSIM_SKIP_EXIT")) {                   \
      std::cerr << "SKIPPED: " << skip_reason_ << std::endl;                    \
      std::_Exit(std::atoi(code));                                              \
    }                                                                           \
    WARN("SKIPPED: " << skip_reason_);                                          \
    return;                                                                     \
  } while (false)
