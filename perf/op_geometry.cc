#include "perf/op_geometry.h"

#include <algorithm>

#include "isa/operation_summary.h"

namespace vnpu::perf {
namespace {

constexpr int32_t kSubKernelLimit = 8;  // Vela sub_kernel_limits (8, 8) for MxN, depthwise, pooling

BlockType block_type(const isa::Operation& operation) {
  switch (operation.kind) {
    case isa::OperationKind::kDepthwise:
      return BlockType::kDepthwise;
    case isa::OperationKind::kPool:
      return operation.pooling_mode() == isa::PoolingMode::kReduceSum ? BlockType::kReduceSum
                                                                       : BlockType::kPooling;
    case isa::OperationKind::kElementwise:
      return BlockType::kElementwise;
    default:
      return BlockType::kConvolution;
  }
}

bool is_binary(isa::ElementwiseMode mode) {
  return mode != isa::ElementwiseMode::kLrelu && mode != isa::ElementwiseMode::kAbs &&
         mode != isa::ElementwiseMode::kClz;
}

Shape min_shape(const Shape& a, const Shape& b) {
  return {std::min(a.height, b.height), std::min(a.width, b.width), std::min(a.depth, b.depth)};
}

// Vela _get_ifm_blocksize: (OFM block - 1) * stride + min(kernel area, 8),
// divided by the upscale factor, rounded up to the IFM ublock.
int64_t ifm_block_extent(int64_t ofm_extent, int32_t stride, int32_t area, int32_t upscale,
                         int32_t ublock) {
  const int64_t needed = (ofm_extent - 1) * stride + std::min(area, kSubKernelLimit);
  return round_up(ceil_div(needed, upscale), ublock);
}

}  // namespace

int64_t ceil_div(int64_t value, int64_t divisor) {
  return divisor <= 0 ? 0 : (value + divisor - 1) / divisor;
}

int64_t round_up(int64_t value, int64_t quantum) { return ceil_div(value, quantum) * quantum; }

const char* block_type_name(BlockType type) {
  switch (type) {
    case BlockType::kConvolution:
      return "ConvolutionMxN";
    case BlockType::kDepthwise:
      return "ConvolutionDepthWise";
    case BlockType::kPooling:
      return "Pooling";
    case BlockType::kReduceSum:
      return "ReduceSum";
    case BlockType::kElementwise:
      return "ElementWise";
  }
  return "?";
}

int64_t ifm_block_depth(BlockType type, int64_t ifm_depth, int32_t ifm_bits,
                        bool part_kernel_first, int64_t ofm_block_depth,
                        const isa::AcceleratorConfig& accelerator) {
  if (type != BlockType::kConvolution && type != BlockType::kReduceSum) return ofm_block_depth;
  if (ifm_bits == 16) return round_up(std::min<int64_t>(ifm_depth, 16), 4);
  return round_up(std::min<int64_t>(ifm_depth, part_kernel_first ? 16 : 32),
                  accelerator.ifm_ublock.depth);
}

OpGeometry make_op_geometry(const isa::Operation& operation,
                            const isa::AcceleratorConfig& accelerator) {
  const isa::RegisterState& s = operation.state;
  OpGeometry g;
  g.type = block_type(operation);
  const isa::Extent ofm = isa::ofm_extent(s.ofm);
  const isa::Extent ifm = isa::ifm_extent(operation);
  g.ofm = {ofm.height, ofm.width, ofm.depth};
  g.ifm = {std::max<int64_t>(ifm.height, 1), std::max<int64_t>(ifm.width, 1),
           std::max<int64_t>(ifm.depth, 1)};
  g.ifm_bits = s.ifm.type.bits;
  g.ofm_bits = s.ofm.type.bits;
  g.ifm2_bits = s.ifm2.type.bits;
  if (g.type == BlockType::kElementwise && is_binary(operation.elementwise_mode())) {
    g.has_ifm2 = true;
    if (s.ifm2.scalar) {
      g.ifm2 = {1, 1, 1};
    } else {
      g.ifm2 = {s.ifm2.broadcast_h ? 1 : g.ofm.height, s.ifm2.broadcast_w ? 1 : g.ofm.width,
                s.ifm2.broadcast_c ? 1 : g.ofm.depth};
    }
  }
  const bool has_kernel = g.type != BlockType::kElementwise;
  g.dilated_width = has_kernel ? static_cast<int32_t>(s.kernel.width_m1 + 1) : 1;
  g.dilated_height = has_kernel ? static_cast<int32_t>(s.kernel.height_m1 + 1) : 1;
  g.kernel_width = (g.dilated_width - 1) / s.kernel.dilation_x + 1;
  g.kernel_height = (g.dilated_height - 1) / s.kernel.dilation_y + 1;
  const int32_t stride_x = has_kernel ? s.kernel.stride_x : 1;
  const int32_t stride_y = has_kernel ? s.kernel.stride_y : 1;
  g.part_kernel_first =
      g.type == BlockType::kConvolution && s.kernel.weight_order == isa::WeightOrder::kPartKernelFirst;
  g.acc_40_bits = s.acc_format == isa::AccFormat::kInt40;

  g.ofm_block_config = {static_cast<int64_t>(s.ofm.block_height_m1) + 1,
                        static_cast<int64_t>(s.ofm.block_width_m1) + 1,
                        static_cast<int64_t>(s.ofm.block_depth_m1) + 1};
  const int32_t upscale = s.ifm.upscale == isa::UpscaleMode::kNone ? 1 : 2;
  g.ifm_block_config = {
      ifm_block_extent(g.ofm_block_config.height, stride_y, g.dilated_height, upscale,
                       accelerator.ifm_ublock.height),
      ifm_block_extent(g.ofm_block_config.width, stride_x, g.dilated_width, upscale,
                       accelerator.ifm_ublock.width),
      ifm_block_depth(g.type, g.ifm.depth, g.ifm_bits, g.part_kernel_first,
                      g.ofm_block_config.depth, accelerator)};
  g.ofm_block = min_shape(g.ofm, g.ofm_block_config);
  g.ifm_block = min_shape(g.ifm, g.ifm_block_config);
  g.ofm_xy_blocks =
      ceil_div(g.ofm.height, g.ofm_block.height) * ceil_div(g.ofm.width, g.ofm_block.width);
  g.ofm_blocks = g.ofm_xy_blocks * ceil_div(g.ofm.depth, g.ofm_block.depth);
  g.sub_kernels = static_cast<int32_t>(ceil_div(g.kernel_width, kSubKernelLimit) *
                                       ceil_div(g.kernel_height, kSubKernelLimit));
  return g;
}

}  // namespace vnpu::perf
