// tflite/offline_memory_plan.h: the OfflineMemoryAllocation metadata reader,
// on well-formed plans and on each kind of malformed one.
#include "tflite/offline_memory_plan.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace vnpu::tflite {
namespace {

// A model of `tensors` tensors (tensor 1 constant) with `words` as the metadata.
ir::Model model_with_plan(size_t tensors, const std::vector<int32_t>& words) {
  ir::Model model;
  model.graphs.emplace_back();
  model.graphs[0].tensors.resize(tensors);
  for (ir::Tensor& tensor : model.graphs[0].tensors) {
    tensor.type = ir::DataType::kInt8;
    tensor.shape = {4};
  }
  if (tensors > 1) model.graphs[0].tensors[1].data = {1, 2, 3, 4};
  std::vector<uint8_t> bytes(words.size() * 4);
  std::memcpy(bytes.data(), words.data(), bytes.size());
  model.metadata.push_back({kOfflineMemoryAllocation, bytes});
  return model;
}

TEST(OfflineMemoryPlan, NoMetadataIsAnEmptyPlan) {
  ir::Model model;
  model.graphs.emplace_back();
  const auto offsets = read_offline_memory_plan(model);
  ASSERT_TRUE(offsets) << offsets.status().message();
  EXPECT_TRUE(offsets->empty());
}

TEST(OfflineMemoryPlan, OneOffsetPerTensorAndConstantsLeftToTheModel) {
  const auto offsets = read_offline_memory_plan(model_with_plan(3, {0, 1, 3, 64, 16, -1}));
  ASSERT_TRUE(offsets) << offsets.status().message();
  EXPECT_EQ(*offsets, (std::vector<int64_t>{64, -1, -1}));
}

TEST(OfflineMemoryPlan, MalformedMetadataNamesWhatIsWrong) {
  struct Case {
    std::vector<int32_t> words;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{0, 1}, "8 bytes is not a header of 3 int32 plus offsets"},
      {{0, 1, 5, 0, 0}, "lists 5 tensors, subgraph 0 has 2"},
      {{0, 1, -1, 0, 0}, "lists -1 tensors, subgraph 0 has 2"},
      {{0, 1, 2, 0}, "holds 1 offsets for 2 tensors"},
      {{0, 1, 2, 0, -2}, "tensor 1 has offset -2"},
  };
  for (const Case& c : cases) {
    const auto offsets = read_offline_memory_plan(model_with_plan(2, c.words));
    ASSERT_FALSE(offsets) << c.message;
    EXPECT_EQ(offsets.status().code(), ErrorCode::kInvalidInput);
    EXPECT_EQ(offsets.status().message(), "OfflineMemoryAllocation metadata: " + c.message);
  }
}

// A kernel stores elements in place (the signal energies as uint32): an
// activation's offset must be a multiple of its element size (fuzz_cpu_run's
// finding: a misaligned uint32 store in SignalEnergy).
TEST(OfflineMemoryPlan, AnOffsetThatMisalignsItsElementsIsRefused) {
  ir::Model model = model_with_plan(3, {0, 1, 3, 64, -1, 18});
  model.graphs[0].tensors[2].type = ir::DataType::kUInt32;
  const auto misaligned = read_offline_memory_plan(model);
  ASSERT_FALSE(misaligned);
  EXPECT_EQ(misaligned.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(misaligned.status().message(),
            "OfflineMemoryAllocation metadata: tensor 2 (uint32) has offset 18, not a multiple of 4");
  model = model_with_plan(3, {0, 1, 3, 64, -1, 20});
  model.graphs[0].tensors[2].type = ir::DataType::kUInt32;
  const auto aligned = read_offline_memory_plan(model);
  ASSERT_TRUE(aligned) << aligned.status().message();
  EXPECT_EQ(*aligned, (std::vector<int64_t>{64, -1, 20}));
}

}  // namespace
}  // namespace vnpu::tflite
