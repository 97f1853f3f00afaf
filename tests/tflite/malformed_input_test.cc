// Malformed inputs: every corrupted variant of every shared model (and of the
// hand-built model) must be rejected with a one-line message, never a crash.
// Run these under the sanitizers too (-DVNPU_SANITIZE=ON).
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "ir/verifier.h"
#include "tests/tflite/model_corruptions.h"
#include "tests/tflite/shared_models.h"
#include "tests/tflite/test_graphs.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::tflite {
namespace {

using testing::NamedCorruption;

::testing::AssertionResult rejected_on_one_line(const NamedCorruption& variant) {
  auto model = read_tflite(variant.bytes.data(), variant.bytes.size(), "corrupt.tflite");
  if (model.has_value()) return ::testing::AssertionFailure() << variant.name << " was accepted";
  const Status status = model.status();
  const std::string& message = status.message();
  if (status.code() != ErrorCode::kInvalidInput && status.code() != ErrorCode::kUnsupported) {
    return ::testing::AssertionFailure() << variant.name << ": unexpected code: " << message;
  }
  if (message.rfind("corrupt.tflite: ", 0) != 0 || message.size() <= 16) {
    return ::testing::AssertionFailure()
           << variant.name << ": message without content: " << message;
  }
  if (message.find('\n') != std::string::npos || message.find('\r') != std::string::npos) {
    return ::testing::AssertionFailure() << variant.name << ": multi-line message: " << message;
  }
  if (exit_code(status) != 2) {
    return ::testing::AssertionFailure() << variant.name << ": exit code " << exit_code(status);
  }
  return ::testing::AssertionSuccess();
}

void expect_all_rejected(const std::vector<NamedCorruption>& variants) {
  std::set<std::string> names;
  for (const NamedCorruption& variant : variants) {
    EXPECT_TRUE(names.insert(variant.name).second) << "duplicate name " << variant.name;
    EXPECT_TRUE(rejected_on_one_line(variant));
  }
}

std::vector<std::string> shared_files() {
  return testing::shared_models_available() ? testing::all_shared_tflite_files()
                                            : std::vector<std::string>{};
}

std::string missing_models() {
  return "shared models not found at " + testing::shared_models_dir();
}

TEST(MalformedInput, TruncationsOfEverySharedModel) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  for (const std::string& path : shared_files()) {
    SCOPED_TRACE(path);
    const std::vector<uint8_t> bytes = testing::read_bytes(path);
    const std::vector<NamedCorruption> variants = testing::make_truncations(bytes);
    // 0..64 bytes and 63 fractions of the file, less any lengths that coincide.
    EXPECT_GE(variants.size(), 120u);
    expect_all_rejected(variants);
  }
}

TEST(MalformedInput, StructuralCorruptionsOfEverySharedModel) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  for (const std::string& path : shared_files()) {
    SCOPED_TRACE(path);
    const std::vector<NamedCorruption> variants =
        testing::make_structural_corruptions(testing::read_bytes(path));
    EXPECT_GE(variants.size(), 25u);
    expect_all_rejected(variants);
  }
}

TEST(MalformedInput, SemanticCorruptionsOfEverySharedModel) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  for (const std::string& path : shared_files()) {
    SCOPED_TRACE(path);
    const std::vector<NamedCorruption> variants =
        testing::make_semantic_corruptions(testing::read_bytes(path));
    EXPECT_GE(variants.size(), 35u);
    expect_all_rejected(variants);
  }
}

TEST(MalformedInput, ExpectedVariantsArePresent) {
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  const std::vector<uint8_t> bytes =
      testing::read_bytes(testing::shared_models_dir() + "/kws_dscnn/model.tflite");
  std::set<std::string> names;
  for (const NamedCorruption& variant : testing::make_model_corruptions(bytes)) {
    names.insert(variant.name);
  }
  for (const char* name : {"truncated_to_0_bytes",
                           "truncated_to_64_bytes",
                           "root_offset_past_end",
                           "root_vtable_size_odd",
                           "subgraphs_length_huge",
                           "buffers_offset_past_end",
                           "tensor_buffer_one_byte_short",
                           "description_missing_terminator",
                           "op0_input_out_of_range",
                           "opcode_index_out_of_range",
                           "tensor_buffer_out_of_range",
                           "constant_data_one_byte_long",
                           "negative_dimension",
                           "per_channel_scale_count_mismatch",
                           "quantized_dimension_out_of_range",
                           "unsupported_builtin_SPLIT",
                           "unknown_custom_code",
                           "tensor_type_float16",
                           "reads_tensor_never_produced",
                           "fused_activation_TANH",
                           "builtin_options_of_wrong_type"}) {
    EXPECT_EQ(names.count(name), 1u) << name;
  }
}

TEST(MalformedInput, CorruptionsOfTheHandBuiltModel) {
  auto bytes = write_tflite(testing::make_all_ops_model());
  ASSERT_TRUE(bytes.has_value());
  ASSERT_TRUE(read_tflite(bytes->data(), bytes->size(), "base").has_value());
  const std::vector<NamedCorruption> variants = testing::make_model_corruptions(*bytes);
  EXPECT_GE(variants.size(), 200u);
  expect_all_rejected(variants);
}

TEST(MalformedInput, SemanticCorruptionsNeedAReadableModel) {
  const std::vector<uint8_t> garbage(100, 0xEE);
  EXPECT_TRUE(testing::make_semantic_corruptions(garbage).empty());
  EXPECT_TRUE(testing::make_structural_corruptions({}).empty());
  EXPECT_TRUE(testing::make_truncations({}).empty());
}

// Random byte changes anywhere: the reader may accept the result (weights are
// just bytes) but must never crash, and must report errors on one line. Accepted
// models always pass the IR verifier.
void fuzz(const std::vector<uint8_t>& original, uint32_t seed, int rounds) {
  std::mt19937 random(seed);
  int rejected = 0;
  for (int round = 0; round < rounds; ++round) {
    std::vector<uint8_t> bytes = original;
    const int changes = 1 + static_cast<int>(random() % 4);
    for (int c = 0; c < changes; ++c) {
      const size_t position = random() % bytes.size();
      switch (random() % 4) {
        case 0:
          bytes[position] ^= static_cast<uint8_t>(1u << (random() % 8));
          break;
        case 1:
          bytes[position] = 0xFF;
          break;
        case 2:
          bytes[position] = 0x00;
          break;
        default:
          bytes[position] = static_cast<uint8_t>(random());
          break;
      }
    }
    if (random() % 8 == 0) bytes.resize(random() % bytes.size());
    auto model = read_tflite(bytes.data(), bytes.size(), "fuzz");
    if (model.has_value()) {
      ASSERT_TRUE(ir::verify_model(*model).is_ok());
      continue;
    }
    ++rejected;
    ASSERT_EQ(model.status().message().find('\n'), std::string::npos) << model.status().message();
    ASSERT_FALSE(model.status().message().empty());
  }
  EXPECT_GT(rejected, 0);
}

TEST(MalformedInput, RandomByteChangesNeverCrash) {
  auto hand_built = write_tflite(testing::make_all_ops_model());
  ASSERT_TRUE(hand_built.has_value());
  fuzz(*hand_built, 1, 3000);
  if (!testing::shared_models_available()) GTEST_SKIP() << missing_models();
  const std::string dir = testing::shared_models_dir();
  fuzz(testing::read_bytes(dir + "/hello_world/model.tflite"), 2, 3000);
  fuzz(testing::read_bytes(dir + "/hello_world/vela/ethos-u55-128/hello_world_vela.tflite"), 3,
       3000);
  fuzz(testing::read_bytes(dir + "/kws_dscnn/model.tflite"), 4, 1000);
}

}  // namespace
}  // namespace vnpu::tflite
