// Errors in user input, reported all at once with their location in the scenario.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace labsim {

// Where a value of the input was written. `file` names its source: a scenario file, "--set #N"
// (the Nth --set) or "<built-in catalog>"; `line` and `column` are 1-based. Line 0 means no
// position is known (a value the loader made rather than read).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool known() const { return line > 0; }
  // "file:line:col", or "" when not known.
  std::string text() const;
};

// One problem in the input. `file`, `line` and `column` are 1-based; line 0 means the problem
// has no position (for example a file that cannot be read).
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string path;        // key path such as "institutions.institute.fleet[0].gpu"
  std::string message;     // what was expected, what was found
  std::string hint;        // optional, e.g. "did you mean 'H100-SXM'?"
  std::string source_line; // the offending line of the file, for the caret display
};

// Renders one diagnostic as
//   FILE:LINE:COL: error: PATH: MESSAGE
//     <source line>
//     <caret>
//   hint: HINT
std::string format_diagnostic(const Diagnostic& d);

// The one of `names` nearest in spelling to `word`, for a "did you mean" hint; "" when none is
// close (the rule of the loader's hints for misspelt keys).
std::string nearest_name(std::string_view word, const std::vector<std::string>& names);

// Bad input (scenario, --set, command-line values): every problem found, in file order.
// Caught only by the CLI, which prints them and exits with status 1.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // All diagnostics formatted, one after another.
  std::string report() const;

 private:
  std::vector<Diagnostic> diagnostics_;
};

// A file could not be read or written. The CLI exits with status 3.
class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace labsim
