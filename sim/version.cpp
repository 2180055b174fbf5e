#include "labsim/version.hpp"

namespace labsim {

const char* version() { return LABSIM_VERSION; }

}  // namespace labsim
