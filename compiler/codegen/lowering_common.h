// Helpers shared by the pooling and elementwise lowerings (lower_pool.cc,
// lower_elementwise.cc, lower_lut.cc, lower_abs.cc): error prefixes, the
// H x W x C view of a tensor, NHWC feature maps in the arena, the block config
// of a one-kernel-per-channel operation and the command words of a single
// kick-off.
#pragma once

#include <cstdint>
#include <string>

#include "compiler/codegen/lower_op.h"
#include "ir/graph.h"

namespace vnpu::compiler::detail {

// "MAX_POOL_2D: " (the prefix of every refusal of `op`).
std::string op_prefix(const ir::Operator& op);

// An int8 NHWC feature map of height x width x depth at `offset` in the arena.
isa::FeatureMapState int8_nhwc_map(uint64_t offset, int32_t height, int32_t width, int32_t depth,
                                   int32_t zero_point);

// The OFM size/block registers of `state` (OFM map set by the caller).
void set_ofm_geometry(int32_t height, int32_t width, int32_t depth, const BlockConfig& block,
                      isa::RegisterState* state);

// 1 x H x W x C of a tensor of rank 1..4 (leading dimensions merged into H);
// unsupported, prefixed with `where`, for other ranks or a dimension outside 1..65536.
Expected<ir::Shape> as_nhwc(const ir::Shape& shape, const std::string& where);

// unsupported naming the operator when a tensor is not int8.
Status check_int8(const ir::Graph& graph, const ir::Operator& op, int32_t tensor_index);

// The register writes of `lowered.state`, the kick-off `lowered.kick_off`
// with `param`, and NPU_OP_STOP.
void emit_single_kick_off(uint16_t param, LoweredOp* lowered);

}  // namespace vnpu::compiler::detail
