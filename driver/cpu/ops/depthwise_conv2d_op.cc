// DEPTHWISE_CONV_2D: int8 input and output, int8 filter [1,KH,KW,Cin*M]
// quantized per tensor or per output channel (axis 3), optional constant
// int32 bias. Prepare mirrors TFLM depthwise_conv_common.cc (padding from
// ComputePaddingHeightWidth; per-channel multipliers from double(input_scale)
// * double(filter_scale) / double(output_scale); the depth multiplier of the
// options, which must agree with the shapes); eval runs
// kernels::s8_depthwise_conv2d (or its fast variant). int16 input and output
// (zero point 0) with an int64 bias run kernels::s16_depthwise_conv2d.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/input_limits.h"
#include "driver/cpu/ops.h"
#include "driver/cpu/ops/scratch_buffer.h"
#include "driver/cpu/ops/weighted_s16_op.h"
#include "ir/window_geometry.h"
#include "kernels/depthwise_conv2d.h"
#include "kernels/optimized/depthwise_conv2d_fast.h"
#include "kernels/prepare/convolution_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

class DepthwiseConv2dOp final : public CpuOp {
 public:
  DepthwiseConv2dOp(const ir::Operator& op, const kernels::DepthwiseConvParams& params,
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
    packed_ = kernels::pack_s8_depthwise_conv2d_filter(params_, filter_dims_, filter);
    const size_t scratch_bytes =
        kernels::s8_depthwise_conv2d_fast_scratch_bytes(params_, *packed_, output_dims_);
    if (scratch_bytes > static_cast<size_t>(kMaxKernelScratchBytes)) {
      packed_.reset();  // the reference kernel needs no scratch
      return;
    }
    scratch_.resize(scratch_bytes);
  }

  Status eval(const TensorMemory& memory) const override {
    if (packed_) {
      kernels::s8_depthwise_conv2d_fast(
          params_, multipliers_.data(), input_dims_, memory.get<const int8_t>(input_), filter_dims_,
          memory.get<const int8_t>(filter_),
          bias_ == ir::kNoTensor ? nullptr : memory.get<const int32_t>(bias_), output_dims_,
          memory.get<int8_t>(output_), *packed_, scratch_.data());
      return Status::ok();
    }
    kernels::s8_depthwise_conv2d(
        params_, multipliers_.data(), input_dims_, memory.get<const int8_t>(input_), filter_dims_,
        memory.get<const int8_t>(filter_),
        bias_ == ir::kNoTensor ? nullptr : memory.get<const int32_t>(bias_), output_dims_,
        memory.get<int8_t>(output_));
    return Status::ok();
  }

 private:
  kernels::DepthwiseConvParams params_;
  std::vector<kernels::QuantizedMultiplier> multipliers_;
  int32_t input_, filter_, bias_, output_;
  kernels::Dims input_dims_, filter_dims_, output_dims_;
  std::optional<kernels::PackedDepthwiseFilter> packed_;  // set when the fast kernel runs
  mutable ScratchBuffer scratch_;
};

// The 16x8 variant: int16 activations, int64 bias, reference kernel only.
// TFLM's int16 kernel reads the bias as int64 and accumulates in int64.
Status check_16x8_operands(const ir::Graph& graph, const ir::Operator& op,
                           const std::vector<kernels::QuantizedMultiplier>& multipliers) {
  if (op.inputs.size() > 2 && op.inputs[2] != ir::kNoTensor) {
    if (Status s = prepare::check_type(graph, op.inputs[2], ir::DataType::kInt64, "bias"); !s) {
      return s.with_context("int16 DEPTHWISE_CONV_2D");
    }
  }
  return prepare::check_64bit_requantization(multipliers);
}

Status check_shapes(const ir::Graph& graph, const ir::Operator& op,
                    const ir::DepthwiseConv2dOptions& options) {
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& f = graph.tensor(op.inputs[1]).shape;
  if (options.stride_h < 1 || options.stride_w < 1 || options.dilation_h < 1 ||
      options.dilation_w < 1 || options.depth_multiplier < 1) {
    return Status::invalid_input("strides, dilations and depth multiplier must be >= 1");
  }
  if (Status s = ir::check_window_geometry(graph, op); !s) return s;
  const int64_t filter_depth = int64_t{in[3]} * options.depth_multiplier;
  if (f[0] != 1 || f[3] != filter_depth) {
    return Status::invalid_input(
        "filter " + prepare::describe_tensor(graph, op.inputs[1]) + ": expected [1,KH,KW," +
        std::to_string(filter_depth) + "] for input depth " + std::to_string(in[3]) +
        " and depth multiplier " + std::to_string(options.depth_multiplier));
  }
  const int32_t out_h =
      prepare::compute_out_size(options.padding, in[1], f[1], options.stride_h, options.dilation_h);
  const int32_t out_w =
      prepare::compute_out_size(options.padding, in[2], f[2], options.stride_w, options.dilation_w);
  const ir::Shape expected = {in[0], out_h, out_w, f[3]};
  if (graph.tensor(op.outputs[0]).shape != expected || out_h <= 0 || out_w <= 0) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                                 ": expected " + ir::shape_to_string(expected) + " for " +
                                 ir::padding_name(options.padding) + " padding");
  }
  return Status::ok();
}

}  // namespace

PrepareResult prepare_depthwise_conv2d(const ir::Graph& graph, const ir::Operator& op,
                                       const CpuOptions& cpu_options) {
  if (Status s = prepare::check_convolution_operands(graph, op, 3); !s) return s;
  const auto* options = std::get_if<ir::DepthwiseConv2dOptions>(&op.options);
  if (options == nullptr) return Status::invalid_input("DEPTHWISE_CONV_2D options are missing");
  if (Status s = prepare::check_convolution_filter_quantization(graph, op.inputs[1], 3); !s)
    return s;
  if (Status s = check_shapes(graph, op, *options); !s) return s;

  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& f = graph.tensor(op.inputs[1]).shape;
  const ir::Shape& out = graph.tensor(op.outputs[0]).shape;
  const ir::Quantization& in_q = graph.tensor(op.inputs[0]).quantization;
  const ir::Quantization& out_q = graph.tensor(op.outputs[0]).quantization;
  auto multipliers = prepare::per_channel_multipliers(graph, op, 3);
  if (!multipliers) return multipliers.status();

  kernels::DepthwiseConvParams params;
  params.input_offset = -in_q.zero_point();
  params.output_offset = out_q.zero_point();
  params.stride_h = options->stride_h;
  params.stride_w = options->stride_w;
  params.dilation_h = options->dilation_h;
  params.dilation_w = options->dilation_w;
  params.depth_multiplier = options->depth_multiplier;
  params.pad_top =
      prepare::compute_padding(options->stride_h, options->dilation_h, in[1], f[1], out[1]);
  params.pad_left =
      prepare::compute_padding(options->stride_w, options->dilation_w, in[2], f[2], out[2]);
  const ir::DataType type = graph.tensor(op.inputs[0]).type;
  const prepare::ActivationRange range = prepare::quantized_activation_range(
      options->activation, type, out_q.scale(), out_q.zero_point());
  params.activation_min = range.min;
  params.activation_max = range.max;
  if (type == ir::DataType::kInt16) {
    if (Status s = check_16x8_operands(graph, op, *multipliers); !s) return s;
    return WeightedS16Op<kernels::DepthwiseConvParams>::create(
        graph, op, params, std::move(*multipliers), kernels::s16_depthwise_conv2d);
  }
  return std::unique_ptr<CpuOp>(std::make_unique<DepthwiseConv2dOp>(
      op, params, std::move(*multipliers), graph, cpu_options.kernels == KernelChoice::kFast));
}

}  // namespace vnpu::driver::cpu
