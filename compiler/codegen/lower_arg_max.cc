// lower_arg_max: an int8 ARG_MAX along the last axis with an int32 or int64 output as
// a chain of NPU operations, bit-exact with TFLite Micro (the first index of
// the largest value). The input's C values per row are read as one row of a
// [rows, C, 1] map, so a pool across the width is a pool across the axis:
//
//   keys = MUL(x, scalar 256) + (255 - c)   (int16: x * 256 + 255 - c fits
//                                            for C <= 256; the constant row is
//                                            read from the flash, broadcast)
//   kmax = MAX pool 1 x C of keys            (the largest x, then the smallest c)
//   xmax = MAX pool 1 x C of x
//   out  = xmax * 256 + 255 - kmax           (int32: the index c of kmax)
//
// An int64 output gets the index in the low word of each element (rows 8
// bytes apart) and 0 in the high word (indices are not negative).
//
// Raw values compare as the real ones do (the scale is positive), so the zero
// point plays no part.
#include <algorithm>
#include <string>
#include <vector>

#include "compiler/codegen/chain_builder.h"
#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "ir/graph_edit.h"

namespace vnpu::compiler {
namespace {

using detail::ChainMap;
using isa::ElementwiseMode;

constexpr int32_t kKeyShift = 256;  // x * 256 + (255 - c): C <= 256 keeps keys in int16

struct ArgMaxPlan {
  int32_t rows = 1;          // every axis but the last
  int32_t depth = 1;         // the last axis, the one reduced
  bool wide_output = false;  // int64
};

Expected<ArgMaxPlan> plan_arg_max(const ir::Graph& graph, const ir::Operator& op) {
  const std::string where = detail::op_prefix(op);
  if (op.type != ir::OpType::kArgMax || op.inputs.size() != 2 || op.outputs.size() != 1) {
    return Status::invalid_input(where + "expected an input, an axis and one output");
  }
  const ir::Tensor& in = graph.tensor(op.inputs[0]);
  const ir::Tensor& out = graph.tensor(op.outputs[0]);
  if (in.type != ir::DataType::kInt8 ||
      (out.type != ir::DataType::kInt32 && out.type != ir::DataType::kInt64)) {
    return Status::unsupported(where + "the input must be int8 and the output int32 or int64");
  }
  const std::vector<int64_t> axis = ir::constant_integers(graph.tensor(op.inputs[1]));
  const auto rank = static_cast<int64_t>(in.shape.size());
  if (rank < 1 || axis.size() != 1 || (axis[0] != rank - 1 && axis[0] != -1)) {
    return Status::unsupported(where + "the axis must be a constant naming the last axis");
  }
  ArgMaxPlan plan;
  plan.depth = in.shape.back();
  plan.wide_output = out.type == ir::DataType::kInt64;
  const int64_t rows = in.element_count() / std::max<int64_t>(plan.depth, 1);
  if (plan.depth < 1 || plan.depth > kKeyShift) {
    return Status::unsupported(where + "the last axis has " + std::to_string(plan.depth) +
                               " values; at most 256 keep the index keys in 16 bits");
  }
  if (rows < 1 || rows > 65535 || out.element_count() != rows) {
    return Status::unsupported(where + std::to_string(rows) +
                               " rows: 1 to 65535, one output per row");
  }
  plan.rows = static_cast<int32_t>(rows);
  return plan;
}

// The scratch: keys and maxima of keys (int16), maxima of x (int8).
int64_t scratch_of(const ArgMaxPlan& p) {
  return 2 * int64_t{p.rows} * p.depth + 2 * int64_t{p.rows} + p.rows;
}

ChainMap map(uint64_t offset, int32_t height, int32_t width, uint8_t bits) {
  ChainMap m;
  m.offset = offset;
  m.height = height;
  m.width = width;
  m.depth = 1;
  m.bits = bits;
  return m;
}

// The row 255 - c, c = 0..C-1, as int16 little-endian bytes.
std::vector<uint8_t> reversed_indices(int32_t depth) {
  std::vector<uint8_t> bytes;
  for (int32_t c = 0; c < depth; ++c) {
    const auto v = static_cast<uint16_t>(kKeyShift - 1 - c);
    bytes.push_back(static_cast<uint8_t>(v & 0xFF));
    bytes.push_back(static_cast<uint8_t>(v >> 8));
  }
  return bytes;
}

}  // namespace

Status check_arg_max(const ir::Graph& graph, const ir::Operator& op) {
  Expected<ArgMaxPlan> plan = plan_arg_max(graph, op);
  return plan ? Status::ok() : plan.status();
}

int64_t arg_max_scratch_bytes(const ir::Graph& graph, const ir::Operator& op) {
  Expected<ArgMaxPlan> plan = plan_arg_max(graph, op);
  return plan ? scratch_of(*plan) : 0;
}

Expected<LoweredOp> lower_arg_max(const ir::Graph& graph, const ir::Operator& op,
                                  const isa::AcceleratorConfig& config,
                                  const FeatureMapPlacement& placement) {
  Expected<ArgMaxPlan> plan = plan_arg_max(graph, op);
  if (!plan) return plan.status();
  if (Status s = detail::check_chain_shram(op, config); !s) return s;
  const int32_t rows = plan->rows;
  const int32_t depth = plan->depth;
  const uint64_t keys_offset = placement.scratch_offset;
  const uint64_t kmax_offset = keys_offset + 2 * static_cast<uint64_t>(rows) * depth;
  const uint64_t xmax_offset = kmax_offset + 2 * static_cast<uint64_t>(rows);
  const ChainMap x = map(placement.ifm_offset, rows, depth, 8);
  const ChainMap keys = map(keys_offset, rows, depth, 16);
  ChainMap indices = map(placement.weights_offset, 1, depth, 16);
  indices.region = kConstantRegion;
  const ChainMap kmax = map(kmax_offset, rows, 1, 16);
  const ChainMap xmax = map(xmax_offset, rows, 1, 8);
  ChainMap out = map(placement.ofm_offset, rows, 1, 32);
  ChainMap out_high = map(placement.ofm_offset + 4, rows, 1, 32);
  if (plan->wide_output) out.row_bytes = out_high.row_bytes = 8;

  detail::ChainBuilder builder(config, detail::op_prefix(op));
  const std::vector<detail::ElementwiseSpec> keys_steps = {
      detail::elementwise_spec(ElementwiseMode::kMul, x, detail::scalar(kKeyShift, false, 16),
                               keys),
      detail::elementwise_spec(ElementwiseMode::kAdd, keys, detail::operand(indices), keys),
  };
  for (const detail::ElementwiseSpec& step : keys_steps) {
    if (Status s = builder.elementwise(step); !s) return s;
  }
  if (Status s = builder.pool(isa::PoolingMode::kMax, keys, kmax, depth); !s) return s;
  if (Status s = builder.pool(isa::PoolingMode::kMax, x, xmax, depth); !s) return s;
  // out = xmax * 256 - kmax + 255, in int32.
  const std::vector<detail::ElementwiseSpec> index_steps = {
      detail::elementwise_spec(ElementwiseMode::kMul, xmax, detail::scalar(kKeyShift, false, 16),
                               out),
      detail::elementwise_spec(ElementwiseMode::kSub, out, detail::operand(kmax), out),
      detail::elementwise_spec(ElementwiseMode::kAdd, out, detail::scalar(kKeyShift - 1), out),
  };
  for (const detail::ElementwiseSpec& step : index_steps) {
    if (Status s = builder.elementwise(step); !s) return s;
  }
  if (plan->wide_output) {
    const detail::ElementwiseSpec zero = detail::elementwise_spec(
        ElementwiseMode::kMul, kmax, detail::scalar(0, false, 16), out_high);
    if (Status s = builder.elementwise(zero); !s) return s;
  }
  LoweredOp lowered;
  lowered.chain = builder.take();
  lowered.weights.buffer = reversed_indices(depth);
  return lowered;
}

}  // namespace vnpu::compiler
