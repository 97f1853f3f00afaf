// The IR graph: tensors, operators in execution order, graph inputs and outputs.
//
// Invariants (checked by verify_graph in ir/verifier.h):
//  - every tensor index used by an operator or as graph input/output is in range;
//  - operators are topologically ordered: an operator reads only graph inputs,
//    constants, variables or outputs of earlier operators;
//  - each activation tensor has at most one producer; constants are never written;
//  - shapes have non-negative dimensions and constant data has exactly the size
//    its shape and type imply; bool constants hold only 0 and 1;
//  - quantization is empty, per tensor, or per channel with one scale (and zero
//    point) per index of a valid axis; scales are finite and positive;
//  - a window operator's dilated filter plus its input fits int32 along each axis,
//    and a TRANSPOSE_CONV's strided input plus its filter (ir/window_geometry.h),
//    so kernels index without overflow.
#pragma once

#include <string>
#include <vector>

#include "ir/operator.h"
#include "ir/tensor.h"

namespace vnpu::ir {

struct Graph {
  std::string name;
  std::vector<Tensor> tensors;
  std::vector<Operator> operators;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;

  const Tensor& tensor(int32_t index) const { return tensors.at(static_cast<size_t>(index)); }
  Tensor& tensor(int32_t index) { return tensors.at(static_cast<size_t>(index)); }
};

// A model: one or more graphs (subgraph 0 is the entry) plus named metadata buffers.
struct Model {
  std::string description;
  std::vector<Graph> graphs;
  struct Metadata {
    std::string name;
    std::vector<uint8_t> data;
  };
  std::vector<Metadata> metadata;

  const Graph& main_graph() const { return graphs.at(0); }
  Graph& main_graph() { return graphs.at(0); }
};

}  // namespace vnpu::ir
