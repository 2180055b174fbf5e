// What the brief's sentence builders share: an institution as sentences name it, and the run
// they describe. Internal to sim/report.
#pragma once

#include <string>

#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"

namespace labsim::report {

// An institution as sentences name it: its short name, else its name, else its id as words
// ("industry-lab" -> "the industry lab"); replicas without a short name are plural ("the 7
// institutes"), and the verb forms agree.
struct Side {
  const InstitutionSeries* series = nullptr;
  std::string name;
  bool many = false;

  double at(int yi, Metric m) const { return series->at(yi, m); }
  const char* verb(const char* one, const char* several) const { return many ? several : one; }
  const char* it() const { return many ? "they" : "it"; }
  const char* its() const { return many ? "their" : "its"; }
  std::string possessive() const { return name + (many ? "'" : "'s"); }
  // The metric summed over the run's years.
  double sum(Metric m) const;
};

// How sentences name an institution of the scenario (see Side).
std::string display_name(const Institution& inst);
// The same for a trajectory's institution (its short name and name are the scenario's).
Side side_of(const InstitutionSeries* s);

// The run a brief describes, and its subject: the first university, else the first other
// institution (focal_institution), against the first industry lab when that is not the subject.
struct Context {
  const Scenario& s;
  const Trajectory& t;
  Side subject;
  Side other;
  int last;                      // year index of the last year
  std::string in_year = {};      // "In 2034"
  std::string period = {};       // "2024-2034"
  std::string over_period = {};  // "Over 2024-2034"
};
Context context_of(const Scenario& s, const Trajectory& t);

// The first institution of `kind` in `t`, or nullptr.
const InstitutionSeries* first_of(const Trajectory& t, InstitutionKind kind);
// The scenario's institution behind side `x`, or nullptr (a side built for a sentence only).
const Institution* institution_of(const Context& c, const Side& x);
// The trajectory's institution with id `id`, or nullptr.
const InstitutionSeries* series_of(const Trajectory& t, const std::string& id);

// "in 2030", "in 2029-2030".
std::string in_years(int first, int last);
// A change against the value before: "+1.7%", "-6%", "less than 0.1% more", "2.5 times as much"
// (from double on), "no change"; "" when the value before is 0 or either is undefined.
std::string percent_change(double before, double after);

// The sentence that says when `u`'s money first stops paying for what it has, why (the funding
// that ended before), and what follows: its reserves pay, then what it cuts and the commitments
// left unfunded. "" when its money always pays.
std::string money_runs_out(const Context& c, const Side& u);

// One sentence for page 1: the policy's change to the subject's compute per researcher in the
// last year both runs cover and to its departures to industry over those years, each with its
// percentage; "" when the baseline lacks the subject or shares no year with the run.
std::string policy_headline(const Context& c, const Scenario* baseline_scenario, const Trajectory& baseline);

// What a national resource delivers (or, a program with no modelled provider, grants) in the
// last year, and where its hours go.
std::string resource(const Context& c, const Side& r);

}  // namespace labsim::report
