// The Python module `labsim` (issue 20, first part): load a scenario, run it, list its inputs,
// from a notebook at C++ speed. Built by CMake when pybind11 is found (Debian: pybind11-dev,
// python3-dev, python3-numpy); `import labsim` with PYTHONPATH=build/python (docs/python.md).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdlib>
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

}  // namespace

PYBIND11_MODULE(labsim, m) {
  // Shipped scenarios by name: the program's own directory is Python's, so the module names the
  // source tree's scenarios unless $LABSIM_SCENARIOS says otherwise.
  if (!std::getenv("LABSIM_SCENARIOS")) ::setenv("LABSIM_SCENARIOS", LABSIM_SCENARIOS_DIR, 0);
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
