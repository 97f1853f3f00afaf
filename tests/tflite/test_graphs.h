// Test helper: small hand-built IR models.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace vnpu::tflite::testing {

// Adds tensors and operators to a graph with deterministic contents.
class GraphBuilder {
 public:
  explicit GraphBuilder(ir::Graph& graph) : graph_(graph) {}

  // An int8 (or `type`) activation quantized per tensor.
  int32_t activation(const std::string& name, ir::Shape shape,
                     ir::DataType type = ir::DataType::kInt8);
  // A constant with pseudo-random contents of the right size, per-tensor quantized
  // (int8/int16/uint8/int32) or not (other types).
  int32_t constant(const std::string& name, ir::Shape shape, ir::DataType type);
  // A constant with the given little-endian int32 values and shape [values.size()].
  int32_t int32_constant(const std::string& name, const std::vector<int32_t>& values,
                         ir::Shape shape = {});
  // Makes `tensor` per-channel quantized along `axis` (one scale per index).
  void per_channel(int32_t tensor, int32_t axis);

  void op(ir::OpType type, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
          ir::OpOptions options = std::monostate{});

 private:
  ir::Graph& graph_;
  uint32_t seed_ = 12345;
};

// One graph using every IR operator type (each option type with non-default
// values, an absent optional operand, an ethos-u operator with scratch operands),
// tensors of every IR data type, a second subgraph, metadata and a description.
// It passes ir::verify_model.
ir::Model make_all_ops_model();

// input [1,4,4,2] int8 -> CONV_2D (per-channel filter, bias) -> RELU -> output.
ir::Model make_small_conv_model();

}  // namespace vnpu::tflite::testing
