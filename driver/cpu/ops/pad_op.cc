// PAD and PADV2 on int8 or int16 tensors of rank <= 5 with constant int32 paddings
// [rank, 2]. Prepare mirrors TFLM pad_common.cc PadPrepare: output shape =
// input + paddings; PAD pads with the output zero point; PADV2's scalar
// constant must share the output's scale and zero point and its raw value is
// the pad value. TFLM copies the input bytes without requantizing, so we also
// require input and output quantization to be equal (as TensorFlow Lite does).
// Eval runs kernels::s8_pad.
#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "driver/cpu/ops.h"
#include "kernels/pad.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

template <typename T>
class PadOp final : public CpuOp {
 public:
  PadOp(const kernels::PadParams& params, const ir::Operator& op, const ir::Graph& graph)
      : params_(params),
        input_(op.inputs[0]),
        output_(op.outputs[0]),
        input_dims_(kernels::Dims::from(graph.tensor(input_).shape)),
        output_dims_(kernels::Dims::from(graph.tensor(output_).shape)) {}

  Status eval(const TensorMemory& memory) const override {
    if constexpr (sizeof(T) == 2) {
      kernels::s16_pad(params_, input_dims_, memory.get<const T>(input_), output_dims_,
                       memory.get<T>(output_));
    } else {
      kernels::s8_pad(params_, input_dims_, memory.get<const T>(input_), output_dims_,
                      memory.get<T>(output_));
    }
    return Status::ok();
  }

 private:
  kernels::PadParams params_;
  int32_t input_, output_;
  kernels::Dims input_dims_, output_dims_;
};

Status check_operands(const ir::Graph& graph, const ir::Operator& op) {
  if (Status s = prepare::check_operand_counts(op, 2, 3, 1); !s) return s;
  const int32_t input = op.inputs[0];
  const int32_t paddings = op.inputs[1];
  const int32_t output = op.outputs[0];
  const ir::DataType type = graph.tensor(input).type;
  if (type != ir::DataType::kInt16) {
    if (Status s = prepare::check_type(graph, input, ir::DataType::kInt8, "input"); !s) return s;
  }
  if (Status s = prepare::check_type(graph, output, type, "output"); !s) return s;
  if (Status s = prepare::check_type(graph, paddings, ir::DataType::kInt32, "paddings"); !s)
    return s;
  if (Status s = prepare::check_constant(graph, paddings, "paddings"); !s) return s;
  if (Status s = prepare::check_per_tensor_quantized(graph, input, "input"); !s) return s;
  if (Status s = prepare::check_per_tensor_quantized(graph, output, "output"); !s) return s;
  const ir::Quantization& in_q = graph.tensor(input).quantization;
  const ir::Quantization& out_q = graph.tensor(output).quantization;
  if (in_q.scale() != out_q.scale() || in_q.zero_point() != out_q.zero_point()) {
    return Status::unsupported("output " + prepare::describe_tensor(graph, output) +
                               ": quantization differs from input " +
                               prepare::describe_tensor(graph, input) + " (padding copies bytes)");
  }
  const size_t rank = graph.tensor(input).shape.size();
  if (rank > static_cast<size_t>(kernels::kMaxPadRank)) {
    return Status::unsupported("input " + prepare::describe_tensor(graph, input) + ": rank above " +
                               std::to_string(kernels::kMaxPadRank));
  }
  if (graph.tensor(paddings).shape != ir::Shape{static_cast<int32_t>(rank), 2}) {
    return Status::invalid_input("paddings " + prepare::describe_tensor(graph, paddings) +
                                 ": expected shape [" + std::to_string(rank) + ",2]");
  }
  return Status::ok();
}

// PADV2's constant: one value of the output's type, quantized like the output.
Status read_constant(const ir::Graph& graph, int32_t constant, int32_t output, int32_t* value) {
  const ir::DataType type = graph.tensor(output).type;
  if (Status s = prepare::check_type(graph, constant, type, "constant"); !s) return s;
  if (Status s = prepare::check_constant(graph, constant, "constant"); !s) return s;
  const ir::Tensor& t = graph.tensor(constant);
  if (t.element_count() != 1) {
    return Status::invalid_input("constant " + prepare::describe_tensor(graph, constant) +
                                 ": expected one value");
  }
  const ir::Quantization& q = t.quantization;
  const ir::Quantization& out_q = graph.tensor(output).quantization;
  if (q.zero_point() != out_q.zero_point() || q.scale() != out_q.scale()) {
    return Status::unsupported("constant " + prepare::describe_tensor(graph, constant) +
                               ": scale and zero point must equal the output's");
  }
  if (type == ir::DataType::kInt16) {
    int16_t raw = 0;
    std::memcpy(&raw, t.data.data(), sizeof(raw));
    *value = raw;
  } else {
    *value = static_cast<int8_t>(t.data[0]);
  }
  return Status::ok();
}

}  // namespace

PrepareResult prepare_pad(const ir::Graph& graph, const ir::Operator& op,
                          const CpuOptions& /*cpu_options*/) {
  if (Status s = check_operands(graph, op); !s) return s;
  const ir::Shape& in = graph.tensor(op.inputs[0]).shape;
  const ir::Tensor& paddings = graph.tensor(op.inputs[1]);
  kernels::PadParams params;
  ir::Shape expected;
  for (size_t d = 0; d < in.size(); ++d) {
    int32_t before = 0, after = 0;
    std::memcpy(&before, paddings.data.data() + d * 8, sizeof(before));
    std::memcpy(&after, paddings.data.data() + d * 8 + 4, sizeof(after));
    if (before < 0 || after < 0) {
      return Status::invalid_input("paddings " + prepare::describe_tensor(graph, op.inputs[1]) +
                                   ": dimension " + std::to_string(d) + " has negative padding " +
                                   std::to_string(before) + "," + std::to_string(after));
    }
    const int64_t padded = int64_t{in[d]} + before + after;
    if (padded > INT32_MAX) {
      return Status::invalid_input("paddings " + prepare::describe_tensor(graph, op.inputs[1]) +
                                   ": dimension " + std::to_string(d) + " padded to " +
                                   std::to_string(padded) + ", beyond 2^31 - 1");
    }
    params.left[d] = before;
    params.right[d] = after;
    expected.push_back(static_cast<int32_t>(padded));
  }
  if (graph.tensor(op.outputs[0]).shape != expected) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                                 ": expected " + ir::shape_to_string(expected));
  }
  const int32_t constant = op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor;
  if (constant != ir::kNoTensor) {
    if (Status s = read_constant(graph, constant, op.outputs[0], &params.pad_value); !s) return s;
  } else if (graph.tensor(op.outputs[0]).type == ir::DataType::kInt16) {
    params.pad_value = 0;  // TFLM's int16 PAD pads with 0, not the zero point
  } else {
    const int32_t zp = graph.tensor(op.outputs[0]).quantization.zero_point();
    if (zp < -128 || zp > 127) {
      return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                                   ": zero point " + std::to_string(zp) + " outside int8");
    }
    params.pad_value = zp;
  }
  if (graph.tensor(op.outputs[0]).type == ir::DataType::kInt16) {
    return std::unique_ptr<CpuOp>(std::make_unique<PadOp<int16_t>>(params, op, graph));
  }
  return std::unique_ptr<CpuOp>(std::make_unique<PadOp<int8_t>>(params, op, graph));
}

}  // namespace vnpu::driver::cpu
