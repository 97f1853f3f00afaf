// Small graph-editing helpers (the compiler's passes and support rules use them): who reads a
// tensor, is it a graph output, rerouting readers, erasing operators, adding tensors.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace vnpu::ir {

// A use of a tensor: operator `op` reads it as input number `input`.
struct TensorUse {
  size_t op = 0;
  size_t input = 0;
};

std::vector<TensorUse> tensor_uses(const ir::Graph& graph, int32_t tensor);
bool is_graph_output(const ir::Graph& graph, int32_t tensor);
bool is_graph_input(const ir::Graph& graph, int32_t tensor);

// The index of the operator writing `tensor`, or -1.
int64_t producer_of(const ir::Graph& graph, int32_t tensor);

// Every operator input reading `from` reads `to` instead.
void replace_uses(ir::Graph& graph, int32_t from, int32_t to);

// Erases the operators whose flag is set, keeping the order of the rest.
void erase_operators(ir::Graph& graph, const std::vector<bool>& erase);

// The fused-activation field of CONV_2D, DEPTHWISE_CONV_2D, pools,
// FULLY_CONNECTED, ADD, SUB and MUL; nullptr for other operators.
ir::FusedActivation* fused_activation_field(ir::Operator& op);

// Constant int32 or int64 tensor values; empty when the tensor is not such a constant.
std::vector<int64_t> constant_integers(const ir::Tensor& tensor);

// Appends a tensor and returns its index.
int32_t add_tensor(ir::Graph& graph, ir::Tensor tensor);

// Appends a constant int32 vector tensor (begin, size, shape operands) and returns its index.
int32_t add_int32_constant(ir::Graph& graph, const std::string& name,
                           const std::vector<int64_t>& values);

}  // namespace vnpu::ir
