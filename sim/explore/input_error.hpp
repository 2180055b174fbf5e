// Bad command-line values (ranges, targets, institutions, years) as input errors.
#pragma once

#include <string>
#include <utility>

#include "labsim/diagnostics.hpp"

namespace labsim::explore {

// Throws InputError with one diagnostic for `what` (an option or key path): no file position,
// since the value came from the command line.
[[noreturn]] inline void input_error(std::string what, std::string message, std::string hint = {}) {
  Diagnostic d;
  d.path = std::move(what);
  d.message = std::move(message);
  d.hint = std::move(hint);
  throw InputError({d});
}

}  // namespace labsim::explore
