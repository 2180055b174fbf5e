// The man page and the bash completion, written from the same command table and option setup as
// `--help`, so that the three cannot drift apart.
#include "cli/reference.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <sstream>

#include "labsim/metric.hpp"
#include "labsim/version.hpp"

namespace labsim::cli {

namespace {

// Text for roff's no-fill mode: backslashes written \e, a line starting with '.' or '\'' guarded.
std::string roff_literal(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::string escaped;
    for (char c : line) escaped += c == '\\' ? std::string("\\e") : std::string(1, c);
    if (!escaped.empty() && (escaped[0] == '.' || escaped[0] == '\'')) escaped = "\\&" + escaped;
    out += escaped + "\n";
  }
  return out;
}

// Every option spelling of a command, for completion: "--out", "-o", ...
std::string option_words(const CLI::App& sub) {
  std::string words = "--help";
  for (const CLI::Option* o : sub.get_options()) {
    for (const std::string& l : o->get_lnames())
      if (l != "help") words += " --" + l;
    for (const std::string& s : o->get_snames())
      if (s != "h") words += " -" + s;
  }
  return words;
}

}  // namespace

std::string man_page(const CLI::App& app, const std::vector<const CLI::App*>& commands) {
  std::string out = fmt::format(".TH LABSIM 1 \"\" \"labsim {}\" \"User Commands\"\n", version());
  out += ".SH NAME\nlabsim \\- compute and talent projections for universities, industry labs and national "
         "compute resources\n";
  out += ".SH SYNOPSIS\n.B labsim\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fISCENARIO\\fR ...]\n";
  out += ".SH DESCRIPTION\n.nf\n" + roff_literal(app.get_description()) + ".fi\n";
  out += ".PP\nA scenario is a YAML file, or the name of a shipped scenario (\\fBlabsim scenarios\\fR lists "
         "them).\n";
  out += ".SH COMMANDS\n";
  for (const CLI::App* sub : commands) {
    out += fmt::format(".SS {}\n", sub->get_name());
    // The command's own --help, word for word (outside a parse, its usage line lacks the program).
    std::string help = sub->help();
    const std::string bare = "Usage: " + sub->get_name() + " ";
    if (size_t at = help.find(bare); at != std::string::npos) help.replace(at, bare.size(), "Usage: labsim " + sub->get_name() + " ");
    out += ".nf\n" + roff_literal(help) + ".fi\n";
  }
  out += ".SH EXIT STATUS\n0 success; 1 invalid input (every problem is listed, nothing is written); 2 usage "
         "error; 3 a file cannot be read or written; 4 an internal error (a bug).\n";
  out += ".SH ENVIRONMENT\n.TP\n.B LABSIM_SCENARIOS\nDirectories (separated by ':') searched first for "
         "shipped scenarios named on the command line.\n";
  out += ".SH FILES\n.TP\n.I share/labsim/scenarios/\nThe shipped scenarios, beside the program's \\fIbin\\fR "
         "directory.\n.TP\n.I share/doc/labsim/\nThe documentation: model, scenario format, commands.\n";
  out += fmt::format(".SH VERSION\n{}\n", version_line());
  out += ".SH SEE ALSO\nshare/doc/labsim/docs/cli.md, model.md and scenario-format.md.\n";
  return out;
}

std::string bash_completion(const std::vector<const CLI::App*>& commands) {
  std::string names, cases, metrics;
  for (const CLI::App* sub : commands) {
    names += (names.empty() ? "" : " ") + sub->get_name();
    cases += fmt::format("    {}) opts=\"{}\" ;;\n", sub->get_name(), option_words(*sub));
  }
  for (const MetricInfo& m : kMetrics) metrics += (metrics.empty() ? "" : " ") + std::string(m.name);
  return fmt::format(R"SH(# bash completion for labsim {version}: commands, options, metric names and shipped scenarios.
# Written by `labsim --bash-completion` from the same tables as --help.
_labsim() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}"
  local commands="{names}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "$commands --help --version" -- "$cur") )
    return
  fi
  local opts=""
  case "${{COMP_WORDS[1]}}" in
{cases}  esac
  case "$prev" in
    --metrics|--metric)
      local metrics="{metrics}"
      local done="" last="$cur"
      case "$cur" in *,*) done="${{cur%,*}},"; last="${{cur##*,}}" ;; esac
      COMPREPLY=( $(compgen -W "$metrics" -P "$done" -- "$last") )
      return ;;
    -o|--out|--samples|--targets|--observations) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
    return
  fi
  COMPREPLY=( $(compgen -W "$(labsim scenarios --names 2>/dev/null)" -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur") $(compgen -d -S / -- "$cur") )
}}
complete -o nospace -F _labsim labsim
)SH",
                     fmt::arg("version", version()), fmt::arg("names", names), fmt::arg("cases", cases),
                     fmt::arg("metrics", metrics));
}

}  // namespace labsim::cli
