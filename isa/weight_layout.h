// Which weight each symbol of an Ethos-U55 weight stream carries.
//
// A stream holds the weights of one range of OFM channels ("brick") in the
// order the MAC array consumes them. The loop nest, outermost first:
//   OFM block (ofm_block_depth channels)
//   IFM block (32 channels depth-first, 16 part-kernel-first or 16-bit IFM; one for depthwise)
//   sub-kernel (the kernel cut into pieces of at most 8x8, 4x8, 8x4 or 4x4 with dilation 2)
//   [part-kernel-first: IFM micro-block of the IFM block]
//   OFM micro-block of the OFM block (ofm_ublock_depth channels)
//   kernel element of the sub-kernel, row-major, padded to a multiple of 4
//     (depthwise; part-kernel-first 8-bit) or 2 (part-kernel-first 16-bit)
//   [depth-first: IFM micro-block of the IFM block]
//   OFM channel of the micro-block
//   IFM channel of the micro-block (8; one for depthwise)
// Positions beyond the tensor (a partial micro-block, a partial depth-first
// IFM block, padded kernel elements) carry a zero. This is Vela's reorder
// (ethos-u-vela weight_compressor / mlw_codec reorder); details and the way
// Vela cuts a tensor into per-depth streams are in docs/weight_stream_format.md.
//
// Tensors here are OHWI: [OFM channels, kernel height, kernel width, IFM
// channels], the TFLite CONV_2D filter layout. A TFLite depthwise filter
// [1, KH, KW, C] is the OHWI tensor [C, KH, KW, 1] (the same bytes, read with
// transpose_depthwise_filter), and a FULLY_CONNECTED [OC, IC] filter is
// [OC, 1, 1, IC].
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/status.h"
#include "isa/accelerator_config.h"
#include "isa/opcodes.h"

namespace vnpu::isa {

struct WeightLayoutParams {
  // The stream's weights, OHWI.
  int32_t ofm_depth = 1;
  int32_t kernel_height = 1;
  int32_t kernel_width = 1;
  int32_t ifm_depth = 1;                         // 1 for depthwise
  int32_t ofm_ublock_depth = 8;                  // AcceleratorConfig::ofm_ublock.depth
  int32_t ifm_ublock_depth = 8;                  // AcceleratorConfig::ifm_ublock.depth
  int32_t ofm_block_depth = 8;                   // NPU_SET_OFM_BLK_DEPTH_M1 + 1
  int32_t ifm_bits = 8;                          // 8 or 16
  WeightOrder order = WeightOrder::kDepthFirst;  // NPU_SET_KERNEL_STRIDE bit 2
  bool depthwise = false;
  int32_t dilation_x = 1;  // 1 or 2
  int32_t dilation_y = 1;
};

// Fills the micro-block depths of `config`.
WeightLayoutParams weight_layout_for(const AcceleratorConfig& config);

// invalid_input naming the field when a size is not positive, a dilation or
// IFM precision is not supported, depthwise is combined with
// part-kernel-first or more than one IFM channel, or the stream would exceed
// kMaxWeightStreamLength symbols.
Status validate_weight_layout(const WeightLayoutParams& params);

// IFM channels per IFM block of the traversal: 32, or 16 for
// part-kernel-first and 16-bit IFMs.
int32_t weight_ifm_block_depth(const WeightLayoutParams& params);

// Number of symbols in the stream (padding included), computed in closed
// form; 0 for parameters validate_weight_layout rejects for their sizes.
int64_t weight_stream_length(const WeightLayoutParams& params);

// The longest stream the layout functions accept (16M symbols: far beyond
// any U55 layer; it bounds what an untrusted command stream can ask for).
constexpr int64_t kMaxWeightStreamLength = int64_t{1} << 24;

// For each stream position, the OHWI index of its weight, or -1 for a padding zero.
constexpr int64_t kPaddingSymbol = -1;
Expected<std::vector<int64_t>> weight_stream_order(const WeightLayoutParams& params);

// OHWI weights (ofm_depth * kernel_height * kernel_width * ifm_depth symbols)
// to stream order, and back. unreorder_weights also checks that every
// padding position holds zero.
Expected<std::vector<int16_t>> reorder_weights(const WeightLayoutParams& params,
                                               const std::vector<int16_t>& ohwi);
Expected<std::vector<int16_t>> unreorder_weights(const WeightLayoutParams& params,
                                                 const std::vector<int16_t>& stream);

// Vela's traversal choice for a (non-depthwise, non-fully-connected)
// convolution: part-kernel-first when the IFM has at most 8 channels or when
// its MAC utilisation (IFM channels over multiples of 8, kernel elements
// over multiples of 4 (2 for 16-bit)) is at least that of depth-first (IFM
// channels over multiples of 32 (16)). Fully connected layers are depth-first.
WeightOrder choose_weight_order(int32_t kernel_height, int32_t kernel_width, int32_t ifm_depth,
                                int32_t ifm_bits);

// A TFLite depthwise filter [1, KH, KW, C] as the OHWI tensor [C, KH, KW, 1].
std::vector<int16_t> transpose_depthwise_filter(const std::vector<int16_t>& filter_1hwc,
                                                int32_t kernel_height, int32_t kernel_width,
                                                int32_t channels);

}  // namespace vnpu::isa
