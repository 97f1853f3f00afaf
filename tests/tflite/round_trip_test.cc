// read -> write -> read gives the same IR; writing is deterministic.
#include <gtest/gtest.h>

#include "ir/verifier.h"
#include "tests/tflite/ir_compare.h"
#include "tests/tflite/shared_models.h"
#include "tests/tflite/test_graphs.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::tflite {
namespace {

ir::Model read_or_fail(const std::vector<uint8_t>& bytes, const std::string& name) {
  auto model = read_tflite(bytes.data(), bytes.size(), name);
  EXPECT_TRUE(model.has_value()) << model.status().message();
  return model ? *model : ir::Model{};
}

std::vector<uint8_t> write_or_fail(const ir::Model& model) {
  auto bytes = write_tflite(model);
  EXPECT_TRUE(bytes.has_value()) << bytes.status().message();
  return bytes ? *bytes : std::vector<uint8_t>{};
}

TEST(RoundTrip, EverySharedModel) {
  if (!testing::shared_models_available()) {
    GTEST_SKIP() << "shared models not found at " << testing::shared_models_dir();
  }
  for (const std::string& path : testing::all_shared_tflite_files()) {
    SCOPED_TRACE(path);
    const ir::Model original = read_or_fail(testing::read_bytes(path), path);
    ASSERT_FALSE(original.graphs.empty());
    const std::vector<uint8_t> written = write_or_fail(original);
    const ir::Model reread = read_or_fail(written, "written");
    EXPECT_TRUE(testing::models_equal(original, reread));
    // Writing what was read back gives the same bytes: the layout is a fixpoint.
    EXPECT_EQ(write_or_fail(reread), written);
  }
}

TEST(RoundTrip, HandBuiltModelWithEveryOperator) {
  const ir::Model model = testing::make_all_ops_model();
  ASSERT_TRUE(ir::verify_model(model).is_ok()) << ir::verify_model(model).message();
  const ir::Model reread = read_or_fail(write_or_fail(model), "all_ops");
  EXPECT_TRUE(testing::models_equal(model, reread));
  ASSERT_EQ(reread.graphs.size(), 2u);
  EXPECT_EQ(reread.main_graph().operators.size(), 25u);
}

TEST(RoundTrip, SmallConvModel) {
  const ir::Model model = testing::make_small_conv_model();
  ASSERT_TRUE(ir::verify_model(model).is_ok());
  EXPECT_TRUE(testing::models_equal(model, read_or_fail(write_or_fail(model), "conv")));
}

TEST(RoundTrip, EveryOptionValueSurvives) {
  // Each option field set to a value other than its default, one operator at a time.
  ir::Model base = testing::make_small_conv_model();
  const std::vector<ir::Conv2dOptions> convs = {
      {ir::Padding::kValid, 3, 1, 1, 1, ir::FusedActivation::kNone},
      {ir::Padding::kSame, 1, 4, 1, 1, ir::FusedActivation::kRelu},
      {ir::Padding::kSame, 1, 1, 5, 1, ir::FusedActivation::kReluN1To1},
      {ir::Padding::kSame, 1, 1, 1, 6, ir::FusedActivation::kRelu6},
  };
  for (const ir::Conv2dOptions& options : convs) {
    ir::Model model = base;
    model.main_graph().operators[0].options = options;
    EXPECT_TRUE(testing::models_equal(model, read_or_fail(write_or_fail(model), "conv")));
  }
  const std::vector<float> betas = {0.0f, 1e-30f, 2.5f, 1e30f, -1.0f};
  for (float beta : betas) {
    ir::Model model = base;
    model.main_graph().operators[1].type = ir::OpType::kSoftmax;
    model.main_graph().operators[1].options = ir::SoftmaxOptions{beta};
    EXPECT_TRUE(testing::models_equal(model, read_or_fail(write_or_fail(model), "softmax")));
  }
}

TEST(RoundTrip, WritingIsDeterministic) {
  const ir::Model model = testing::make_all_ops_model();
  const std::vector<uint8_t> first = write_or_fail(model);
  const ir::Model copy = model;
  EXPECT_EQ(write_or_fail(copy), first);
  EXPECT_EQ(write_or_fail(model), first);
}

}  // namespace
}  // namespace vnpu::tflite
