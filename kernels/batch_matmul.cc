#include "kernels/batch_matmul.h"

#include <limits>

namespace vnpu::kernels {
namespace {

// Element offset of batch (b0, b1, b2) in an extended shape, broadcasting 1s.
int64_t batch_offset(const std::array<int32_t, kBatchMatmulRank>& shape, int32_t b0, int32_t b1,
                     int32_t b2) {
  const int64_t matrix = int64_t{shape[3]} * shape[4];
  const int64_t i0 = shape[0] == 1 ? 0 : b0;
  const int64_t i1 = shape[1] == 1 ? 0 : b1;
  const int64_t i2 = shape[2] == 1 ? 0 : b2;
  return ((i0 * shape[1] + i1) * shape[2] + i2) * matrix;
}

template <typename T>
void batch_matmul(const BatchMatmulParams& p, const T* lhs, const T* rhs, T* output) {
  const auto& l = p.lhs_shape;
  const auto& r = p.rhs_shape;
  const int32_t rows = p.adj_x ? l[4] : l[3];
  const int32_t depth = p.adj_x ? l[3] : l[4];
  const int32_t cols = p.adj_y ? r[3] : r[4];
  const int32_t batch0 = l[0] == 1 ? r[0] : l[0];
  const int32_t batch1 = l[1] == 1 ? r[1] : l[1];
  const int32_t batch2 = l[2] == 1 ? r[2] : l[2];
  T* out = output;
  for (int32_t b0 = 0; b0 < batch0; ++b0) {
    for (int32_t b1 = 0; b1 < batch1; ++b1) {
      for (int32_t b2 = 0; b2 < batch2; ++b2) {
        const T* lhs_matrix = lhs + batch_offset(l, b0, b1, b2);
        const T* rhs_matrix = rhs + batch_offset(r, b0, b1, b2);
        for (int32_t i = 0; i < rows; ++i) {
          for (int32_t j = 0; j < cols; ++j) {
            int64_t sum = 0;  // exact; the int8 path truncates it to TFLite's int32
            for (int32_t k = 0; k < depth; ++k) {
              const int64_t a =
                  p.adj_x ? lhs_matrix[int64_t{k} * rows + i] : lhs_matrix[int64_t{i} * depth + k];
              const int64_t b =
                  p.adj_y ? rhs_matrix[int64_t{j} * depth + k] : rhs_matrix[int64_t{k} * cols + j];
              sum += (a + p.lhs_offset) * (b + p.rhs_offset);
            }
            const int32_t scaled = sizeof(T) == 1
                                       ? requantize_accumulator<int32_t>(sum, p.multiplier)
                                       : requantize_accumulator<int64_t>(sum, p.multiplier);
            const auto value = static_cast<int32_t>(int64_t{scaled} + p.output_offset);
            *out++ = static_cast<T>(
                clamp_to(value, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
          }
        }
      }
    }
  }
}

}  // namespace

std::array<int32_t, kBatchMatmulRank> extend_to_rank5(const Dims& dims) {
  std::array<int32_t, kBatchMatmulRank> shape{1, 1, 1, 1, 1};
  const int lead = kBatchMatmulRank - dims.rank();
  for (int i = 0; i < dims.rank(); ++i) shape[static_cast<size_t>(lead + i)] = dims[i];
  return shape;
}

void s8_batch_matmul(const BatchMatmulParams& params, const int8_t* lhs, const int8_t* rhs,
                     int8_t* output) {
  batch_matmul(params, lhs, rhs, output);
}

void s16_batch_matmul(const BatchMatmulParams& params, const int16_t* lhs, const int16_t* rhs,
                      int16_t* output) {
  batch_matmul(params, lhs, rhs, output);
}

}  // namespace vnpu::kernels
