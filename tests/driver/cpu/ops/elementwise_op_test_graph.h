// A one-operator graph for the element-wise and activation op tests: add
// tensors, prepare the op, bind host buffers and run eval.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "driver/cpu/cpu_op.h"
#include "driver/cpu/ops.h"
#include "ir/graph.h"

namespace vnpu::driver::cpu::testing {

struct OpGraph {
  ir::Graph graph;
  ir::Operator op;

  explicit OpGraph(ir::OpType type) { op.type = type; }

  // Adds a tensor; `scale` 0 leaves it unquantized.
  int32_t add(const std::string& name, ir::DataType type, ir::Shape shape, float scale = 0.0f,
              int64_t zero_point = 0) {
    ir::Tensor tensor;
    tensor.name = name;
    tensor.type = type;
    tensor.shape = std::move(shape);
    if (scale != 0.0f) {
      tensor.quantization.scales = {scale};
      tensor.quantization.zero_points = {zero_point};
    }
    graph.tensors.push_back(tensor);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  }
  int32_t input(ir::DataType type, ir::Shape shape, float scale = 0.0f, int64_t zp = 0) {
    const int32_t index =
        add("in" + std::to_string(op.inputs.size()), type, std::move(shape), scale, zp);
    op.inputs.push_back(index);
    return index;
  }
  int32_t output(ir::DataType type, ir::Shape shape, float scale = 0.0f, int64_t zp = 0) {
    const int32_t index = add("out", type, std::move(shape), scale, zp);
    op.outputs.push_back(index);
    return index;
  }
  ir::Tensor& tensor(int32_t index) { return graph.tensor(index); }

  PrepareResult prepare() const {
    const CpuOpPrepare prepare_fn = find_cpu_op(op.type);
    return prepare_fn(graph, op, CpuOptions{});
  }

  // Prepares, binds `inputs` (raw bytes of each input in order) and returns
  // the output as a vector of Out.
  template <typename Out>
  std::vector<Out> run(std::vector<std::vector<uint8_t>> inputs) const {
    const PrepareResult prepared = prepare();
    EXPECT_TRUE(prepared) << prepared.status().message();
    if (!prepared) return {};
    TensorMemory memory(graph.tensors.size());
    for (size_t i = 0; i < inputs.size(); ++i) memory.bind(op.inputs[i], inputs[i].data());
    std::vector<Out> out(static_cast<size_t>(graph.tensor(op.outputs[0]).element_count()));
    memory.bind(op.outputs[0], reinterpret_cast<uint8_t*>(out.data()));
    EXPECT_TRUE((*prepared)->eval(memory));
    return out;
  }
};

template <typename T>
std::vector<uint8_t> bytes_of(const std::vector<T>& values) {
  const auto* data = reinterpret_cast<const uint8_t*>(values.data());
  return std::vector<uint8_t>(data, data + values.size() * sizeof(T));
}

// The prepare fails with `code` and a message containing `fragment`.
inline void expect_rejected(const OpGraph& g, ErrorCode code, const std::string& fragment) {
  const PrepareResult result = g.prepare();
  ASSERT_FALSE(result) << "expected a failure mentioning '" << fragment << "'";
  EXPECT_EQ(result.status().code(), code) << result.status().message();
  EXPECT_NE(result.status().message().find(fragment), std::string::npos)
      << result.status().message();
}

}  // namespace vnpu::driver::cpu::testing
