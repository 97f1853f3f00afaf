// SELECT_V2 and SELECT: a bool condition picks x or y, as TFLM select.cc
// (int8, int16 and float32; int32 too, which TFLite's SELECT has). SELECT_V2
// broadcasts all three shapes; SELECT takes a condition of x's shape or a
// rank-1 condition over x's first dimension (TFLite RankOneSelect).
#include <string>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/compute_op.h"
#include "driver/cpu/ops/elementwise_op_support.h"
#include "kernels/select.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

using ir::DataType;

// The TFLite broadcast of two shapes, or false when they do not broadcast.
bool broadcast_shape(const ir::Shape& a, const ir::Shape& b, ir::Shape* out) {
  const size_t rank = a.size() > b.size() ? a.size() : b.size();
  out->assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    const int32_t da = i + a.size() >= rank ? a[i + a.size() - rank] : 1;
    const int32_t db = i + b.size() >= rank ? b[i + b.size() - rank] : 1;
    if (da != db && da != 1 && db != 1) return false;
    (*out)[i] = da == 1 ? db : da;
  }
  return true;
}

// The condition shape the kernel broadcasts; SELECT's rank-1 condition over
// the first dimension becomes [n, 1, ..., 1].
Expected<ir::Shape> condition_shape(const ir::Graph& graph, const ir::Operator& op) {
  const ir::Shape& condition = graph.tensor(op.inputs[0]).shape;
  const ir::Shape& x = graph.tensor(op.inputs[1]).shape;
  const ir::Shape& y = graph.tensor(op.inputs[2]).shape;
  if (op.type == ir::OpType::kSelectV2 || condition == x) return condition;
  if (condition.size() == 1 && !x.empty() && condition[0] == x[0] && x == y) {
    ir::Shape expanded(x.size(), 1);
    expanded[0] = x[0];
    return expanded;
  }
  return Status::invalid_input("condition " + prepare::describe_tensor(graph, op.inputs[0]) +
                               ": SELECT needs the shape of x or a rank-1 condition over "
                               "x's first dimension");
}

Status check_select_shapes(const ir::Graph& graph, const ir::Operator& op,
                           const ir::Shape& condition) {
  ir::Shape xy;
  ir::Shape all;
  if (!broadcast_shape(graph.tensor(op.inputs[1]).shape, graph.tensor(op.inputs[2]).shape, &xy) ||
      !broadcast_shape(condition, xy, &all)) {
    return Status::invalid_input("condition, x and y (" +
                                 prepare::describe_tensor(graph, op.inputs[0]) + ", " +
                                 prepare::describe_tensor(graph, op.inputs[1]) + ", " +
                                 prepare::describe_tensor(graph, op.inputs[2]) +
                                 ") do not broadcast");
  }
  if (graph.tensor(op.outputs[0]).shape == all) return Status::ok();
  return Status::invalid_input("output " + prepare::describe_tensor(graph, op.outputs[0]) +
                               ": expected the broadcast shape " + ir::shape_to_string(all));
}

template <typename T>
PrepareResult select_op(const ir::Operator& op, const kernels::Dims& condition_dims,
                        const kernels::Dims& x_dims, const kernels::Dims& y_dims,
                        const kernels::Dims& output_dims) {
  const int32_t c = op.inputs[0];
  const int32_t x = op.inputs[1];
  const int32_t y = op.inputs[2];
  const int32_t out = op.outputs[0];
  return make_compute_op([=](const TensorMemory& m) {
    kernels::select(condition_dims, m.get<const bool>(c), x_dims, m.get<const T>(x), y_dims,
                    m.get<const T>(y), output_dims, m.get<T>(out));
  });
}

}  // namespace

PrepareResult prepare_select(const ir::Graph& graph, const ir::Operator& op, const CpuOptions&) {
  if (Status s = prepare::check_operand_counts(op, 3, 3, 1); !s) return s;
  if (Status s = prepare::check_type(graph, op.inputs[0], DataType::kBool, "condition"); !s) {
    return s;
  }
  if (Status s = check_type_like(graph, op.inputs[2], "y", op.inputs[1]); !s) return s;
  if (Status s = check_type_like(graph, op.outputs[0], "output", op.inputs[1]); !s) return s;
  const Expected<ir::Shape> condition = condition_shape(graph, op);
  if (!condition) return condition.status();
  if (Status s = check_select_shapes(graph, op, *condition); !s) return s;
  const auto x_dims = prepare::kernel_dims(graph, op.inputs[1], "x");
  if (!x_dims) return x_dims.status();
  const auto y_dims = prepare::kernel_dims(graph, op.inputs[2], "y");
  if (!y_dims) return y_dims.status();
  const auto out_dims = prepare::kernel_dims(graph, op.outputs[0], "output");
  if (!out_dims) return out_dims.status();
  if (condition->size() > static_cast<size_t>(kernels::Dims::kMaxRank)) {
    return Status::invalid_input("condition " + prepare::describe_tensor(graph, op.inputs[0]) +
                                 ": rank above " + std::to_string(kernels::Dims::kMaxRank));
  }
  const kernels::Dims c_dims = kernels::Dims::from(*condition);
  switch (graph.tensor(op.inputs[1]).type) {
    case DataType::kInt8: return select_op<int8_t>(op, c_dims, *x_dims, *y_dims, *out_dims);
    case DataType::kInt16: return select_op<int16_t>(op, c_dims, *x_dims, *y_dims, *out_dims);
    case DataType::kInt32: return select_op<int32_t>(op, c_dims, *x_dims, *y_dims, *out_dims);
    case DataType::kFloat32: return select_op<float>(op, c_dims, *x_dims, *y_dims, *out_dims);
    default:
      return unsupported_type(graph, op.inputs[1], "x", "SELECT",
                              "int8, int16, int32 and float32");
  }
}

}  // namespace vnpu::driver::cpu
