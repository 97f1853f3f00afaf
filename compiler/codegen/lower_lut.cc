// lower_lut: an int8 -> int8 elementwise function of one input (LOGISTIC,
// TANH, HARD_SWISH, LEAKY_RELU, a standalone RELU/RELU6/RELU_N1_TO_1, an
// int8 QUANTIZE) as a 1x1 MAX pool whose output goes through a 256-entry
// lookup table. The pool passes every value through unchanged (IFM and OFM
// zero points 0, no scaling), the output stage indexes the table with
// value + 128 (docs/npu_semantics.md §4.4), and the table holds what the CPU
// reference kernel computes for each of the 256 inputs — so the NPU result is
// the kernel's, bit for bit, whatever its fixed-point approximation.
#include <string>
#include <variant>

#include "compiler/codegen/lower_op.h"
#include "compiler/codegen/lowering_common.h"
#include "driver/cpu/cpu_runtime.h"

namespace vnpu::compiler {
namespace {

constexpr int32_t kLutEntries = 256;
constexpr uint8_t kLutActivationBase = 16;  // ACTIVATION function 16 + table

// The 256 outputs of `op` for inputs -128..127, from the reference kernels.
Expected<std::vector<uint8_t>> tabulate(const ir::Graph& graph, const ir::Operator& op) {
  ir::Graph table;
  ir::Tensor input = graph.tensor(op.inputs[0]);
  input.shape = {1, kLutEntries};
  ir::Tensor output = graph.tensor(op.outputs[0]);
  output.shape = {1, kLutEntries};
  table.tensors = {input, output};
  ir::Operator single = op;
  single.inputs = {0};
  single.outputs = {1};
  table.operators = {single};
  table.inputs = {0};
  table.outputs = {1};
  driver::cpu::CpuOptions options;
  options.kernels = driver::cpu::KernelChoice::kReference;
  auto runtime = driver::cpu::CpuRuntime::create(table, options);
  if (!runtime) return runtime.status();
  std::vector<uint8_t> inputs(kLutEntries);
  for (int32_t i = 0; i < kLutEntries; ++i) inputs[static_cast<size_t>(i)] = static_cast<uint8_t>(i - 128);
  if (Status s = (*runtime)->set_input(0, inputs); !s) return s;
  if (Status s = (*runtime)->invoke(); !s) return s;
  return (*runtime)->output(0);
}

// H x W x C of a tensor of rank 1..4 (leading dimensions merged into H).
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

}  // namespace

bool is_lut_operator(ir::OpType type) {
  switch (type) {
    case ir::OpType::kLogistic:
    case ir::OpType::kTanh:
    case ir::OpType::kHardSwish:
    case ir::OpType::kLeakyRelu:
    case ir::OpType::kRelu:
    case ir::OpType::kRelu6:
    case ir::OpType::kReluN1To1:
    case ir::OpType::kQuantize:
      return true;
    default:
      return false;
  }
}

Expected<LoweredOp> lower_lut(const ir::Graph& graph, const ir::Operator& op,
                              const isa::AcceleratorConfig& config,
                              const FeatureMapPlacement& placement) {
  const std::string where = detail::op_prefix(op);
  if (!is_lut_operator(op.type)) return Status::invalid_input(where + "not a lookup-table operator");
  if (op.inputs.empty() || op.outputs.size() != 1) return Status::invalid_input(where + "operands");
  for (int32_t tensor : {op.inputs[0], op.outputs[0]}) {
    if (Status s = detail::check_int8(graph, op, tensor); !s) return s;
    if (graph.tensor(tensor).quantization.is_per_channel()) {
      return Status::unsupported(where + "per-channel quantized feature map");
    }
  }
  if (config.shram_kb <= 16) {
    return Status::unsupported(where + "the lookup table would overlap the accumulators in the " +
                               std::to_string(config.shram_kb) + " KB SHRAM of " + config.name);
  }
  Expected<ir::Shape> shape = as_nhwc(graph.tensor(op.inputs[0]).shape, where);
  if (!shape) return shape.status();
  Expected<std::vector<uint8_t>> lut = tabulate(graph, op);
  if (!lut) return lut.status().with_context(where + "tabulating the lookup table");

  // A 1x1 MAX pool over the same bytes with identical quantization on both sides.
  ir::Graph pool_graph;
  ir::Tensor in = graph.tensor(op.inputs[0]);
  in.shape = *shape;
  in.quantization.scales = {1.0f};
  in.quantization.zero_points = {0};
  ir::Tensor out = in;
  pool_graph.tensors = {in, out};
  ir::Pool2dOptions pool;
  pool.padding = ir::Padding::kValid;
  pool.filter_h = pool.filter_w = 1;
  pool.stride_h = pool.stride_w = 1;
  pool_graph.operators.push_back({ir::OpType::kMaxPool2d, {0}, {1}, pool});
  pool_graph.inputs = {0};
  pool_graph.outputs = {1};
  Expected<LoweredOp> lowered = lower_pool(pool_graph, pool_graph.operators[0], config, placement);
  if (!lowered) return lowered.status().with_context(where);
  lowered->state.activation.function = kLutActivationBase;  // table 0
  lowered->state.activation.min = -128;
  lowered->state.activation.max = 127;
  lowered->lut = std::move(*lut);
  detail::emit_single_kick_off(lowered->param, &*lowered);
  return lowered;
}

}  // namespace vnpu::compiler
