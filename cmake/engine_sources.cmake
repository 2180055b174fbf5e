# The engine library's sources and labsim's version, shared by the native build (CMakeLists.txt)
# and the WebAssembly build (wasm/CMakeLists.txt), so that both compile the same code. Paths are
# relative to the source root. The engine is the model, the year loop, its invariants, the metric
# table, diagnostics and the resolved-scenario JSON: the standard library only.
set(LABSIM_PROJECT_VERSION 0.1.0)
set(LABSIM_ENGINE_SOURCES sim/engine.cpp sim/engine_invariants.cpp sim/engine_record.cpp sim/scenario.cpp sim/metric.cpp
    sim/diagnostics.cpp sim/scenario_json.cpp sim/engine_c_api.cpp sim/version.cpp sim/text/names.cpp
    sim/model/budget.cpp sim/model/fleet.cpp sim/model/fleet_cuts.cpp sim/model/fleet_offer.cpp sim/model/largest_run.cpp sim/model/output.cpp
    sim/model/series.cpp sim/model/talent.cpp sim/model/throughput.cpp sim/model/training.cpp)
# What the WebAssembly module adds for Monte Carlo (labsim_mc_json): the sampler, the distributions,
# the quantile sketch and the binding of inputs by path. Natively these are labsim_core's; the
# module compiles them with Boost's and fmt's headers only.
set(LABSIM_WASM_MC_SOURCES sim/explore/mc_c_api.cpp sim/explore/monte_carlo.cpp sim/explore/mc_worker.cpp
    sim/explore/sampler.cpp sim/explore/sketch.cpp sim/explore/space.cpp sim/stats/distribution.cpp sim/io/bind.cpp
    sim/io/fields.cpp sim/io/fields_table.cpp sim/io/units.cpp)
