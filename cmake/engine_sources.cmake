# The engine library's sources and labsim's version, shared by the native build (CMakeLists.txt)
# and the WebAssembly build (wasm/CMakeLists.txt), so that both compile the same code. Paths are
# relative to the source root. The engine is the model, the year loop, its invariants, the metric
# table, diagnostics and the resolved-scenario JSON: the standard library only.
set(LABSIM_PROJECT_VERSION 0.1.0)
set(LABSIM_ENGINE_SOURCES sim/engine.cpp sim/engine_invariants.cpp sim/engine_record.cpp sim/scenario.cpp sim/metric.cpp
    sim/diagnostics.cpp sim/scenario_json.cpp sim/engine_c_api.cpp sim/version.cpp sim/text/names.cpp
    sim/model/budget.cpp sim/model/fleet.cpp sim/model/fleet_cuts.cpp sim/model/largest_run.cpp sim/model/output.cpp
    sim/model/series.cpp sim/model/talent.cpp sim/model/throughput.cpp sim/model/training.cpp)
