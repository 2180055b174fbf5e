#!/bin/sh
# Installs the build into a fresh prefix (cmake --install) and runs the installed labsim from
# another directory with only that prefix's bin on PATH: a shipped scenario by name, the list of
# scenarios, a brief (the render module where the program looks for it), the man page, the bash
# completion, and a program built against the installed library with find_package(labsim). Usage: install_test.sh BUILD_DIR. Exit 77 (skipped) when the build has not
# written the man page (a build of the program alone: scripts/setup labsim).
set -eu
build=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$build/labsim.1" ]; then
  echo "install_test: $build/labsim.1 not built (scripts/setup labsim builds the program only): skipped"
  exit 77
fi
prefix=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/labsim share/labsim/scenarios/compute-divide.yaml share/labsim/validation/history-targets.csv \
         share/man/man1/labsim.1 share/bash-completion/completions/labsim share/doc/labsim/LICENSE \
         share/doc/labsim/NOTICE share/doc/labsim/docs/model.md; do
  test -e "$prefix/$f" || { echo "install_test: $f not installed"; exit 1; }
done
cd "$work"
# A clean environment, but for the sanitizers' settings (the sanitizer build's suppressions).
run() {
  env -i HOME="$work" PATH="$prefix/bin:/usr/bin:/bin" \
    ${ASAN_OPTIONS+ASAN_OPTIONS="$ASAN_OPTIONS"} ${LSAN_OPTIONS+LSAN_OPTIONS="$LSAN_OPTIONS"} \
    ${UBSAN_OPTIONS+UBSAN_OPTIONS="$UBSAN_OPTIONS"} "$@"
}
# A shipped scenario by name, from a directory that holds none; the list of them.
run labsim run compute-divide | head -1 | grep -q '^compute-divide: ' || { echo "install_test: run by name failed"; exit 1; }
run labsim scenarios | grep -q '^compute-divide ' || { echo "install_test: scenarios does not list compute-divide"; exit 1; }
test "$(command -v labsim || true)" != "$prefix/bin/labsim"  # the build tree's is not on this PATH
# The brief needs the render module, installed in lib/labsim.
if [ -f "$prefix/lib/labsim/labsim_render.so" ]; then
  run labsim brief compute-divide -o "$work/brief" >/dev/null
  test -f "$work/brief/brief.pdf" || { echo "install_test: no brief.pdf"; exit 1; }
fi
# The static explorer needs the WebAssembly engine, installed in share/labsim/wasm when built.
if [ -f "$prefix/share/labsim/wasm/labsim_engine.wasm" ]; then
  run labsim explore compute-divide -o "$work/explorer" >/dev/null
  grep -q 'id="labsim-wasm"' "$work/explorer/index.html" || { echo "install_test: explore wrote no engine"; exit 1; }
fi
# The Python module, when built: imported from the prefix alone, it finds the installed scenarios.
module=$(find "$prefix" -name 'labsim*.so' -path '*python*' | head -1)
if [ -n "$module" ]; then
  run env PYTHONPATH="$(dirname "$module")" /usr/bin/python3 -c '
import labsim
r = labsim.load("compute-divide").run()
assert "institute" in r["institutions"], r.keys()
assert labsim.load("compute-divide").path.startswith("'"$prefix"'"), labsim.load("compute-divide").path
' || { echo "install_test: the installed Python module did not run compute-divide from the prefix"; exit 1; }
fi
# The man page is valid roff that man can show.
if command -v man >/dev/null 2>&1; then
  man -l "$prefix/share/man/man1/labsim.1" 2>/dev/null | grep -q 'labsim run' || { echo "install_test: man -l failed"; exit 1; }
fi
# Completion: commands, options, metric names and shipped scenarios.
run bash -c '
  . "'"$prefix"'/share/bash-completion/completions/labsim"
  complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _labsim; echo "${COMPREPLY[*]}"; }
  test "$(complete_words labsim ru)" = "run" || { echo "command: $(complete_words labsim ru)"; exit 1; }
  complete_words labsim run --fo | grep -q -- "--format" || { echo "option"; exit 1; }
  complete_words labsim mc x --metrics compute.h100_hours_p | grep -q "compute.h100_hours_per_researcher" || { echo "metric"; exit 1; }
  complete_words labsim run compute-d | grep -q "compute-divide" || { echo "scenario"; exit 1; }
' || { echo "install_test: completion failed"; exit 1; }
# The C++ library through find_package(labsim): a program built against the prefix reads the
# installed compute-divide: the institute's 2024 revenue is the award's $4M a year plus $1M.
# (Not for a sanitizer build: its library needs the sanitizers' runtimes at link time.)
if command -v c++ >/dev/null 2>&1 && ! grep -q '^LABSIM_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
  cmake -S "$source_dir/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >"$work/consumer.log" 2>&1 &&
    cmake --build "$work/consumer" >>"$work/consumer.log" 2>&1 || { cat "$work/consumer.log"; echo "install_test: the library did not build a program"; exit 1; }
  revenue=$("$work/consumer/consumer" "$prefix/share/labsim/scenarios/compute-divide.yaml")
  test "$revenue" = 5000000 || { echo "install_test: the library's program printed $revenue, not 5000000"; exit 1; }
fi
echo "install_test: ok"
