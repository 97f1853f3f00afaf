// GraphBuilder: assembles quantized IR graphs op by op, for the built-in
// synthetic models and for tests. Weights come from a seeded generator, so a
// model is the same on every machine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/deterministic_rng.h"
#include "ir/graph.h"

namespace vnpu::models {

struct QuantParams {
  float scale = 1.0f;
  int32_t zero_point = 0;
};

class GraphBuilder {
 public:
  explicit GraphBuilder(std::string name, uint64_t seed);

  // An int8 activation tensor.
  int32_t add_activation(const std::string& name, const ir::Shape& shape, QuantParams quant);
  // A constant int8 weight tensor, uniform in [-127, 127], quantized per channel along `axis`
  // with the given scales (one per channel).
  int32_t add_weights(const std::string& name, const ir::Shape& shape, int32_t axis,
                      const std::vector<float>& scales);
  // A constant int32 bias with scale input_scale * weight_scale[c], values uniform in +-range.
  int32_t add_bias(const std::string& name, int32_t channels, float input_scale,
                   const std::vector<float>& weight_scales, int32_t range);
  // A constant int32 vector (shape operands).
  int32_t add_int32_constant(const std::string& name, const std::vector<int32_t>& values);

  void add_op(ir::OpType type, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
              ir::OpOptions options = std::monostate{});
  void set_io(std::vector<int32_t> inputs, std::vector<int32_t> outputs);

  DeterministicRng& rng() { return rng_; }
  ir::Graph& graph() { return graph_; }
  ir::Model finish(const std::string& description);

 private:
  ir::Graph graph_;
  DeterministicRng rng_;
};

}  // namespace vnpu::models
