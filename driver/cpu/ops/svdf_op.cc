// SVDF: int8 input and output, int8 weights_feature [filters, input], weights_time
// [filters, memory] and the variable activation state [batch, memory * filters]
// both int16 or both int8, int32 bias [units]. Prepare mirrors TFLM
// svdf_common.cc PrepareSvdf: the scale ratios are computed in float and then
// widened, and the bias scale must be state_scale * weights_time_scale within
// 1e-5. The state is a variable tensor the runtime keeps across invokes.
#include <cmath>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "driver/cpu/ops.h"
#include "kernels/prepare/op_support.h"
#include "kernels/svdf.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

template <typename StateT>
class SvdfOp final : public CpuOp {
 public:
  SvdfOp(const ir::Operator& op, const kernels::SvdfParams& params)
      : params_(params),
        input_(op.inputs[0]),
        weights_feature_(op.inputs[1]),
        weights_time_(op.inputs[2]),
        bias_(op.inputs[3]),
        state_(op.inputs[4]),
        output_(op.outputs[0]),
        scratch_(static_cast<size_t>(params.batches) * static_cast<size_t>(params.filters)),
        unit_scratch_(static_cast<size_t>(params.batches) *
                      static_cast<size_t>(params.filters / params.rank)) {}

  Status eval(const TensorMemory& memory) const override {
    kernels::s8_svdf<StateT>(params_, memory.get<const int8_t>(input_),
                             memory.get<const int8_t>(weights_feature_),
                             memory.get<const StateT>(weights_time_),
                             memory.get<const int32_t>(bias_), memory.get<StateT>(state_),
                             memory.get<int8_t>(output_), scratch_.data(), unit_scratch_.data());
    return Status::ok();
  }

 private:
  kernels::SvdfParams params_;
  int32_t input_, weights_feature_, weights_time_, bias_, state_, output_;
  mutable std::vector<int32_t> scratch_;
  mutable std::vector<int32_t> unit_scratch_;
};

Status check_dims(const ir::Graph& graph, int32_t index, const char* role, int32_t dim0,
                  int32_t dim1) {
  const ir::Shape& shape = graph.tensor(index).shape;
  if (shape.size() == 2 && shape[0] == dim0 && shape[1] == dim1) return Status::ok();
  return Status::invalid_input(std::string(role) + " " + prepare::describe_tensor(graph, index) +
                               ": expected shape [" + std::to_string(dim0) + "," +
                               std::to_string(dim1) + "]");
}

Status check_types(const ir::Graph& graph, const ir::Operator& op) {
  if (op.inputs.size() == 5 && op.inputs[3] == ir::kNoTensor) {
    return Status::unsupported("int8 SVDF without a bias (TFLM reads the bias scale)");
  }
  if (Status s = prepare::check_operand_counts(op, 5, 5, 1); !s) return s;
  if (Status s = prepare::check_type(graph, op.inputs[0], ir::DataType::kInt8, "input"); !s) {
    return s;
  }
  if (Status s = prepare::check_type(graph, op.inputs[1], ir::DataType::kInt8, "weights_feature");
      !s) {
    return s;
  }
  const ir::DataType state_type = graph.tensor(op.inputs[4]).type;
  if (state_type != ir::DataType::kInt16 && state_type != ir::DataType::kInt8) {
    return Status::unsupported("activation state " + prepare::describe_tensor(graph, op.inputs[4]) +
                               ": must be int16 or int8");
  }
  if (Status s = prepare::check_type(graph, op.inputs[2], state_type, "weights_time"); !s) return s;
  if (Status s = prepare::check_type(graph, op.inputs[3], ir::DataType::kInt32, "bias"); !s) {
    return s;
  }
  if (Status s = prepare::check_type(graph, op.outputs[0], ir::DataType::kInt8, "output"); !s) {
    return s;
  }
  if (!graph.tensor(op.inputs[4]).is_variable) {
    return Status::invalid_input("activation state " +
                                 prepare::describe_tensor(graph, op.inputs[4]) +
                                 ": must be a variable tensor");
  }
  for (int32_t index : {op.inputs[0], op.inputs[1], op.inputs[2], op.inputs[3], op.inputs[4],
                        op.outputs[0]}) {
    if (Status s = prepare::check_per_tensor_quantized(graph, index, "operand"); !s) return s;
  }
  for (int32_t index : {op.inputs[1], op.inputs[2], op.inputs[3]}) {
    if (Status s = prepare::check_constant(graph, index, "weights"); !s) return s;
  }
  return Status::ok();
}

Expected<kernels::SvdfParams> make_params(const ir::Graph& graph, const ir::Operator& op) {
  const auto& options = std::get<ir::SvdfOptions>(op.options);
  if (Status s = prepare::check_rank(graph, op.inputs[0], 2, "input"); !s) return s;
  if (Status s = prepare::check_rank(graph, op.inputs[1], 2, "weights_feature"); !s) return s;
  if (Status s = prepare::check_rank(graph, op.inputs[2], 2, "weights_time"); !s) return s;
  kernels::SvdfParams p;
  p.batches = graph.tensor(op.inputs[0]).shape[0];
  p.input_size = graph.tensor(op.inputs[0]).shape[1];
  p.filters = graph.tensor(op.inputs[1]).shape[0];
  p.memory = graph.tensor(op.inputs[2]).shape[1];
  p.rank = options.rank;
  if (p.filters % p.rank != 0 || p.memory < 1) {
    return Status::invalid_input("weights_feature " + prepare::describe_tensor(graph, op.inputs[1]) +
                                 ": " + std::to_string(p.filters) +
                                 " filters are not a multiple of rank " + std::to_string(p.rank));
  }
  const int32_t units = p.filters / p.rank;
  if (Status s = check_dims(graph, op.inputs[1], "weights_feature", p.filters, p.input_size); !s) {
    return s;
  }
  if (Status s = check_dims(graph, op.inputs[2], "weights_time", p.filters, p.memory); !s) return s;
  if (graph.tensor(op.inputs[3]).element_count() != units) {
    return Status::invalid_input("bias " + prepare::describe_tensor(graph, op.inputs[3]) +
                                 ": expected " + std::to_string(units) + " values");
  }
  const int64_t state_width = static_cast<int64_t>(p.memory) * p.filters;
  if (state_width > INT32_MAX) return Status::invalid_input("activation state too wide");
  if (Status s = check_dims(graph, op.inputs[4], "activation state", p.batches,
                            static_cast<int32_t>(state_width));
      !s) {
    return s;
  }
  if (Status s = check_dims(graph, op.outputs[0], "output", p.batches, units); !s) return s;
  return p;
}

Status set_scales(const ir::Graph& graph, const ir::Operator& op, kernels::SvdfParams& p) {
  const float input_scale = graph.tensor(op.inputs[0]).quantization.scale();
  const float feature_scale = graph.tensor(op.inputs[1]).quantization.scale();
  const float time_scale = graph.tensor(op.inputs[2]).quantization.scale();
  const float bias_scale = graph.tensor(op.inputs[3]).quantization.scale();
  const float state_scale = graph.tensor(op.inputs[4]).quantization.scale();
  const float output_scale = graph.tensor(op.outputs[0]).quantization.scale();
  const float state_time_scale = state_scale * time_scale;
  if (!(std::abs(static_cast<double>(bias_scale) - static_cast<double>(state_time_scale)) <
        1e-5)) {
    return Status::unsupported("bias " + prepare::describe_tensor(graph, op.inputs[3]) +
                               ": scale differs from state scale * weights_time scale by 1e-5 "
                               "or more");
  }
  p.feature_to_state =
      kernels::quantize_multiplier(static_cast<double>(input_scale * feature_scale / state_scale));
  p.state_to_output = kernels::quantize_multiplier(static_cast<double>(state_time_scale /
                                                                       output_scale));
  for (const kernels::QuantizedMultiplier& m : {p.feature_to_state, p.state_to_output}) {
    if (m.shift > 31) return Status::unsupported("a scale ratio is 2^31 or more");
  }
  p.input_zero_point = graph.tensor(op.inputs[0]).quantization.zero_point();
  p.state_zero_point = graph.tensor(op.inputs[4]).quantization.zero_point();
  p.output_zero_point = graph.tensor(op.outputs[0]).quantization.zero_point();
  return Status::ok();
}

}  // namespace

PrepareResult prepare_svdf(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  if (!std::holds_alternative<ir::SvdfOptions>(op.options)) {
    return Status::invalid_input("SVDF without its options");
  }
  if (Status s = check_types(graph, op); !s) return s;
  auto params = make_params(graph, op);
  if (!params) return params.status();
  if (Status s = set_scales(graph, op, *params); !s) return s;
  if (graph.tensor(op.inputs[4]).type == ir::DataType::kInt16) {
    return std::unique_ptr<CpuOp>(std::make_unique<SvdfOp<int16_t>>(op, *params));
  }
  return std::unique_ptr<CpuOp>(std::make_unique<SvdfOp<int8_t>>(op, *params));
}

}  // namespace vnpu::driver::cpu
