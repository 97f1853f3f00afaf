// Operand checks shared by the element-wise, comparison, selection and
// reduction CPU operators (comparison_op.cc, maximum_minimum_op.cc, ...).
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "ir/graph.h"
#include "kernels/dims.h"
#include "kernels/prepare/elementwise_support.h"
#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu {

// unsupported: "<role> 'name' [..] type: <what> supports <supported>".
inline Status unsupported_type(const ir::Graph& graph, int32_t index, const char* role,
                               const char* what, const char* supported) {
  return Status::unsupported(std::string(role) + " " +
                             kernels::prepare::describe_tensor(graph, index) + ": " + what +
                             " supports " + supported);
}

// invalid_input unless tensor `index` has the type of tensor `like`.
inline Status check_type_like(const ir::Graph& graph, int32_t index, const char* role,
                              int32_t like) {
  return kernels::prepare::check_type(graph, index, graph.tensor(like).type, role);
}

// The shapes of a broadcasting binary operator (inputs 0 and 1, output 0),
// checked: the output has the broadcast shape, ranks at most Dims::kMaxRank.
struct BinaryDims {
  kernels::Dims input1;
  kernels::Dims input2;
  kernels::Dims output;
};

inline Expected<BinaryDims> binary_dims(const ir::Graph& graph, const ir::Operator& op) {
  namespace prepare = kernels::prepare;
  if (Status s = prepare::check_broadcast_output(graph, op.inputs[0], op.inputs[1], op.outputs[0]);
      !s) {
    return s;
  }
  const auto in1 = prepare::kernel_dims(graph, op.inputs[0], "input 1");
  if (!in1) return in1.status();
  const auto in2 = prepare::kernel_dims(graph, op.inputs[1], "input 2");
  if (!in2) return in2.status();
  const auto out = prepare::kernel_dims(graph, op.outputs[0], "output");
  if (!out) return out.status();
  return BinaryDims{*in1, *in2, *out};
}

}  // namespace vnpu::driver::cpu
