// BATCH_MATMUL on int8 or int16 tensors of rank 2..5 (TFLM batch_matmul.cc
// BatchMatMulPrepare): both operands and the output of one type; the
// multiplier from GetQuantizedConvolutionMultipler (the scale product in
// float, then double); the batch dimensions must broadcast and the inner ones
// agree; the output has the broadcast batch dimensions and [M, N]; int16 zero
// points must be 0. Either operand may be constant. Eval runs
// kernels::s8_batch_matmul or kernels::s16_batch_matmul.
#include <algorithm>
#include <memory>
#include <string>
#include <variant>

#include "driver/cpu/ops.h"
#include "kernels/batch_matmul.h"
#include "kernels/prepare/convolution_support.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

template <typename T>
class BatchMatmulOp final : public CpuOp {
 public:
  BatchMatmulOp(const kernels::BatchMatmulParams& params, const ir::Operator& op)
      : params_(params), lhs_(op.inputs[0]), rhs_(op.inputs[1]), output_(op.outputs[0]) {}

  Status eval(const TensorMemory& memory) const override {
    if constexpr (sizeof(T) == 2) {
      kernels::s16_batch_matmul(params_, memory.get<const T>(lhs_), memory.get<const T>(rhs_),
                                memory.get<T>(output_));
    } else {
      kernels::s8_batch_matmul(params_, memory.get<const T>(lhs_), memory.get<const T>(rhs_),
                               memory.get<T>(output_));
    }
    return Status::ok();
  }

 private:
  kernels::BatchMatmulParams params_;
  int32_t lhs_, rhs_, output_;
};

Status check_operands(const ir::Graph& graph, const ir::Operator& op) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  const ir::DataType type = graph.tensor(op.inputs[0]).type;
  if (type != ir::DataType::kInt16) {
    if (Status s = prepare::check_type(graph, op.inputs[0], ir::DataType::kInt8, "lhs"); !s)
      return s;
  }
  if (Status s = prepare::check_type(graph, op.inputs[1], type, "rhs"); !s) return s;
  if (Status s = prepare::check_type(graph, op.outputs[0], type, "output"); !s) return s;
  const char* roles[] = {"lhs", "rhs", "output"};
  const int32_t tensors[] = {op.inputs[0], op.inputs[1], op.outputs[0]};
  for (int i = 0; i < 3; ++i) {
    const auto q = prepare::per_tensor_quantization(graph, tensors[i], roles[i]);
    if (!q) return q.status();
    if (type == ir::DataType::kInt16 && q->zero_point != 0) {
      return Status::unsupported(std::string(roles[i]) + " " +
                                 prepare::describe_tensor(graph, tensors[i]) +
                                 ": int16 zero point must be 0");
    }
    const size_t rank = graph.tensor(tensors[i]).shape.size();
    if (i < 2 && (rank < 2 || rank > static_cast<size_t>(kernels::kBatchMatmulRank))) {
      return Status::unsupported(std::string(roles[i]) + " " +
                                 prepare::describe_tensor(graph, tensors[i]) +
                                 ": rank must be 2 to 5");
    }
  }
  return Status::ok();
}

// The output shape TFLM's ReshapeOutputTensor computes, or an error.
Expected<ir::Shape> expected_output_shape(const ir::Graph& graph, const ir::Operator& op,
                                          const kernels::BatchMatmulParams& p) {
  const size_t rank =
      std::max(graph.tensor(op.inputs[0]).shape.size(), graph.tensor(op.inputs[1]).shape.size());
  ir::Shape shape;
  for (size_t d = kernels::kBatchMatmulRank - rank; d < 3; ++d) {
    const int32_t l = p.lhs_shape[d];
    const int32_t r = p.rhs_shape[d];
    if (l != r && l != 1 && r != 1) {
      return Status::invalid_input(
          "batch dimensions of " + prepare::describe_tensor(graph, op.inputs[0]) + " and " +
          prepare::describe_tensor(graph, op.inputs[1]) + " do not broadcast");
    }
    shape.push_back(l == 1 ? r : l);
  }
  const int32_t lhs_depth = p.adj_x ? p.lhs_shape[3] : p.lhs_shape[4];
  const int32_t rhs_depth = p.adj_y ? p.rhs_shape[4] : p.rhs_shape[3];
  if (lhs_depth != rhs_depth) {
    return Status::invalid_input("inner dimensions differ: " + std::to_string(lhs_depth) +
                                 " (lhs) and " + std::to_string(rhs_depth) + " (rhs)");
  }
  shape.push_back(p.adj_x ? p.lhs_shape[4] : p.lhs_shape[3]);
  shape.push_back(p.adj_y ? p.rhs_shape[3] : p.rhs_shape[4]);
  return shape;
}

}  // namespace

PrepareResult prepare_batch_matmul(const ir::Graph& graph, const ir::Operator& op,
                                   const CpuOptions& /*cpu_options*/) {
  if (Status s = check_operands(graph, op); !s) return s;
  const auto* options = std::get_if<ir::BatchMatmulOptions>(&op.options);
  kernels::BatchMatmulParams params;
  params.adj_x = options != nullptr && options->adj_x;
  params.adj_y = options != nullptr && options->adj_y;
  params.lhs_shape =
      kernels::extend_to_rank5(kernels::Dims::from(graph.tensor(op.inputs[0]).shape));
  params.rhs_shape =
      kernels::extend_to_rank5(kernels::Dims::from(graph.tensor(op.inputs[1]).shape));
  const Expected<ir::Shape> expected = expected_output_shape(graph, op, params);
  if (!expected) return expected.status();
  if (graph.tensor(op.outputs[0]).shape != *expected) {
    return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                                 ": expected " + ir::shape_to_string(*expected));
  }
  const ir::Quantization& lhs_q = graph.tensor(op.inputs[0]).quantization;
  const ir::Quantization& rhs_q = graph.tensor(op.inputs[1]).quantization;
  const ir::Quantization& out_q = graph.tensor(op.outputs[0]).quantization;
  params.lhs_offset = -lhs_q.zero_point();
  params.rhs_offset = -rhs_q.zero_point();
  params.output_offset = out_q.zero_point();
  params.multiplier = kernels::quantize_multiplier(
      prepare::per_tensor_fully_connected_scale_ratio(lhs_q.scale(), rhs_q.scale(), out_q.scale()));
  const bool s16 = graph.tensor(op.inputs[0]).type == ir::DataType::kInt16;
  if (Status s = prepare::check_multiplier_range(params.multiplier, "output"); !s) return s;
  if (s16) {
    if (Status s = prepare::check_64bit_requantization({params.multiplier}); !s) return s;
    return std::unique_ptr<CpuOp>(std::make_unique<BatchMatmulOp<int16_t>>(params, op));
  }
  return std::unique_ptr<CpuOp>(std::make_unique<BatchMatmulOp<int8_t>>(params, op));
}

}  // namespace vnpu::driver::cpu
