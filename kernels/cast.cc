#include "kernels/cast.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace vnpu::kernels {
namespace {

template <typename To, typename From>
To convert(From value) {
  if constexpr (std::is_same_v<To, bool>) {
    return value != From{0};
  } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    if (std::isnan(value)) return To{0};
    // Both bounds are exact in double (max + 1 is a power of two).
    const double low = static_cast<double>(std::numeric_limits<To>::min());
    const double high = static_cast<double>(std::numeric_limits<To>::max()) + 1.0;
    const double v = static_cast<double>(value);
    if (v <= low) return std::numeric_limits<To>::min();
    if (v >= high) return std::numeric_limits<To>::max();
    return static_cast<To>(value);
  } else if constexpr (std::is_integral_v<From> && std::is_integral_v<To>) {
    // Two's complement wrap (well defined for unsigned targets; GCC and Clang
    // wrap for signed ones, which C++20 makes the rule).
    using U = std::make_unsigned_t<To>;
    return static_cast<To>(static_cast<U>(value));
  } else {
    return static_cast<To>(value);
  }
}

template <typename From, typename To>
void cast_typed(const void* input, void* output, int64_t count) {
  const From* in = static_cast<const From*>(input);
  To* out = static_cast<To*>(output);
  for (int64_t i = 0; i < count; ++i) out[i] = convert<To>(in[i]);
}

template <typename From>
void cast_from(const void* input, CastType to, void* output, int64_t count) {
  switch (to) {
    case CastType::kInt8: return cast_typed<From, int8_t>(input, output, count);
    case CastType::kUInt8: return cast_typed<From, uint8_t>(input, output, count);
    case CastType::kInt16: return cast_typed<From, int16_t>(input, output, count);
    case CastType::kInt32: return cast_typed<From, int32_t>(input, output, count);
    case CastType::kInt64: return cast_typed<From, int64_t>(input, output, count);
    case CastType::kUInt32: return cast_typed<From, uint32_t>(input, output, count);
    case CastType::kUInt64: return cast_typed<From, uint64_t>(input, output, count);
    case CastType::kFloat32: return cast_typed<From, float>(input, output, count);
    case CastType::kBool: return cast_typed<From, bool>(input, output, count);
  }
}

}  // namespace

void cast_elements(CastType from, const void* input, CastType to, void* output, int64_t count) {
  switch (from) {
    case CastType::kInt8: return cast_from<int8_t>(input, to, output, count);
    case CastType::kUInt8: return cast_from<uint8_t>(input, to, output, count);
    case CastType::kInt16: return cast_from<int16_t>(input, to, output, count);
    case CastType::kInt32: return cast_from<int32_t>(input, to, output, count);
    case CastType::kInt64: return cast_from<int64_t>(input, to, output, count);
    case CastType::kUInt32: return cast_from<uint32_t>(input, to, output, count);
    case CastType::kUInt64: return cast_from<uint64_t>(input, to, output, count);
    case CastType::kFloat32: return cast_from<float>(input, to, output, count);
    case CastType::kBool: return cast_from<bool>(input, to, output, count);
  }
}

}  // namespace vnpu::kernels
