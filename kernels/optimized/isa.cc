#include "kernels/optimized/isa.h"

namespace vnpu::kernels {

bool isa_supported(Isa isa) {
#if defined(__x86_64__) && defined(__GNUC__)
  // Idempotent; makes the probe safe even from static initializers.
  __builtin_cpu_init();
#endif
  switch (isa) {
    case Isa::kPortable:
      return true;
    case Isa::kAvx2:
#if defined(__x86_64__) && defined(__GNUC__)
      return __builtin_cpu_supports("avx2");
#else
      return false;
#endif
    case Isa::kAvx512Vnni:
#if defined(__x86_64__) && defined(__GNUC__)
      // libgcc's probe also checks that the OS saves the AVX-512 state (XCR0).
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
#else
      return false;
#endif
  }
  return false;
}

Isa best_isa() {
  if (isa_supported(Isa::kAvx512Vnni)) return Isa::kAvx512Vnni;
  if (isa_supported(Isa::kAvx2)) return Isa::kAvx2;
  return Isa::kPortable;
}

Isa usable_isa(Isa requested) { return isa_supported(requested) ? requested : Isa::kPortable; }

const char* isa_name(Isa isa) {
  switch (isa) {
    case Isa::kPortable:
      return "portable";
    case Isa::kAvx2:
      return "avx2";
    case Isa::kAvx512Vnni:
      return "avx512vnni";
  }
  return "unknown";
}

}  // namespace vnpu::kernels
