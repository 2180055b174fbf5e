// fmt's compiled part, built into labsim: Debian ships fmt's library only as a shared object, and
// loading it at start would load the shared C++ runtime with it (docs/performance.md, "process
// start"). fmt's own implementation header defines its functions here, once; the two templates
// below are the ones fmt's library instantiates for char and labsim uses.
#include <fmt/format-inl.h>

namespace fmt {
inline namespace v9 {
namespace detail {

template char decimal_point_impl<char>(locale_ref);
template thousands_sep_result<char> thousands_sep_impl<char>(locale_ref);

}  // namespace detail
}  // namespace v9
}  // namespace fmt
