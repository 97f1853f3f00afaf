#include "tflite/offline_memory_plan.h"

#include <cstring>
#include <string>

namespace vnpu::tflite {
namespace {

constexpr size_t kHeaderWords = 3;

int32_t word_at(const std::vector<uint8_t>& data, size_t index) {
  int32_t value = 0;
  std::memcpy(&value, data.data() + 4 * index, 4);
  return value;
}

}  // namespace

Expected<std::vector<int64_t>> read_offline_memory_plan(const ir::Model& model) {
  const ir::Model::Metadata* metadata = nullptr;
  for (const auto& entry : model.metadata) {
    if (entry.name == kOfflineMemoryAllocation) metadata = &entry;
  }
  if (metadata == nullptr) return std::vector<int64_t>{};
  const std::vector<uint8_t>& data = metadata->data;
  auto fail = [](const std::string& what) {
    return Status::invalid_input(std::string(kOfflineMemoryAllocation) + " metadata: " + what);
  };
  if (data.size() % 4 != 0 || data.size() < 4 * kHeaderWords) {
    return fail(std::to_string(data.size()) + " bytes is not a header of 3 int32 plus offsets");
  }
  const int32_t tensor_count = word_at(data, 2);
  const size_t graph_tensors = model.main_graph().tensors.size();
  if (tensor_count < 0 || static_cast<size_t>(tensor_count) != graph_tensors) {
    return fail("lists " + std::to_string(tensor_count) + " tensors, subgraph 0 has " +
                std::to_string(graph_tensors));
  }
  if (data.size() / 4 < kHeaderWords + graph_tensors) {
    return fail("holds " + std::to_string(data.size() / 4 - kHeaderWords) + " offsets for " +
                std::to_string(graph_tensors) + " tensors");
  }
  std::vector<int64_t> offsets(graph_tensors);
  for (size_t i = 0; i < graph_tensors; ++i) {
    offsets[i] = word_at(data, kHeaderWords + i);
    if (offsets[i] < -1) {
      return fail("tensor " + std::to_string(i) + " has offset " + std::to_string(offsets[i]));
    }
    const ir::Tensor& tensor = model.main_graph().tensors[i];
    if (tensor.is_constant()) {
      offsets[i] = -1;  // constants live in the model
      continue;
    }
    // The kernels access elements in place: an offset must keep them aligned
    // (Vela's and ours are multiples of 16).
    const auto alignment = static_cast<int64_t>(ir::element_size(tensor.type));
    if (offsets[i] > 0 && alignment > 1 && offsets[i] % alignment != 0) {
      return fail("tensor " + std::to_string(i) + " (" + ir::data_type_name(tensor.type) +
                  ") has offset " + std::to_string(offsets[i]) + ", not a multiple of " +
                  std::to_string(alignment));
    }
  }
  return offsets;
}

}  // namespace vnpu::tflite
