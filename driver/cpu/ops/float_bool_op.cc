// The float32-only builtins (CEIL, FLOOR, ROUND, COS, SIN, LOG, SQRT, SQUARE,
// EXP, NEG; FLOOR_DIV and FLOOR_MOD with broadcasting) and the bool-only ones
// (LOGICAL_AND, LOGICAL_OR with broadcasting, LOGICAL_NOT), as TFLM's
// reference kernels run them (kernels/float_bool_math.h). TFLM fails FLOOR_DIV
// on a zero divisor at Invoke; here a constant divisor with a zero is refused
// at prepare, and a computed zero divides as IEEE float does.
#include <cstring>

#include "driver/cpu/ops.h"
#include "driver/cpu/ops/compute_op.h"
#include "driver/cpu/ops/elementwise_op_support.h"
#include "kernels/float_bool_math.h"

namespace vnpu::driver::cpu {

namespace prepare = kernels::prepare;
namespace {

using ir::DataType;
using ir::OpType;

kernels::FloatUnary float_unary_kind(OpType type) {
  switch (type) {
    case OpType::kCeil: return kernels::FloatUnary::kCeil;
    case OpType::kFloor: return kernels::FloatUnary::kFloor;
    case OpType::kRound: return kernels::FloatUnary::kRound;
    case OpType::kCos: return kernels::FloatUnary::kCos;
    case OpType::kSin: return kernels::FloatUnary::kSin;
    case OpType::kLog: return kernels::FloatUnary::kLog;
    case OpType::kSqrt: return kernels::FloatUnary::kSqrt;
    case OpType::kSquare: return kernels::FloatUnary::kSquare;
    case OpType::kExp: return kernels::FloatUnary::kExp;
    default: return kernels::FloatUnary::kNeg;
  }
}

Status check_unary(const ir::Graph& graph, const ir::Operator& op, DataType type) {
  if (Status s = prepare::check_operand_counts(op, 1, 1, 1); !s) return s;
  if (Status s = prepare::check_type(graph, op.inputs[0], type, "input"); !s) return s;
  if (Status s = prepare::check_type(graph, op.outputs[0], type, "output"); !s) return s;
  return prepare::check_same_shape(graph, op.inputs[0], op.outputs[0]);
}

Expected<BinaryDims> check_binary(const ir::Graph& graph, const ir::Operator& op, DataType type) {
  if (Status s = prepare::check_operand_counts(op, 2, 2, 1); !s) return s;
  if (Status s = prepare::check_type(graph, op.inputs[0], type, "input 1"); !s) return s;
  if (Status s = prepare::check_type(graph, op.inputs[1], type, "input 2"); !s) return s;
  if (Status s = prepare::check_type(graph, op.outputs[0], type, "output"); !s) return s;
  return binary_dims(graph, op);
}

Status check_constant_divisor(const ir::Graph& graph, int32_t index) {
  const ir::Tensor& divisor = graph.tensor(index);
  for (int64_t i = 0; divisor.is_constant() && i < divisor.element_count(); ++i) {
    float value = 0.0f;
    std::memcpy(&value, divisor.data.data() + i * 4, sizeof(value));
    if (value == 0.0f) {
      return Status::invalid_input("input 2 " + prepare::describe_tensor(graph, index) +
                                   ": a constant divisor of 0");
    }
  }
  return Status::ok();
}

}  // namespace

PrepareResult prepare_float_unary(const ir::Graph& graph, const ir::Operator& op,
                                  const CpuOptions&) {
  if (Status s = check_unary(graph, op, DataType::kFloat32); !s) return s;
  const auto dims = prepare::kernel_dims(graph, op.inputs[0], "input");
  if (!dims) return dims.status();
  const kernels::FloatUnary kind = float_unary_kind(op.type);
  const int32_t in = op.inputs[0];
  const int32_t out = op.outputs[0];
  const kernels::Dims d = *dims;
  return make_compute_op([=](const TensorMemory& m) {
    kernels::float_unary(kind, d, m.get<const float>(in), m.get<float>(out));
  });
}

PrepareResult prepare_floor_div_mod(const ir::Graph& graph, const ir::Operator& op,
                                    const CpuOptions&) {
  const Expected<BinaryDims> dims = check_binary(graph, op, DataType::kFloat32);
  if (!dims) return dims.status();
  const bool div = op.type == OpType::kFloorDiv;
  if (div) {
    if (Status s = check_constant_divisor(graph, op.inputs[1]); !s) return s;
  }
  const kernels::FloatBinary kind =
      div ? kernels::FloatBinary::kFloorDiv : kernels::FloatBinary::kFloorMod;
  const int32_t in1 = op.inputs[0];
  const int32_t in2 = op.inputs[1];
  const int32_t out = op.outputs[0];
  const BinaryDims d = *dims;
  return make_compute_op([=](const TensorMemory& m) {
    kernels::float_binary(kind, d.input1, m.get<const float>(in1), d.input2,
                          m.get<const float>(in2), d.output, m.get<float>(out));
  });
}

PrepareResult prepare_logical(const ir::Graph& graph, const ir::Operator& op,
                              const CpuOptions&) {
  if (op.type == OpType::kLogicalNot) {
    if (Status s = check_unary(graph, op, DataType::kBool); !s) return s;
    const auto dims = prepare::kernel_dims(graph, op.inputs[0], "input");
    if (!dims) return dims.status();
    const int32_t in = op.inputs[0];
    const int32_t out = op.outputs[0];
    const kernels::Dims d = *dims;
    return make_compute_op([=](const TensorMemory& m) {
      kernels::logical_not(d, m.get<const bool>(in), m.get<bool>(out));
    });
  }
  const Expected<BinaryDims> dims = check_binary(graph, op, DataType::kBool);
  if (!dims) return dims.status();
  const bool and_op = op.type == OpType::kLogicalAnd;
  const int32_t in1 = op.inputs[0];
  const int32_t in2 = op.inputs[1];
  const int32_t out = op.outputs[0];
  const BinaryDims d = *dims;
  return make_compute_op([=](const TensorMemory& m) {
    kernels::logical_binary(and_op, d.input1, m.get<const bool>(in1), d.input2,
                            m.get<const bool>(in2), d.output, m.get<bool>(out));
  });
}

}  // namespace vnpu::driver::cpu
