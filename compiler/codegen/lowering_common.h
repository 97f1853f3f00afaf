// Helpers shared by the pooling and elementwise lowerings (lower_pool.cc,
// lower_elementwise.cc, lower_lut.cc, lower_abs.cc): error prefixes, the
// H x W x C view of a tensor, NHWC feature maps in the arena, the block config
// of a one-kernel-per-channel operation and the command words of a single
// kick-off.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include "compiler/codegen/lower_op.h"
#include "ir/graph.h"

namespace vnpu::compiler::detail {

// "MAX_POOL_2D: " (the prefix of every refusal of `op`).
std::string op_prefix(const ir::Operator& op);

// An int8 NHWC feature map of height x width x depth at `offset` in the arena.
isa::FeatureMapState int8_nhwc_map(uint64_t offset, int32_t height, int32_t width, int32_t depth,
                                   int32_t zero_point);
// The same with signed elements of `bits` (8 or 16).
isa::FeatureMapState nhwc_map(uint64_t offset, int32_t height, int32_t width, int32_t depth,
                              int32_t zero_point, uint8_t bits);

// The OFM size/block registers of `state` (OFM map set by the caller).
void set_ofm_geometry(int32_t height, int32_t width, int32_t depth, const BlockConfig& block,
                      isa::RegisterState* state);

// 1 x H x W x C of a tensor of rank 1..4 (leading dimensions merged into H);
// unsupported, prefixed with `where`, for other ranks or a dimension outside 1..65536.
Expected<ir::Shape> as_nhwc(const ir::Shape& shape, const std::string& where);

// An NPU feature map's extent.
struct ElementwiseAxes {
  int32_t height = 1, width = 1, depth = 1;
};

// How the two operands of a binary elementwise operator map to the NPU's IFM
// and IFM2 (lower_elementwise.cc).
struct BinaryOperandLayout {
  ElementwiseAxes ofm;   // also the IFM's extent (the operand with the output's shape)
  ElementwiseAxes ifm2;  // 1 along a broadcast axis
  bool swap = false;     // op.inputs[1] is the IFM, op.inputs[0] the (broadcast) IFM2
};

// The H x W x C views of op.inputs[0], op.inputs[1] and the output: one
// operand has the output's shape, the other is broadcast along whole axes;
// unsupported when the NPU cannot express the broadcast or an axis exceeds 65536.
Expected<BinaryOperandLayout> plan_binary_operands(const ir::Graph& graph, const ir::Operator& op);

// unsupported naming the operator when a tensor is not int8.
Status check_int8(const ir::Graph& graph, const ir::Operator& op, int32_t tensor_index);

// The operand types the elementwise lowerings take: every tensor of `tensors`
// int8, or every one int16 with zero point 0 (TFLite's 16x8 scheme) when the
// first is int16; each quantized per tensor. Else unsupported naming the tensor.
Status check_elementwise_operands(const ir::Graph& graph, const ir::Operator& op,
                                  std::initializer_list<int32_t> tensors);

// The register writes of `lowered.state`, the kick-off `lowered.kick_off`
// with `param`, and NPU_OP_STOP.
void emit_single_kick_off(uint16_t param, LoweredOp* lowered);

}  // namespace vnpu::compiler::detail
