// fmt's compiled part, built into labsim: Debian ships fmt's library only as a shared object, and
// loading it at start would load the shared C++ runtime with it (docs/performance.md, "process
// start"). fmt's own implementation header defines its functions here, once; the templates below
// are instantiated here as fmt's library instantiates them (the floating-point conversions and the
// locale queries for char), so that no call depends on the compiler keeping an inline copy.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;
template char decimal_point_impl<char>(locale_ref);
template thousands_sep_result<char> thousands_sep_impl<char>(locale_ref);

}  // namespace detail
FMT_END_NAMESPACE
