// Helpers shared by the pooling and elementwise lowerings.
#include "compiler/codegen/lowering_common.h"

#include "isa/command_encoder.h"

namespace vnpu::compiler::detail {

std::string op_prefix(const ir::Operator& op) {
  return std::string(ir::op_type_name(op.type)) + ": ";
}

isa::FeatureMapState int8_nhwc_map(uint64_t offset, int32_t height, int32_t width, int32_t depth,
                                   int32_t zero_point) {
  return nhwc_map(offset, height, width, depth, zero_point, 8);
}

isa::FeatureMapState nhwc_map(uint64_t offset, int32_t height, int32_t width, int32_t depth,
                              int32_t zero_point, uint8_t bits) {
  const uint64_t element_bytes = bits / 8u;
  isa::FeatureMapState fm;
  fm.region = kArenaRegion;
  fm.type = {true, bits};
  fm.format = isa::DataFormat::kNhwc;
  fm.zero_point = zero_point;
  fm.width0_m1 = static_cast<uint32_t>(width - 1);
  fm.height0_m1 = static_cast<uint32_t>(height - 1);
  fm.height1_m1 = static_cast<uint32_t>(height - 1);
  fm.tile_base = {offset, 0, 0, 0};
  fm.stride_c = element_bytes;
  fm.stride_x = static_cast<uint64_t>(depth) * element_bytes;
  fm.stride_y = static_cast<uint64_t>(width) * static_cast<uint64_t>(depth) * element_bytes;
  return fm;
}

void set_ofm_geometry(int32_t height, int32_t width, int32_t depth, const BlockConfig& block,
                      isa::RegisterState* state) {
  state->ofm.height_m1 = static_cast<uint32_t>(height - 1);
  state->ofm.width_m1 = static_cast<uint32_t>(width - 1);
  state->ofm.depth_m1 = static_cast<uint32_t>(depth - 1);
  state->ofm.block_width_m1 = static_cast<uint32_t>(block.width - 1);
  state->ofm.block_height_m1 = static_cast<uint32_t>(block.height - 1);
  state->ofm.block_depth_m1 = static_cast<uint32_t>(block.depth - 1);
  state->ifm.ib_end = block.ib_end;
  state->ab_start = block.ab_start;
}

Expected<ir::Shape> as_nhwc(const ir::Shape& shape, const std::string& where) {
  if (shape.empty() || shape.size() > 4) return Status::unsupported(where + "rank above 4");
  ir::Shape hwc = {1, 1, 1};
  const size_t rank = shape.size();
  hwc[2] = shape[rank - 1];
  if (rank >= 2) hwc[1] = shape[rank - 2];
  for (size_t i = 0; i + 2 < rank; ++i) hwc[0] *= shape[i];
  for (int32_t d : hwc) {
    if (d < 1 || d > 65536) return Status::unsupported(where + "a dimension is outside 1..65536");
  }
  return ir::Shape{1, hwc[0], hwc[1], hwc[2]};
}

Status check_int8(const ir::Graph& graph, const ir::Operator& op, int32_t tensor_index) {
  const ir::Tensor& t = graph.tensor(tensor_index);
  if (t.type != ir::DataType::kInt8) {
    return Status::unsupported(op_prefix(op) + "tensor '" + t.name + "' is not int8");
  }
  return Status::ok();
}

Status check_elementwise_operands(const ir::Graph& graph, const ir::Operator& op,
                                  std::initializer_list<int32_t> tensors) {
  const std::string where = op_prefix(op);
  const bool int16 = graph.tensor(*tensors.begin()).type == ir::DataType::kInt16;
  for (int32_t index : tensors) {
    const ir::Tensor& t = graph.tensor(index);
    if (!int16) {
      if (Status s = check_int8(graph, op, index); !s) return s;
    } else if (t.type != ir::DataType::kInt16) {
      return Status::unsupported(where + "tensor '" + t.name + "' is not int16 like the first input");
    }
    if (t.quantization.is_per_channel() || t.quantization.scales.empty()) {
      return Status::unsupported(where + "tensor '" + t.name + "' is not per-tensor quantized");
    }
    if (int16 && t.quantization.zero_point() != 0) {
      return Status::unsupported(where + "int16 tensor '" + t.name +
                                 "' has a zero point (TFLite's 16x8 scheme needs 0)");
    }
  }
  return Status::ok();
}

void emit_single_kick_off(uint16_t param, LoweredOp* lowered) {
  lowered->param = param;
  isa::CommandBuilder builder;
  builder.set_state(lowered->state);
  builder.operation(lowered->kick_off, param);
  builder.operation(isa::Cmd0::kOpStop, 0xFFFF);
  lowered->commands = builder.words();
}

}  // namespace vnpu::compiler::detail
