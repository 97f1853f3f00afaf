// What the estimator needs to know about one NPU operation, read from its
// register snapshot: the Vela block type, feature-map shapes, kernel, the OFM
// block from the block-config registers and the IFM block it implies
// (ethos-u-facts.md §2.7), and the block counts. docs/perf_model.md §3.
#pragma once

#include <cstdint>

#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "perf/memory_system.h"

namespace vnpu::perf {

// Vela's NpuBlockType for the kick-offs of a U55 command stream. NPU_OP_CONV
// covers ConvolutionMxN and VectorProduct (fully connected), which Vela's model
// treats alike; NPU_OP_POOL with REDUCE_SUM is ReduceSum.
enum class BlockType : uint8_t { kConvolution, kDepthwise, kPooling, kReduceSum, kElementwise };

const char* block_type_name(BlockType type);

struct OpGeometry {
  BlockType type = BlockType::kConvolution;
  Shape ifm;            // the IFM area read (isa::ifm_extent)
  Shape ifm2;           // elementwise second operand after broadcast; all 0 for none
  bool has_ifm2 = false;
  Shape ofm;
  int32_t kernel_width = 1;   // undilated
  int32_t kernel_height = 1;
  int32_t dilated_width = 1;  // kernel area
  int32_t dilated_height = 1;
  Shape ofm_block_config;  // block-config registers
  Shape ifm_block_config;  // IFM block the OFM block implies
  Shape ofm_block;         // config clipped to the OFM
  Shape ifm_block;         // config clipped to the IFM
  int64_t ofm_blocks = 0;     // ceil(H/bh) * ceil(W/bw) * ceil(C/bc)
  int64_t ofm_xy_blocks = 0;  // ceil(H/bh) * ceil(W/bw)
  int32_t sub_kernels = 1;    // ceil(kw / 8) * ceil(kh / 8)
  int32_t ifm_bits = 8;
  int32_t ifm2_bits = 8;
  int32_t ofm_bits = 8;
  bool part_kernel_first = false;
  bool acc_40_bits = false;
};

// IFM block depth for convolution-like types (Vela 3.10 _ifm_blockdepth):
// 16-bit IFM: round_up(min(C, 16), 4); 8-bit: round_up(min(C, 16 if
// part-kernel-first else 32), IFM ublock depth). Other types use the OFM block depth.
int64_t ifm_block_depth(BlockType type, int64_t ifm_depth, int32_t ifm_bits,
                        bool part_kernel_first, int64_t ofm_block_depth,
                        const isa::AcceleratorConfig& accelerator);

// The geometry of a block operation (CONV, DEPTHWISE, POOL, ELEMENTWISE).
OpGeometry make_op_geometry(const isa::Operation& operation,
                            const isa::AcceleratorConfig& accelerator);

int64_t ceil_div(int64_t value, int64_t divisor);
int64_t round_up(int64_t value, int64_t quantum);

}  // namespace vnpu::perf
