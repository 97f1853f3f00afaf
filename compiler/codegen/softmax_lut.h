// The exponential table of the int8 SOFTMAX chain (lower_softmax.cc): 256
// int32 entries, little-endian, that the chain's subtraction x - max(row)
// indexes through ACTIVATION table 0 with an int8 clip range and OFM zero
// point 127, so that entry i holds the value for the difference i - 255.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/softmax.h"

namespace vnpu::compiler {

constexpr int32_t kSoftmaxTableEntries = 256;
constexpr int32_t kSoftmaxTableBytes = kSoftmaxTableEntries * 4;

// exp(d * beta * input_scale) in Q0.31 for each difference d = -255..0, as
// TFLite Micro's int8 reference kernel computes it (the rescale by
// params.input_multiplier * 2^input_left_shift, then gemmlowp's
// exp_on_negative_values); 0 where d < params.diff_min (such elements neither
// count in the sum nor produce more than the output minimum).
int32_t softmax_exp_entry(const kernels::SoftmaxParams& params, int32_t difference);

// The 1024 table bytes: entry i = softmax_exp_entry(params, i - 255).
std::vector<uint8_t> softmax_exp_table(const kernels::SoftmaxParams& params);

}  // namespace vnpu::compiler
