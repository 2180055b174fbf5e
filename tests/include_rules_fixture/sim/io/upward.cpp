// A fixture for the include_rules test: an io source that includes explore. The test that runs
// tests/include_rules.cmake on this tree must fail and name this include.
#include "explore/space.hpp"
