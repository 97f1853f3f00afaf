// AVERAGE_POOL_2D and MAX_POOL_2D on int8 or int16 NHWC tensors. Prepare mirrors TFLM
// pooling_common.cc PoolingPrepare: padding from ComputePaddingHeightWidth
// (dilation 1), input and output quantization equal (scales within 1e-6,
// same zero point), activation range of the output; eval runs
// kernels::s8_average_pool2d or kernels::s8_max_pool2d.
#include <cmath>
#include <memory>
#include <string>
#include <variant>

#include "driver/cpu/ops.h"
#include "ir/window_geometry.h"
#include "kernels/pooling.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

template <typename T>
using PoolKernel = void (*)(const kernels::PoolParams&, const kernels::Dims&, const T*,
                            const kernels::Dims&, T*);

template <typename T>
class PoolOp final : public CpuOp {
 public:
  PoolOp(PoolKernel<T> kernel, const kernels::PoolParams& params, const ir::Operator& op,
         const ir::Graph& graph)
      : kernel_(kernel),
        params_(params),
        input_(op.inputs[0]),
        output_(op.outputs[0]),
        input_dims_(kernels::Dims::from(graph.tensor(input_).shape)),
        output_dims_(kernels::Dims::from(graph.tensor(output_).shape)) {}

  Status eval(const TensorMemory& memory) const override {
    kernel_(params_, input_dims_, memory.get<const T>(input_), output_dims_,
            memory.get<T>(output_));
    return Status::ok();
  }

 private:
  PoolKernel<T> kernel_;
  kernels::PoolParams params_;
  int32_t input_, output_;
  kernels::Dims input_dims_, output_dims_;
};

Status check_quantization(const ir::Graph& graph, int32_t input, int32_t output) {
  if (Status s = prepare::check_per_tensor_quantized(graph, input, "input"); !s) return s;
  if (Status s = prepare::check_per_tensor_quantized(graph, output, "output"); !s) return s;
  const ir::Quantization& in_q = graph.tensor(input).quantization;
  const ir::Quantization& out_q = graph.tensor(output).quantization;
  const double scale_diff =
      std::abs(static_cast<double>(in_q.scale()) - static_cast<double>(out_q.scale()));
  if (scale_diff <= 1.0e-6 && in_q.zero_point() == out_q.zero_point()) return Status::ok();
  return Status::unsupported("output " + prepare::describe_tensor(graph, output) + ": scale " +
                             std::to_string(out_q.scale()) + " and zero point " +
                             std::to_string(out_q.zero_point()) + " must equal the input's (" +
                             std::to_string(in_q.scale()) + ", " +
                             std::to_string(in_q.zero_point()) + ")");
}

PrepareResult prepare_pool(const ir::Graph& graph, const ir::Operator& op,
                           PoolKernel<int8_t> s8_kernel, PoolKernel<int16_t> s16_kernel) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  const int32_t input = op.inputs[0];
  const int32_t output = op.outputs[0];
  const ir::DataType type = graph.tensor(input).type;
  if (type != ir::DataType::kInt16) {
    if (Status s = prepare::check_type(graph, input, ir::DataType::kInt8, "input"); !s) return s;
  }
  if (Status s = prepare::check_type(graph, output, type, "output"); !s) return s;
  if (Status s = prepare::check_rank(graph, input, 4, "input"); !s) return s;
  if (Status s = prepare::check_rank(graph, output, 4, "output"); !s) return s;
  if (Status s = check_quantization(graph, input, output); !s) return s;
  const auto* options = std::get_if<ir::Pool2dOptions>(&op.options);
  if (options == nullptr) return Status::invalid_input("pooling options are missing");
  if (options->stride_h < 1 || options->stride_w < 1 || options->filter_h < 1 ||
      options->filter_w < 1) {
    return Status::invalid_input("strides and filter sizes must be >= 1, got stride " +
                                 std::to_string(options->stride_h) + "x" +
                                 std::to_string(options->stride_w) + " filter " +
                                 std::to_string(options->filter_h) + "x" +
                                 std::to_string(options->filter_w));
  }
  if (Status s = ir::check_window_geometry(graph, op); !s) return s;
  const ir::Shape& in = graph.tensor(input).shape;
  const int32_t out_h =
      prepare::compute_out_size(options->padding, in[1], options->filter_h, options->stride_h, 1);
  const int32_t out_w =
      prepare::compute_out_size(options->padding, in[2], options->filter_w, options->stride_w, 1);
  const ir::Shape expected = {in[0], out_h, out_w, in[3]};
  if (graph.tensor(output).shape != expected || out_h <= 0 || out_w <= 0) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, output) +
                                 ": expected " + ir::shape_to_string(expected) + " for " +
                                 ir::padding_name(options->padding) + " padding");
  }
  const ir::Quantization& out_q = graph.tensor(output).quantization;
  kernels::PoolParams params;
  params.stride_h = options->stride_h;
  params.stride_w = options->stride_w;
  params.filter_h = options->filter_h;
  params.filter_w = options->filter_w;
  params.pad_top = prepare::compute_padding(options->stride_h, 1, in[1], options->filter_h, out_h);
  params.pad_left = prepare::compute_padding(options->stride_w, 1, in[2], options->filter_w, out_w);
  const prepare::ActivationRange range = prepare::quantized_activation_range(
      options->activation, type, out_q.scale(), out_q.zero_point());
  params.activation_min = range.min;
  params.activation_max = range.max;
  if (type == ir::DataType::kInt16) {
    return std::unique_ptr<CpuOp>(
        std::make_unique<PoolOp<int16_t>>(s16_kernel, params, op, graph));
  }
  return std::unique_ptr<CpuOp>(std::make_unique<PoolOp<int8_t>>(s8_kernel, params, op, graph));
}

}  // namespace

PrepareResult prepare_average_pool2d(const ir::Graph& graph, const ir::Operator& op,
                                     const CpuOptions& /*cpu_options*/) {
  return prepare_pool(graph, op, kernels::s8_average_pool2d, kernels::s16_average_pool2d);
}

PrepareResult prepare_max_pool2d(const ir::Graph& graph, const ir::Operator& op,
                                 const CpuOptions& /*cpu_options*/) {
  return prepare_pool(graph, op, kernels::s8_max_pool2d, kernels::s16_max_pool2d);
}

}  // namespace vnpu::driver::cpu
