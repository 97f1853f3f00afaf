// Fast path of CONV and DEPTHWISE (execute_convolution): the whole OFM from a
// padded IFM gathered once, with the zero point subtracted and padding and
// inserted upscale zeros stored as 0 (they add nothing, as in the per-element
// loop, which skips them). Per OFM position the receptive field is copied to
// one contiguous patch and dotted with each OHWI weight row; DEPTHWISE runs
// over the channels with the taps outermost.
//
// Bit-exactness with the per-element loop of convolution.cc:
//  - the same terms are summed; with ACC_FORMAT I32 in uint32 (wrapping), which
//    equals the int64 sum modulo 2^32, all wrap_accumulator keeps of it; with
//    I40 in int64, as the per-element loop;
//  - the bias, wrap, scale and output stage are the same functions, and the OFM
//    is written in the same (y, x, c) order.
// It declines (false, nothing written) when reordering reads and writes could
// show: the OFM overlaps the IFM or the lookup table, or an IFM element lies
// outside its region; and for 32-bit IFMs or a padded IFM above its size limit.
#pragma once

#include <vector>

#include "isa/register_state.h"
#include "isa/scale_stream.h"
#include "sim/functional/convolution.h"
#include "sim/functional/feature_map.h"
#include "sim/functional/kernel_geometry.h"
#include "sim/functional/output_stage.h"

namespace vnpu::sim {

// A validated CONV or DEPTHWISE, ready to compute (execute_convolution).
struct ConvolutionSetup {
  KernelGeometry g;
  bool depthwise = false;
  isa::AccFormat acc_format = isa::AccFormat::kInt32;
  isa::RoundMode round_mode = isa::RoundMode::kDbl;
  int64_t ifm_zero_point = 0;
  FeatureMap ifm;
  FeatureMap ofm;
  OutputStage stage;
  std::vector<isa::ScaleBiasEntry> scales;  // one per OFM channel
  const std::vector<uint8_t>* shram = nullptr;

  // The OFM value of channel `oc` for the accumulated sum `acc`.
  int64_t requantize(int64_t acc, int32_t oc) const {
    const isa::ScaleBiasEntry& scale = scales[static_cast<size_t>(oc)];
    const int64_t wrapped = wrap_accumulator(acc + scale.bias, acc_format);
    return stage.finish(
        scale_value(wrapped, scale.multiplier, static_cast<int>(scale.shift), round_mode));
  }
};

// Validates a CONV or DEPTHWISE against `weights` (the faults execute_convolution
// reports) and binds its feature maps, output stage and scales.
ExecResult prepare_convolution(const isa::Operation& op, const NpuMemory& memory,
                               const ConvWeights& weights, ConvolutionSetup* setup);

// Computes the whole OFM of `setup` and returns true, or returns false having
// written nothing when the operation is not one the fast path takes.
bool run_fast_convolution(ConvolutionSetup* setup, const ConvWeights& weights);

}  // namespace vnpu::sim
