// What the subgraphs of one model share while it runs on the CPU (TFLM's
// MicroGraph and MicroResourceVariables): the runtimes of the subgraphs that IF,
// WHILE and CALL_ONCE call, and the resource variables of VAR_HANDLE,
// READ_VARIABLE and ASSIGN_VARIABLE.
//
// The runtime of subgraph 0 owns the context; a called subgraph's runtime is
// created once, when the first operator that calls it is prepared, and kept
// for every later invoke, like its variables. A subgraph that calls itself,
// directly or through others, is refused (TFLM does not support it either).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "driver/cpu/cpu_op.h"
#include "ir/graph.h"

namespace vnpu::driver::cpu {

class CpuRuntime;

class ModelContext {
 public:
  ModelContext(const ir::Model& model, const CpuOptions& options);
  ~ModelContext();
  ModelContext(const ModelContext&) = delete;
  ModelContext& operator=(const ModelContext&) = delete;

  const ir::Model& model() const { return model_; }

  // The runtime of subgraph `index` (1..), prepared at the first request.
  Expected<CpuRuntime*> subgraph(int32_t index);

  // Resource variables, as TFLM's MicroResourceVariables: an id per
  // (container, shared_name); an empty container matches any.
  int32_t variable_id(const std::string& container, const std::string& shared_name);
  // Gives the variable its size and reset byte at the first call (TFLM: the
  // first ASSIGN_VARIABLE prepared; the reset byte is the value's zero point
  // cast to int8); later calls must agree on the size.
  Status allocate_variable(int32_t id, size_t bytes, uint8_t reset_byte);
  // Records that a READ_VARIABLE of `bytes` reads variable `id`; check_variables()
  // verifies it once everything is prepared.
  void expect_variable_size(int32_t id, size_t bytes, std::string where);
  Status check_variables() const;
  std::vector<uint8_t>& variable(int32_t id) { return variables_[static_cast<size_t>(id)].bytes; }
  // Sets every variable to its reset byte (TFLM's ResetAll).
  void reset_variables();

 private:
  struct Variable {
    std::string container;
    std::string shared_name;
    std::vector<uint8_t> bytes;
    bool allocated = false;
    uint8_t reset_byte = 0;
  };
  struct ExpectedRead {
    int32_t id;
    size_t bytes;
    std::string where;
  };

  const ir::Model& model_;
  CpuOptions options_;
  std::vector<std::unique_ptr<CpuRuntime>> subgraphs_;
  std::vector<bool> preparing_;
  std::vector<Variable> variables_;
  std::vector<ExpectedRead> reads_;
};

}  // namespace vnpu::driver::cpu
