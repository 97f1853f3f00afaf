#include "driver/cpu/model_context.h"

#include <cstring>

#include "driver/cpu/cpu_runtime.h"

namespace vnpu::driver::cpu {

ModelContext::ModelContext(const ir::Model& model, const CpuOptions& options)
    : model_(model),
      options_(options),
      subgraphs_(model.graphs.size()),
      preparing_(model.graphs.size(), false) {
  options_.model_context = this;
  if (!preparing_.empty()) preparing_[0] = true;  // subgraph 0 is the caller's own runtime
}

ModelContext::~ModelContext() = default;

Expected<CpuRuntime*> ModelContext::subgraph(int32_t index) {
  if (index < 0 || static_cast<size_t>(index) >= model_.graphs.size()) {
    return Status::invalid_input("subgraph " + std::to_string(index) + " does not exist; the model has " +
                                 std::to_string(model_.graphs.size()));
  }
  const auto slot = static_cast<size_t>(index);
  if (subgraphs_[slot]) return subgraphs_[slot].get();
  if (preparing_[slot]) {
    return Status::unsupported("subgraph " + std::to_string(index) +
                               " calls itself (recursive subgraphs are not supported)");
  }
  preparing_[slot] = true;
  auto runtime = CpuRuntime::create(model_.graphs[slot], options_);
  preparing_[slot] = false;
  if (!runtime) return runtime.status().with_context("subgraph " + std::to_string(index));
  subgraphs_[slot] = std::move(*runtime);
  return subgraphs_[slot].get();
}

int32_t ModelContext::variable_id(const std::string& container, const std::string& shared_name) {
  for (size_t i = 0; i < variables_.size(); ++i) {
    const Variable& v = variables_[i];
    if ((container.empty() || container == v.container) && shared_name == v.shared_name) {
      return static_cast<int32_t>(i);
    }
  }
  variables_.push_back(Variable{container, shared_name, {}, false, 0});
  return static_cast<int32_t>(variables_.size() - 1);
}

Status ModelContext::allocate_variable(int32_t id, size_t bytes, uint8_t reset_byte) {
  Variable& v = variables_.at(static_cast<size_t>(id));
  if (!v.allocated) {
    v.allocated = true;
    v.reset_byte = reset_byte;
    v.bytes.assign(bytes, reset_byte);
    return Status::ok();
  }
  if (v.bytes.size() == bytes) return Status::ok();
  return Status::invalid_input("resource variable '" + v.shared_name + "' holds " +
                               std::to_string(v.bytes.size()) + " bytes, the value assigned has " +
                               std::to_string(bytes));
}

void ModelContext::expect_variable_size(int32_t id, size_t bytes, std::string where) {
  reads_.push_back(ExpectedRead{id, bytes, std::move(where)});
}

Status ModelContext::check_variables() const {
  for (const ExpectedRead& read : reads_) {
    const Variable& v = variables_.at(static_cast<size_t>(read.id));
    if (!v.allocated) {
      return Status::invalid_input(read.where + ": resource variable '" + v.shared_name +
                                   "' is read but never assigned");
    }
    if (v.bytes.size() != read.bytes) {
      return Status::invalid_input(read.where + ": reads " + std::to_string(read.bytes) +
                                   " bytes of resource variable '" + v.shared_name +
                                   "', which holds " + std::to_string(v.bytes.size()));
    }
  }
  return Status::ok();
}

void ModelContext::reset_variables() {
  for (Variable& v : variables_) {
    if (!v.bytes.empty()) std::memset(v.bytes.data(), v.reset_byte, v.bytes.size());
  }
}

}  // namespace vnpu::driver::cpu
