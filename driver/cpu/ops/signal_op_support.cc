#include "driver/cpu/ops/signal_op_support.h"

#include <string>
#include <variant>

#include "kernels/prepare/op_support.h"

namespace vnpu::driver::cpu::signal {

Expected<int64_t> custom_param(const ir::Operator& op, const char* key, int64_t min, int64_t max) {
  const auto* options = std::get_if<ir::CustomOptions>(&op.options);
  if (options == nullptr) return Status::invalid_input("operator has no custom options");
  const auto found = options->params.find(key);
  if (found == options->params.end()) {
    return Status::invalid_input(std::string("custom option '") + key + "' is missing");
  }
  if (found->second < min || found->second > max) {
    return Status::invalid_input(std::string("custom option '") + key + "' = " +
                                 std::to_string(found->second) + " is outside " +
                                 std::to_string(min) + ".." + std::to_string(max));
  }
  return found->second;
}

Expected<int32_t> vector_length(const ir::Graph& graph, int32_t index, ir::DataType type,
                                const char* role) {
  if (Status s = kernels::prepare::check_type(graph, index, type, role); !s) return s;
  if (Status s = kernels::prepare::check_rank(graph, index, 1, role); !s) return s;
  return graph.tensor(index).shape[0];
}

Status check_element_count(const ir::Graph& graph, int32_t index, int64_t expected,
                           const char* role) {
  const int64_t count = graph.tensor(index).element_count();
  if (count == expected) return Status::ok();
  return Status::invalid_input(std::string(role) + " " +
                               kernels::prepare::describe_tensor(graph, index) + ": expected " +
                               std::to_string(expected) + " elements, has " +
                               std::to_string(count));
}

}  // namespace vnpu::driver::cpu::signal
