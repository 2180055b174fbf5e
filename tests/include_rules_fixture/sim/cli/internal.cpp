// A fixture for the include_rules test: a cli source that includes an internal io header.
#include "io/tree.hpp"
#include "labsim/engine.hpp"
