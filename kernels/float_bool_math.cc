#include "kernels/float_bool_math.h"

#include <cmath>

#include "kernels/broadcast.h"

namespace vnpu::kernels {
namespace {

// TFLite reference_ops::RoundToNearest: half way rounds to the even neighbour.
float round_half_to_even(float value) {
  const float floor_value = std::floor(value);
  const float diff = value - floor_value;
  if (diff < 0.5f || (diff == 0.5f && static_cast<int64_t>(floor_value) % 2 == 0)) {
    return floor_value;
  }
  return floor_value + 1.0f;
}

}  // namespace

float float_unary_value(FloatUnary kind, float x) {
  switch (kind) {
    case FloatUnary::kCeil: return std::ceil(x);
    case FloatUnary::kFloor: return std::floor(x);
    case FloatUnary::kRound: return round_half_to_even(x);
    case FloatUnary::kCos: return std::cos(x);
    case FloatUnary::kSin: return std::sin(x);
    case FloatUnary::kLog: return std::log(x);
    case FloatUnary::kSqrt: return std::sqrt(x);
    case FloatUnary::kSquare: return x * x;
    case FloatUnary::kExp: return std::exp(x);
    case FloatUnary::kNeg: return -x;
  }
  return x;
}

void float_unary(FloatUnary kind, const Dims& dims, const float* input, float* output) {
  const int64_t size = dims.flat_size();
  for (int64_t i = 0; i < size; ++i) output[i] = float_unary_value(kind, input[i]);
}

float float_binary_value(FloatBinary kind, float x, float y) {
  if (kind == FloatBinary::kFloorDiv) {
    return static_cast<float>(std::floor(static_cast<double>(x) / static_cast<double>(y)));
  }
  const float trunc_mod = std::fmod(x, y);
  return trunc_mod != 0 && ((y < 0) != (trunc_mod < 0)) ? trunc_mod + y : trunc_mod;
}

void float_binary(FloatBinary kind, const Dims& input1_dims, const float* input1,
                  const Dims& input2_dims, const float* input2, const Dims& output_dims,
                  float* output) {
  const BroadcastWalk walk = make_broadcast_walk(input1_dims, input2_dims, output_dims);
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    output[o] = float_binary_value(kind, input1[i1], input2[i2]);
  });
}

void logical_binary(bool and_op, const Dims& input1_dims, const bool* input1,
                    const Dims& input2_dims, const bool* input2, const Dims& output_dims,
                    bool* output) {
  const BroadcastWalk walk = make_broadcast_walk(input1_dims, input2_dims, output_dims);
  for_each_broadcast(walk, [&](int64_t i1, int64_t i2, int64_t o) {
    output[o] = and_op ? (input1[i1] && input2[i2]) : (input1[i1] || input2[i2]);
  });
}

void logical_not(const Dims& dims, const bool* input, bool* output) {
  const int64_t size = dims.flat_size();
  for (int64_t i = 0; i < size; ++i) output[i] = !input[i];
}

}  // namespace vnpu::kernels
