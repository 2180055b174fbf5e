// The Python module `labsim` (issue 20, first part): load a scenario, run it, list its inputs,
// from a notebook at C++ speed. Built by CMake when pybind11 is found (Debian: pybind11-dev,
// python3-dev, python3-numpy); `import labsim` with PYTHONPATH=build/python (docs/python.md).
#include <dlfcn.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "labsim/metric.hpp"
#include "labsim/serve.hpp"
#include "labsim/version.hpp"

namespace py = pybind11;

namespace {

// A scenario as loaded: the file and the sets it was loaded with (what pickling keeps), and the
// loaded scenario itself.
struct PyScenario {
  std::string path;
  std::vector<std::string> sets;
  labsim::Scenario scenario;
};

std::vector<std::string> set_list(const py::object& set) {
  std::vector<std::string> sets;
  if (set.is_none()) return sets;
  for (const auto& item : py::cast<py::dict>(set))
    sets.push_back(py::str(item.first).cast<std::string>() + "=" + py::str(item.second).cast<std::string>());
  return sets;
}

PyScenario load(const std::string& path, const std::vector<std::string>& sets) {
  PyScenario s{labsim::find_scenario(path), sets, {}};
  s.scenario = labsim::load_scenario_file(s.path, sets);
  return s;
}

// {"years": array, "institutions": {id: {"name", "kind", "metrics": {metric: array}}}}.
py::dict run(const PyScenario& s) {
  labsim::Trajectory t;
  {
    py::gil_scoped_release free;  // the run needs no Python: other threads may go on
    t = labsim::run(s.scenario);
  }
  const int years = t.year_count();
  py::array_t<int> year_list(years);
  for (int y = 0; y < years; ++y) year_list.mutable_at(y) = t.first_year + y;
  py::dict institutions;
  for (const labsim::InstitutionSeries& inst : t.institutions) {
    py::dict metrics;
    for (int m = 0; m < labsim::kMetricCount; ++m) {
      py::array_t<double> values(years);
      for (int y = 0; y < years; ++y) values.mutable_at(y) = inst.at(y, static_cast<labsim::Metric>(m));
      metrics[labsim::metric_info(static_cast<labsim::Metric>(m)).name] = values;
    }
    py::dict entry;
    entry["name"] = inst.name;
    entry["kind"] = labsim::to_string(inst.kind);
    entry["metrics"] = metrics;
    institutions[py::str(inst.id)] = entry;
  }
  py::dict out;
  out["scenario"] = t.scenario;
  out["years"] = year_list;
  out["institutions"] = institutions;
  return out;
}

// Whether `labsim run --format csv` writes metric `m` for `inst`: per-role metrics only for the
// roles it has (as sim/io/writers.cpp decides).
bool reported(const labsim::InstitutionSeries& inst, labsim::Metric m) {
  const int r = labsim::role_of(m);
  if (r == labsim::kRoleCount) return true;
  for (labsim::Role role : inst.roles)
    if (static_cast<int>(role) == r) return true;
  return false;
}

// The tidy table of `labsim run --format csv` as a pandas DataFrame: scenario, institution, year,
// metric, value, unit, the same rows in the same order. ImportError when pandas is not installed.
py::object frame(const PyScenario& s) {
  const py::module_ pandas = py::module_::import("pandas");
  labsim::Trajectory t;
  {
    py::gil_scoped_release free;
    t = labsim::run(s.scenario);
  }
  py::list scenario, institution, year, metric, value, unit;
  for (const labsim::InstitutionSeries& inst : t.institutions)
    for (int y = 0; y < t.year_count(); ++y)
      for (int m = 0; m < labsim::kMetricCount; ++m) {
        const auto metric_id = static_cast<labsim::Metric>(m);
        if (!reported(inst, metric_id)) continue;
        const labsim::MetricInfo& info = labsim::metric_info(metric_id);
        scenario.append(t.scenario);
        institution.append(inst.id);
        year.append(t.first_year + y);
        metric.append(info.name);
        value.append(inst.at(y, metric_id));
        unit.append(info.unit);
      }
  py::dict columns;
  columns["scenario"] = scenario;
  columns["institution"] = institution;
  columns["year"] = year;
  columns["metric"] = metric;
  columns["value"] = value;
  columns["unit"] = unit;
  return pandas.attr("DataFrame")(columns);
}

// evaluate(names, X, metrics): labsim::evaluate over an n x d array, the GIL released while it
// runs; {institution: {metric: array (rows, years)}}.
py::dict evaluate(const PyScenario& s, const std::vector<std::string>& names,
                  const py::array_t<double, py::array::c_style | py::array::forcecast>& x, const py::object& metric_names,
                  int threads) {
  if (x.ndim() != 2 || static_cast<size_t>(x.shape(1)) != names.size())
    throw py::value_error("X must be an array of shape (rows, " + std::to_string(names.size()) + ")");
  std::vector<labsim::Metric> metrics;
  if (metric_names.is_none()) {
    for (int m = 0; m < labsim::kMetricCount; ++m) metrics.push_back(static_cast<labsim::Metric>(m));
  } else {
    for (const auto& name : metric_names) {
      const labsim::Metric m = labsim::find_metric(py::str(name).cast<std::string>());
      if (m == labsim::Metric::kCount) throw py::value_error("unknown metric \"" + py::str(name).cast<std::string>() + "\"");
      metrics.push_back(m);
    }
  }
  const size_t rows = static_cast<size_t>(x.shape(0));
  std::vector<double> out;
  {
    py::gil_scoped_release free;
    out = labsim::evaluate(s.scenario, names, std::span<const double>(x.data(), rows * names.size()), metrics, threads);
  }
  const size_t years = static_cast<size_t>(s.scenario.year_count());
  py::dict result;
  for (size_t i = 0; i < s.scenario.institutions.size(); ++i) {
    py::dict by_metric;
    for (size_t m = 0; m < metrics.size(); ++m) {
      py::array_t<double> a({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(years)});
      auto v = a.mutable_unchecked<2>();
      for (size_t r = 0; r < rows; ++r)
        for (size_t y = 0; y < years; ++y)
          v(static_cast<py::ssize_t>(r), static_cast<py::ssize_t>(y)) =
              out[((r * s.scenario.institutions.size() + i) * metrics.size() + m) * years + y];
      by_metric[labsim::metric_info(metrics[m]).name] = a;
    }
    result[py::str(s.scenario.institutions[i].id)] = by_metric;
  }
  return result;
}

// The range a distribution covers, for a sampler that draws uniformly (SALib): its support where
// it has one (uniform, triangular, PERT, choice), else the 0.5th to 99.5th percentile of a normal
// (mean +- 2.576 sd) or a lognormal (median / factor^2.576 to median x factor^2.576); clipped to
// the distribution's truncation.
std::pair<double, double> support(const labsim::DistSpec& d) {
  double lo = 0, hi = 0;
  const auto& p = d.params;
  switch (d.kind) {
    case labsim::DistKind::kUniform: lo = p[0], hi = p[1]; break;
    case labsim::DistKind::kTriangular:
    case labsim::DistKind::kPert: lo = p[0], hi = p[2]; break;
    case labsim::DistKind::kChoice:
      lo = *std::min_element(p.begin(), p.end()), hi = *std::max_element(p.begin(), p.end());
      break;
    case labsim::DistKind::kNormal: lo = p[0] - 2.576 * p[1], hi = p[0] + 2.576 * p[1]; break;
    case labsim::DistKind::kLognormal: lo = p[0] / std::pow(p[1], 2.576), hi = p[0] * std::pow(p[1], 2.576); break;
  }
  return {std::max(lo, d.min), std::min(hi, d.max)};
}

// SALib's problem: {'num_vars', 'names', 'bounds'} for the uncertain inputs (or those named, which
// must be uncertain unless `bounds` gives theirs).
py::dict problem(const PyScenario& s, const py::object& names_in, const py::object& bounds_in) {
  std::vector<std::string> names;
  if (names_in.is_none())
    for (const labsim::UncertainInput& u : s.scenario.uncertain) names.push_back(u.path);
  else
    names = names_in.cast<std::vector<std::string>>();
  py::list bounds;
  for (size_t k = 0; k < names.size(); ++k) {
    if (!bounds_in.is_none()) {
      bounds.append(py::cast<py::list>(bounds_in)[k]);
      continue;
    }
    const labsim::UncertainInput* u = nullptr;
    for (const labsim::UncertainInput& in : s.scenario.uncertain)
      if (in.path == names[k]) u = &in;
    if (!u) throw py::value_error(names[k] + " has no distribution in the scenario: give its bounds (bounds=[[lo, hi], ...])");
    const auto [lo, hi] = support(u->spec);
    bounds.append(py::make_tuple(lo, hi));
  }
  py::dict out;
  out["num_vars"] = names.size();
  out["names"] = names;
  out["bounds"] = bounds;
  return out;
}

// A function in the EMA Workbench's calling convention: keyword arguments (input paths) in, a dict
// of outcomes out ("METRIC[INSTITUTION]": array over the years). Each call is one run.
py::cpp_function ema_model(const PyScenario& s, const std::vector<std::string>& outcomes) {
  struct Outcome {
    std::string name;
    size_t institution;
    labsim::Metric metric;
  };
  std::vector<Outcome> wanted;
  for (const std::string& o : outcomes) {
    const size_t open = o.find('['), close = o.rfind(']');
    if (open == std::string::npos || close != o.size() - 1) throw py::value_error("expected METRIC[INSTITUTION], found " + o);
    const labsim::Metric m = labsim::find_metric(o.substr(0, open));
    const std::string id = o.substr(open + 1, close - open - 1);
    size_t inst = s.scenario.institutions.size();
    for (size_t i = 0; i < s.scenario.institutions.size(); ++i)
      if (s.scenario.institutions[i].id == id) inst = i;
    if (m == labsim::Metric::kCount || inst == s.scenario.institutions.size())
      throw py::value_error("unknown metric or institution in " + o);
    wanted.push_back({o, inst, m});
  }
  const labsim::Scenario base = s.scenario;
  return py::cpp_function([base, wanted](const py::kwargs& kwargs) {
    std::vector<std::string> names;
    std::vector<double> values;
    for (const auto& [key, value] : kwargs) {
      names.push_back(py::str(key).cast<std::string>());
      values.push_back(value.cast<double>());
    }
    std::vector<labsim::Metric> metrics;
    for (const Outcome& o : wanted) metrics.push_back(o.metric);
    std::vector<double> out;
    {
      py::gil_scoped_release free;
      out = names.empty() ? std::vector<double>() : labsim::evaluate(base, names, values, metrics);
    }
    const labsim::Trajectory nominal = names.empty() ? labsim::run(base) : labsim::Trajectory{};
    const size_t years = static_cast<size_t>(base.year_count());
    py::dict result;
    for (size_t k = 0; k < wanted.size(); ++k) {
      py::array_t<double> a(static_cast<py::ssize_t>(years));
      for (size_t y = 0; y < years; ++y)
        a.mutable_at(static_cast<py::ssize_t>(y)) =
            names.empty() ? nominal.institutions[wanted[k].institution].at(static_cast<int>(y), wanted[k].metric)
                          : out[(wanted[k].institution * wanted.size() + k) * years + y];
      result[py::str(wanted[k].name)] = a;
    }
    return result;
  });
}

// PREFIX/share/labsim/scenarios for a module installed in PREFIX/lib/python3/dist-packages (or
// any directory three levels below the prefix); else the source tree's scenarios.
std::string shipped_scenarios_dir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&shipped_scenarios_dir), &info) && info.dli_fname) {
    std::error_code ec;
    const std::filesystem::path installed =
        std::filesystem::path(info.dli_fname).parent_path() / ".." / ".." / ".." / "share" / "labsim" / "scenarios";
    if (std::filesystem::is_directory(installed, ec)) return std::filesystem::weakly_canonical(installed, ec).string();
  }
  return LABSIM_SCENARIOS_DIR;
}

}  // namespace

PYBIND11_MODULE(labsim, m) {
  // Shipped scenarios by name: the program's own directory is Python's, so the module names its
  // own (installed, or the source tree's) unless $LABSIM_SCENARIOS says otherwise.
  if (!std::getenv("LABSIM_SCENARIOS")) ::setenv("LABSIM_SCENARIOS", shipped_scenarios_dir().c_str(), 0);
  m.doc() = "labsim: compute and talent projections for universities, industry labs and national compute "
            "resources (docs/python.md)";
  static py::exception<labsim::InputError> input_error(m, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const labsim::InputError& e) {
      input_error(e.report().c_str());  // the located messages, as the command line prints them
    } catch (const labsim::IoError& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    }
  });
  m.attr("__version__") = labsim::version();
  m.attr("version_line") = labsim::version_line();

  py::class_<PyScenario>(m, "Scenario", "A scenario as loaded (after extends: and the sets)")
      .def_property_readonly("path", [](const PyScenario& s) { return s.path; })
      .def_property_readonly("sets", [](const PyScenario& s) { return s.sets; })
      .def_property_readonly("name", [](const PyScenario& s) { return s.scenario.name; })
      .def_property_readonly("years", [](const PyScenario& s) {
        return py::make_tuple(s.scenario.first_year, s.scenario.last_year);
      })
      .def("run", &run,
           "Runs the scenario: {'scenario', 'years': array, 'institutions': {id: {'name', 'kind', 'metrics': "
           "{metric: array}}}}, the numbers of `labsim run`")
      .def("frame", &frame, "The run as a pandas DataFrame in labsim run --format csv's tidy layout")
      .def(
          "inputs",
          [](const PyScenario& s) -> py::object {
            const labsim::ApiResponse r = labsim::api_inputs(s.path);
            const py::object doc = py::module_::import("json").attr("loads")(r.body);
            return doc["inputs"];
          },
          "Every input that can vary (the schema table's view): path, label, quantity, value, lower, upper, suffix, "
          "distribution, institution; for the file as written")
      .def("evaluate", &evaluate, py::arg("names"), py::arg("X"), py::arg("metrics") = py::none(), py::arg("threads") = 1,
           "Runs the scenario once per row of X (rows x len(names)): row r gives the inputs named its numbers in written "
           "units (a share as a fraction, a growth as a factor), on the batch engine with the GIL released. Returns "
           "{institution: {metric: array (rows, years)}}; metrics: names (default every metric).")
      .def("problem", &problem, py::arg("names") = py::none(), py::arg("bounds") = py::none(),
           "SALib's problem dict {'num_vars', 'names', 'bounds'}: the uncertain inputs (or `names`) with the range "
           "their distribution covers (docs/python.md), or the `bounds` given")
      .def("ema_model", &ema_model, py::arg("outcomes"),
           "A function for the EMA Workbench: f(**{path: value}) -> {'METRIC[INSTITUTION]': array over the years}")
      .def("__repr__", [](const PyScenario& s) { return "<labsim.Scenario " + s.scenario.name + " from " + s.path + ">"; })
      .def(py::pickle([](const PyScenario& s) { return py::make_tuple(s.path, s.sets); },
                      [](const py::tuple& t) {
                        return load(t[0].cast<std::string>(), t[1].cast<std::vector<std::string>>());
                      }));

  m.def(
      "load",
      [](const std::string& path, const py::object& set) { return load(path, set_list(set)); }, py::arg("path"),
      py::arg("set") = py::none(),
      "Loads a scenario file or a shipped scenario by name; set={'economy.pue': '1.3'} changes values as --set does. "
      "Bad input raises labsim.InputError with the located messages.");
}
