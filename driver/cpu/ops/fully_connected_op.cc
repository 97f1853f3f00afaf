// FULLY_CONNECTED: int8 input and output, constant int8 weights [Cout, D],
// optional constant int32 bias. Prepare mirrors TFLM
// fully_connected_common.cc CalculateOpDataFullyConnected:
//  - per-tensor weights: GetQuantizedConvolutionMultipler, i.e. the scale
//    product computed in float, then widened: double(input_scale *
//    filter_scale) / double(output_scale); with a bias, TFLM also requires
//    |input_scale * filter_scale - bias_scale| / output_scale <= 0.02 (doubles);
//  - per-channel weights: double(input_scale) * double(filter_scale[c]) /
//    double(output_scale) per output channel (weights zero point must be 0).
// Eval runs kernels::s8_fully_connected (or its fast variant). int16 input and
// output (zero point 0) with an int64, int32 or no bias run
// kernels::s16_fully_connected.
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/scratch_buffer.h"
#include "driver/cpu/ops/weighted_s16_op.h"
#include "kernels/fully_connected.h"
#include "kernels/optimized/fully_connected_fast.h"
#include "kernels/prepare/convolution_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

class FullyConnectedOp final : public CpuOp {
 public:
  FullyConnectedOp(const ir::Operator& op, const kernels::FullyConnectedParams& params,
                   std::vector<kernels::QuantizedMultiplier> multipliers, const ir::Graph& graph,
                   bool fast)
      : params_(params),
        multipliers_(std::move(multipliers)),
        input_(op.inputs[0]),
        filter_(op.inputs[1]),
        bias_(op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor),
        output_(op.outputs[0]),
        input_dims_(kernels::Dims::from(graph.tensor(input_).shape)),
        filter_dims_(kernels::Dims::from(graph.tensor(filter_).shape)),
        output_dims_(kernels::Dims::from(graph.tensor(output_).shape)) {
    if (!fast) return;
    const auto* filter = reinterpret_cast<const int8_t*>(graph.tensor(filter_).data.data());
    packed_ = kernels::pack_s8_fully_connected_filter(params_, filter_dims_, filter);
    scratch_.resize(kernels::s8_fully_connected_fast_scratch_bytes(params_, *packed_, input_dims_));
  }

  Status eval(const TensorMemory& memory) const override {
    if (packed_) {
      kernels::s8_fully_connected_fast(
          params_, multipliers_.data(), input_dims_, memory.get<const int8_t>(input_), filter_dims_,
          memory.get<const int8_t>(filter_),
          bias_ == ir::kNoTensor ? nullptr : memory.get<const int32_t>(bias_), output_dims_,
          memory.get<int8_t>(output_), *packed_, scratch_.data());
      return Status::ok();
    }
    kernels::s8_fully_connected(params_, multipliers_.data(), input_dims_,
                                memory.get<const int8_t>(input_), filter_dims_,
                                memory.get<const int8_t>(filter_),
                                bias_ == ir::kNoTensor ? nullptr : memory.get<const int32_t>(bias_),
                                output_dims_, memory.get<int8_t>(output_));
    return Status::ok();
  }

 private:
  kernels::FullyConnectedParams params_;
  std::vector<kernels::QuantizedMultiplier> multipliers_;
  int32_t input_, filter_, bias_, output_;
  kernels::Dims input_dims_, filter_dims_, output_dims_;
  std::optional<kernels::PackedConvFilter> packed_;  // set when the fast kernel runs
  mutable ScratchBuffer scratch_;
};

Status check_operands(const ir::Graph& graph, const ir::Operator& op) {
  if (Status s = prepare::check_operand_counts(op, 2, 3, 1); !s) return s;
  const int32_t input = op.inputs[0];
  const int32_t filter = op.inputs[1];
  const int32_t output = op.outputs[0];
  const int32_t bias = op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor;
  const ir::DataType type = graph.tensor(input).type;
  if (type != ir::DataType::kInt16) {
    if (Status s = prepare::check_type(graph, input, ir::DataType::kInt8, "input"); !s) return s;
  }
  if (Status s = prepare::check_type(graph, filter, ir::DataType::kInt8, "filter"); !s) return s;
  if (Status s = prepare::check_type(graph, output, type, "output"); !s) return s;
  if (type == ir::DataType::kInt16) {
    if (Status s = prepare::check_16x8_zero_points(graph, op); !s) return s;
  }
  if (Status s = prepare::check_rank(graph, filter, 2, "filter"); !s) return s;
  if (Status s = prepare::check_constant(graph, filter, "filter"); !s) return s;
  if (Status s = prepare::check_per_tensor_quantized(graph, input, "input"); !s) return s;
  if (Status s = prepare::check_per_tensor_quantized(graph, output, "output"); !s) return s;
  for (int32_t index : {input, output}) {
    if (graph.tensor(index).shape.size() > static_cast<size_t>(kernels::Dims::kMaxRank)) {
      return Status::invalid_input(prepare::describe_tensor(graph, index) + ": rank above " +
                                   std::to_string(kernels::Dims::kMaxRank));
    }
  }
  const ir::Shape& f = graph.tensor(filter).shape;
  const int64_t depth = f[1];
  const int64_t in_count = graph.tensor(input).element_count();
  if (depth <= 0 || in_count % depth != 0) {
    return Status::invalid_input("input " + prepare::describe_tensor(graph, input) +
                                 ": element count is not a multiple of the filter depth " +
                                 std::to_string(depth));
  }
  const ir::Shape& out = graph.tensor(output).shape;
  if (out.empty() || out.back() != f[0] ||
      graph.tensor(output).element_count() != in_count / depth * f[0]) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, output) +
                                 ": expected " + std::to_string(in_count / depth) + " rows of " +
                                 std::to_string(f[0]) + " values");
  }
  if (bias == ir::kNoTensor) return Status::ok();
  if (type != ir::DataType::kInt16 || graph.tensor(bias).type != ir::DataType::kInt64) {
    if (Status s = prepare::check_type(graph, bias, ir::DataType::kInt32, "bias"); !s) return s;
  }
  if (Status s = prepare::check_constant(graph, bias, "bias"); !s) return s;
  if (graph.tensor(bias).element_count() != f[0]) {
    return Status::invalid_input("bias " + prepare::describe_tensor(graph, bias) + ": expected " +
                                 std::to_string(f[0]) + " values, one per output");
  }
  return Status::ok();
}

// Appends the multiplier for `real`, unsupported when TFLM would shift left by 32 or more.
Status add_multiplier(double real, std::vector<kernels::QuantizedMultiplier>* multipliers) {
  multipliers->push_back(kernels::quantize_multiplier(real));
  if (multipliers->back().shift <= 31) return Status::ok();
  return Status::unsupported("scale ratio " + std::to_string(real) + " is 2^31 or more");
}

Status compute_multipliers(const ir::Graph& graph, const ir::Operator& op,
                           std::vector<kernels::QuantizedMultiplier>* multipliers) {
  const ir::Tensor& filter = graph.tensor(op.inputs[1]);
  const ir::Quantization& f_q = filter.quantization;
  const float input_scale = graph.tensor(op.inputs[0]).quantization.scale();
  const float output_scale = graph.tensor(op.outputs[0]).quantization.scale();
  if (f_q.scales.empty()) {
    return Status::unsupported("filter " + prepare::describe_tensor(graph, op.inputs[1]) +
                               ": not quantized");
  }
  if (f_q.is_per_channel()) {
    if (f_q.scales.size() != static_cast<size_t>(filter.shape[0]) || f_q.axis != 0) {
      return Status::unsupported("filter " + prepare::describe_tensor(graph, op.inputs[1]) +
                                 ": expected " + std::to_string(filter.shape[0]) +
                                 " scales along axis 0, has " + std::to_string(f_q.scales.size()) +
                                 " along axis " + std::to_string(f_q.axis));
    }
    for (int64_t zp : f_q.zero_points) {
      if (zp != 0) {
        return Status::unsupported("filter " + prepare::describe_tensor(graph, op.inputs[1]) +
                                   ": per-channel zero point " + std::to_string(zp) +
                                   " (must be 0)");
      }
    }
    for (float scale : f_q.scales) {
      const double real = prepare::per_channel_scale_ratio(input_scale, scale, output_scale);
      if (Status s = add_multiplier(real, multipliers); !s) return s;
    }
    return Status::ok();
  }
  const float filter_scale = f_q.scale();
  if (op.inputs.size() > 2 && op.inputs[2] != ir::kNoTensor) {
    const double product = static_cast<double>(input_scale) * static_cast<double>(filter_scale);
    const double bias_scale = static_cast<double>(graph.tensor(op.inputs[2]).quantization.scale());
    if (std::abs(product - bias_scale) / static_cast<double>(output_scale) > 0.02) {
      return Status::unsupported("bias " + prepare::describe_tensor(graph, op.inputs[2]) +
                                 ": scale " + std::to_string(bias_scale) +
                                 " differs from input scale * filter scale " +
                                 std::to_string(product) + " by more than 2% of output scale");
    }
  }
  const double real =
      prepare::per_tensor_fully_connected_scale_ratio(input_scale, filter_scale, output_scale);
  return add_multiplier(real, multipliers);
}

}  // namespace

PrepareResult prepare_fully_connected(const ir::Graph& graph, const ir::Operator& op,
                                      const CpuOptions& cpu_options) {
  if (Status s = check_operands(graph, op); !s) return s;
  std::vector<kernels::QuantizedMultiplier> multipliers;
  if (Status s = compute_multipliers(graph, op, &multipliers); !s) return s;
  const auto* options = std::get_if<ir::FullyConnectedOptions>(&op.options);
  const ir::FusedActivation activation =
      options != nullptr ? options->activation : ir::FusedActivation::kNone;
  const ir::Quantization& in_q = graph.tensor(op.inputs[0]).quantization;
  const ir::Quantization& out_q = graph.tensor(op.outputs[0]).quantization;
  const ir::Quantization& f_q = graph.tensor(op.inputs[1]).quantization;

  kernels::FullyConnectedParams params;
  params.input_offset = -in_q.zero_point();
  params.filter_offset = -f_q.zero_point();
  params.output_offset = out_q.zero_point();
  params.per_channel = f_q.is_per_channel();
  const ir::DataType type = graph.tensor(op.inputs[0]).type;
  const prepare::ActivationRange range =
      prepare::quantized_activation_range(activation, type, out_q.scale(), out_q.zero_point());
  params.activation_min = range.min;
  params.activation_max = range.max;
  if (type == ir::DataType::kInt16) {
    const int32_t bias = op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor;
    if (bias == ir::kNoTensor || graph.tensor(bias).type == ir::DataType::kInt64) {
      if (Status s = prepare::check_64bit_requantization(multipliers); !s) return s;
    }
    return WeightedS16Op<kernels::FullyConnectedParams>::create(
        graph, op, params, std::move(multipliers), kernels::s16_fully_connected,
        kernels::s16_fully_connected);
  }
  return std::unique_ptr<CpuOp>(std::make_unique<FullyConnectedOp>(
      op, params, std::move(multipliers), graph, cpu_options.kernels == KernelChoice::kFast));
}

}  // namespace vnpu::driver::cpu
