#include "kernels/s32_arithmetic.h"

#include <limits>

namespace vnpu::kernels {
namespace {

int32_t wrap32(int64_t value) { return static_cast<int32_t>(static_cast<uint32_t>(value)); }

}  // namespace

int64_t s32_arithmetic(S32Arithmetic operation, const Dims& input1_dims, const int32_t* input1,
                       const Dims& input2_dims, const int32_t* input2, const Dims& output_dims,
                       int32_t* output) {
  const BroadcastWalk walk = make_broadcast_walk(input1_dims, input2_dims, output_dims);
  int64_t failed = -1;
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    if (failed >= 0) return;
    const int64_t a = input1[i1];
    const int64_t b = input2[i2];
    switch (operation) {
      case S32Arithmetic::kAdd: output[o] = wrap32(a + b); break;
      case S32Arithmetic::kMul: output[o] = wrap32(a * b); break;
      case S32Arithmetic::kDiv:
        if (b == 0 || (a == std::numeric_limits<int32_t>::min() && b == -1)) {
          failed = o;
          return;
        }
        output[o] = static_cast<int32_t>(a / b);
        break;
    }
  });
  return failed;
}

}  // namespace vnpu::kernels
