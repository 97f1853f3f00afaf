// CONV and DEPTHWISE: multiply-accumulate over the kernel window, bias,
// per-channel (scale stream) or global (OFM_SCALE) requantization, output stage.
//
//   acc(oy, ox, oc) = bias[oc] + sum over (ky, kx, ic) of
//                     (IFM(iy, ix, ic) - IFM zero point) * W[oc][ky][kx][ic]
//   iy = oy * stride_y - pad_top + ky * dilation_y   (upscaled coordinates)
// Padding positions and inserted upscale zeros contribute nothing (they hold
// the IFM zero point). DEPTHWISE reads IFM channel oc and W[oc][ky][kx][0].
// The accumulator wraps to 32 bits (ACC_FORMAT I32) or 40 bits (I40) after
// the bias, then requantizes with the OFM round mode (output_stage.h).
#pragma once

#include <cstdint>
#include <vector>

#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "isa/scale_stream.h"
#include "isa/weight_layout.h"
#include "sim/functional/exec_result.h"
#include "sim/functional/kernel_geometry.h"

namespace vnpu::sim {

// Weights in OHWI order: [ofm_depth][kernel_height][kernel_width][ifm_depth].
struct ConvWeights {
  int32_t ofm_depth = 0;
  int32_t kernel_height = 0;
  int32_t kernel_width = 0;
  int32_t ifm_depth = 0;  // 1 for depthwise
  std::vector<int16_t> ohwi;

  int16_t at(int32_t o, int32_t y, int32_t x, int32_t i) const {
    return ohwi[static_cast<size_t>(((o * kernel_height + y) * kernel_width + x) * ifm_depth + i)];
  }
};

// The weight stream layout of a CONV or DEPTHWISE `op` of geometry `g`: the
// accelerator's micro-block, the operation's OFM block depth and traversal.
isa::WeightLayoutParams conv_weight_layout(const isa::Operation& op, const KernelGeometry& g,
                                           const isa::AcceleratorConfig& config);

// Reads and decodes the weight stream (WEIGHT_REGION/BASE/LENGTH) of `op` for
// the accelerator's micro-block and the operation's block depth and traversal.
// kBus when the stream lies outside its region, kWeightDecode when it is corrupt.
ExecResult load_conv_weights(const isa::Operation& op, const NpuMemory& memory,
                             const isa::AcceleratorConfig& config, ConvWeights* out);

// Reads `channels` entries of the scale stream (SCALE_REGION/BASE/LENGTH).
ExecResult load_scale_stream(const isa::Operation& op, const NpuMemory& memory, int32_t channels,
                             std::vector<isa::ScaleBiasEntry>* out);

// Executes a CONV or DEPTHWISE with the given weights; the scale stream is
// read when the OFM uses per-channel scaling. Regular operations take the fast
// path (convolution_fast.h), the others the per-element loop; both give the
// same OFM bytes and faults.
ExecResult execute_convolution(const isa::Operation& op, const NpuMemory& memory,
                               const ConvWeights& weights);

// The per-element loop alone (every tap addressed and bounds-checked): the
// oracle of the fast path's differential test.
ExecResult execute_convolution_reference(const isa::Operation& op, const NpuMemory& memory,
                                         const ConvWeights& weights);

}  // namespace vnpu::sim
