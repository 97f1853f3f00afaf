// TRANSPOSE_CONV: inputs output_shape (int32 [4]), filter [Cout,KH,KW,Cin]
// (constant int8, per tensor or per output channel), input [N,H,W,Cin] and an
// optional constant bias; int8 activations with an int32 bias, or int16
// activations (zero point 0) with an int64 or int16 bias. Prepare mirrors TFLM
// transpose_conv.cc: the output shape is the output tensor's (a constant
// output_shape operand must agree with it; a graph input is not read, as in
// TFLM), padding from ComputePaddingHeightWidth on the output size, one
// multiplier per output channel (PopulateConvolutionQuantizationParams) and the
// fused activation's range. Eval runs kernels::s8_transpose_conv or
// kernels::s16_transpose_conv.
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/input_limits.h"
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/scratch_buffer.h"
#include "kernels/prepare/convolution_support.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"
#include "kernels/transpose_conv.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

constexpr size_t kOutputShape = 0, kFilter = 1, kInput = 2, kBias = 3;

class TransposeConvOp final : public CpuOp {
 public:
  TransposeConvOp(const ir::Operator& op, const kernels::ConvParams& params,
                  std::vector<kernels::QuantizedMultiplier> multipliers, const ir::Graph& graph)
      : params_(params),
        multipliers_(std::move(multipliers)),
        input_(op.inputs[kInput]),
        filter_(op.inputs[kFilter]),
        output_(op.outputs[0]),
        s16_(graph.tensor(input_).type == ir::DataType::kInt16),
        input_dims_(kernels::Dims::from(graph.tensor(input_).shape)),
        filter_dims_(kernels::Dims::from(graph.tensor(filter_).shape)),
        output_dims_(kernels::Dims::from(graph.tensor(output_).shape)) {
    const int32_t bias = op.inputs.size() > kBias ? op.inputs[kBias] : ir::kNoTensor;
    if (bias != ir::kNoTensor) {
      const ir::Tensor& t = graph.tensor(bias);
      for (int64_t c = 0; c < t.element_count(); ++c) {
        if (t.type == ir::DataType::kInt32) {
          bias32_.push_back(static_cast<int32_t>(constant_value(t, c)));
        } else {
          bias64_.push_back(constant_value(t, c));
        }
      }
    }
    scratch_.resize(static_cast<size_t>(output_dims_.flat_size()) * sizeof(int64_t));
  }

  Status eval(const TensorMemory& memory) const override {
    auto* sums = reinterpret_cast<int64_t*>(scratch_.data());
    if (s16_) {
      kernels::s16_transpose_conv(params_, multipliers_.data(), input_dims_,
                                  memory.get<const int16_t>(input_), filter_dims_,
                                  memory.get<const int8_t>(filter_),
                                  bias64_.empty() ? nullptr : bias64_.data(), output_dims_,
                                  memory.get<int16_t>(output_), sums);
      return Status::ok();
    }
    kernels::s8_transpose_conv(
        params_, multipliers_.data(), input_dims_, memory.get<const int8_t>(input_), filter_dims_,
        memory.get<const int8_t>(filter_), bias32_.empty() ? nullptr : bias32_.data(), output_dims_,
        memory.get<int8_t>(output_), sums);
    return Status::ok();
  }

 private:
  // Element c of a constant int16, int32 or int64 tensor, widened to int64.
  static int64_t constant_value(const ir::Tensor& t, int64_t c) {
    const size_t size = ir::element_size(t.type);
    const uint8_t* at = t.data.data() + c * static_cast<int64_t>(size);
    if (size == 2) {
      int16_t v = 0;
      std::memcpy(&v, at, sizeof(v));
      return v;
    }
    if (size == 4) {
      int32_t v = 0;
      std::memcpy(&v, at, sizeof(v));
      return v;
    }
    int64_t v = 0;
    std::memcpy(&v, at, sizeof(v));
    return v;
  }

  kernels::ConvParams params_;
  std::vector<kernels::QuantizedMultiplier> multipliers_;
  int32_t input_, filter_, output_;
  bool s16_;
  kernels::Dims input_dims_, filter_dims_, output_dims_;
  std::vector<int64_t> bias64_;  // the int16 kernel's bias (an int16 bias widened, as TFLM does)
  std::vector<int32_t> bias32_;  // the int8 kernel's bias
  mutable ScratchBuffer scratch_;
};

Status check_bias(const ir::Graph& graph, const ir::Operator& op, ir::DataType type) {
  const int32_t bias = op.inputs.size() > kBias ? op.inputs[kBias] : ir::kNoTensor;
  if (bias == ir::kNoTensor) return Status::ok();
  const ir::DataType bias_type = graph.tensor(bias).type;
  const bool ok = type == ir::DataType::kInt16
                      ? bias_type == ir::DataType::kInt64 || bias_type == ir::DataType::kInt16
                      : bias_type == ir::DataType::kInt32;
  if (!ok) {
    return Status::unsupported(
        "bias " + prepare::describe_tensor(graph, bias) +
        (type == ir::DataType::kInt16 ? ": expected int64 or int16" : ": expected int32"));
  }
  if (Status s = prepare::check_constant(graph, bias, "bias"); !s) return s;
  const int32_t channels = graph.tensor(op.inputs[kFilter]).shape[0];
  if (graph.tensor(bias).element_count() != channels) {
    return Status::invalid_input("bias " + prepare::describe_tensor(graph, bias) + ": expected " +
                                 std::to_string(channels) + " values, one per output channel");
  }
  return Status::ok();
}

Status check_operands(const ir::Graph& graph, const ir::Operator& op) {
  if (Status s = prepare::check_operand_counts(op, 3, 4, 1); !s) return s;
  const int32_t input = op.inputs[kInput];
  const int32_t filter = op.inputs[kFilter];
  const int32_t output = op.outputs[0];
  const ir::DataType type = graph.tensor(input).type;
  if (type != ir::DataType::kInt16) {
    if (Status s = prepare::check_type(graph, input, ir::DataType::kInt8, "input"); !s) return s;
  }
  if (Status s = prepare::check_type(graph, output, type, "output"); !s) return s;
  if (Status s = prepare::check_type(graph, filter, ir::DataType::kInt8, "filter"); !s) return s;
  if (Status s = prepare::check_constant(graph, filter, "filter"); !s) return s;
  for (const auto& [index, role] :
       {std::pair{input, "input"}, std::pair{filter, "filter"}, std::pair{output, "output"}}) {
    if (Status s = prepare::check_rank(graph, index, 4, role); !s) return s;
  }
  if (Status s = prepare::check_per_tensor_quantized(graph, input, "input"); !s) return s;
  if (Status s = prepare::check_per_tensor_quantized(graph, output, "output"); !s) return s;
  if (Status s = prepare::check_convolution_filter_quantization(graph, filter, 0); !s) return s;
  for (const int32_t index : {input, output}) {
    const int32_t zp = graph.tensor(index).quantization.zero_point();
    if (type == ir::DataType::kInt16 && zp != 0) {
      return Status::unsupported(prepare::describe_tensor(graph, index) +
                                 ": int16 zero point must be 0");
    }
  }
  return check_bias(graph, op, type);
}

// The output_shape operand: int32 [4]; when constant it must be the output's shape.
Status check_output_shape(const ir::Graph& graph, const ir::Operator& op) {
  const int32_t shape = op.inputs[kOutputShape];
  if (Status s = prepare::check_type(graph, shape, ir::DataType::kInt32, "output_shape"); !s)
    return s;
  const ir::Tensor& t = graph.tensor(shape);
  if (t.element_count() != 4) {
    return Status::invalid_input("output_shape " + prepare::describe_tensor(graph, shape) +
                                 ": expected 4 values");
  }
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  const ir::Shape& in = graph.tensor(op.inputs[kInput]).shape;
  const ir::Shape& f = graph.tensor(op.inputs[kFilter]).shape;
  if (out[0] != in[0] || out[3] != f[0] || in[3] != f[3]) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                                 ": batch must be the input's and depth the filter's " +
                                 std::to_string(f[0]) + "; the filter depth must be the input's");
  }
  if (t.data.empty()) return Status::ok();  // a graph input: TFLM uses the output tensor's shape
  ir::Shape values(4);
  std::memcpy(values.data(), t.data.data(), 4 * sizeof(int32_t));
  if (values != out) {
    return Status::invalid_input("output_shape " + ir::shape_to_string(values) +
                                 " differs from output " +
                                 prepare::describe_tensor(graph, op.outputs[0]));
  }
  return Status::ok();
}

}  // namespace

PrepareResult prepare_transpose_conv(const ir::Graph& graph, const ir::Operator& op,
                                     const CpuOptions& /*cpu_options*/) {
  if (Status s = check_operands(graph, op); !s) return s;
  if (Status s = check_output_shape(graph, op); !s) return s;
  const auto* options = std::get_if<ir::TransposeConvOptions>(&op.options);
  if (options == nullptr) return Status::invalid_input("TRANSPOSE_CONV options are missing");
  if (options->stride_h < 1 || options->stride_w < 1) {
    return Status::invalid_input("strides must be >= 1");
  }
  const ir::Tensor& filter = graph.tensor(op.inputs[kFilter]);
  const ir::Tensor& output = graph.tensor(op.outputs[0]);
  if (output.element_count() * 8 > kMaxKernelScratchBytes) {
    return Status::unsupported("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                               ": too large for the accumulator scratch");
  }
  const ir::Quantization& in_q = graph.tensor(op.inputs[kInput]).quantization;
  const ir::Quantization& out_q = output.quantization;
  std::vector<kernels::QuantizedMultiplier> multipliers;
  const std::vector<float>& scales = filter.quantization.scales;
  for (int32_t c = 0; c < filter.shape[0]; ++c) {
    const float filter_scale = scales[scales.size() > 1 ? static_cast<size_t>(c) : 0];
    multipliers.push_back(kernels::quantize_multiplier(
        prepare::per_channel_scale_ratio(in_q.scale(), filter_scale, out_q.scale())));
  }
  const ir::DataType type = output.type;
  const bool wide = type == ir::DataType::kInt16;
  for (const kernels::QuantizedMultiplier& m : multipliers) {
    if (Status s = prepare::check_multiplier_range(m, "output"); !s) return s;
  }
  if (wide) {
    if (Status s = prepare::check_64bit_requantization(multipliers); !s) return s;
  }
  kernels::ConvParams params;
  params.input_offset = -in_q.zero_point();
  params.output_offset = out_q.zero_point();
  params.stride_h = options->stride_h;
  params.stride_w = options->stride_w;
  const int32_t out_h = output.shape[1];
  const int32_t out_w = output.shape[2];
  params.pad_top = prepare::compute_padding(
      options->stride_h, 1, out_h, filter.shape[1],
      prepare::compute_out_size(options->padding, out_h, filter.shape[1], options->stride_h, 1));
  params.pad_left = prepare::compute_padding(
      options->stride_w, 1, out_w, filter.shape[2],
      prepare::compute_out_size(options->padding, out_w, filter.shape[2], options->stride_w, 1));
  const prepare::ActivationRange range = prepare::quantized_activation_range(
      options->activation, type, out_q.scale(), out_q.zero_point());
  params.activation_min = range.min;
  params.activation_max = range.max;
  return std::unique_ptr<CpuOp>(
      std::make_unique<TransposeConvOp>(op, params, std::move(multipliers), graph));
}

}  // namespace vnpu::driver::cpu
