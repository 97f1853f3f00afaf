// s8_batch_matmul and s16_batch_matmul: batched integer matrix products,
// bit-exact with TensorFlow Lite Micro's BATCH_MATMUL
// (reference_ops::BatchMatMul<int8_t, int32_t> and <int16_t, int64_t>).
//
// Both operands are seen as rank 5 (leading 1s): three batch dimensions that
// broadcast (a 1 repeats), then a matrix. out[b][i][j] = sum_k (L[b][i][k] +
// lhs_offset) * (R[b][k][j] + rhs_offset), where adj_x / adj_y mean the
// operand is stored transposed ([.., K, M] / [.., N, K]); the sum is
// requantized by one multiplier, offset by the output zero point and clamped
// to the type. int8 accumulates in (wrapping) int32 and requantizes with
// TFLite's 32-bit MultiplyByQuantizedMultiplier; int16 (zero points 0)
// accumulates in int64 and uses the 64-bit one.
#pragma once

#include <array>
#include <cstdint>

#include "kernels/dims.h"
#include "kernels/quant_math.h"

namespace vnpu::kernels {

constexpr int kBatchMatmulRank = 5;

struct BatchMatmulParams {
  int32_t lhs_offset = 0;     // -lhs zero point
  int32_t rhs_offset = 0;     // -rhs zero point
  int32_t output_offset = 0;  // output zero point
  QuantizedMultiplier multiplier;
  bool adj_x = false;
  bool adj_y = false;
  // Operand shapes extended to rank 5 with leading 1s.
  std::array<int32_t, kBatchMatmulRank> lhs_shape{};
  std::array<int32_t, kBatchMatmulRank> rhs_shape{};
};

// Extends `dims` (rank 2..5) to rank 5 with leading 1s.
std::array<int32_t, kBatchMatmulRank> extend_to_rank5(const Dims& dims);

// The output is [batch dims broadcast, M, N] with M = rows of the left operand
// and N = columns of the right one, densely packed.
void s8_batch_matmul(const BatchMatmulParams& params, const int8_t* lhs, const int8_t* rhs,
                     int8_t* output);
void s16_batch_matmul(const BatchMatmulParams& params, const int16_t* lhs, const int16_t* rhs,
                      int16_t* output);

}  // namespace vnpu::kernels
