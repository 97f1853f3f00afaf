#include "tflite/builtin_codes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace vnpu::tflite {
namespace {

TEST(BuiltinCodes, NamesFollowThePublishedSchema) {
  // Values from tensorflow/lite/schema/schema.fbs (BuiltinOperator).
  EXPECT_STREQ(builtin_code_name(0), "ADD");
  EXPECT_STREQ(builtin_code_name(3), "CONV_2D");
  EXPECT_STREQ(builtin_code_name(32), "CUSTOM");
  EXPECT_STREQ(builtin_code_name(49), "SPLIT");
  EXPECT_STREQ(builtin_code_name(60), "PADV2");
  EXPECT_STREQ(builtin_code_name(98), "LEAKY_RELU");
  EXPECT_STREQ(builtin_code_name(114), "QUANTIZE");
  EXPECT_STREQ(builtin_code_name(117), "HARD_SWISH");
  EXPECT_STREQ(builtin_code_name(127), "PLACEHOLDER_FOR_GREATER_OP_CODES");
  EXPECT_STREQ(builtin_code_name(150), "GELU");
  EXPECT_STREQ(builtin_code_name(162), "STABLEHLO_LOGISTIC");
  EXPECT_STREQ(builtin_code_name(203), "DILATE");
  EXPECT_STREQ(builtin_code_name(205), "REDUCE_WINDOW");
  EXPECT_STREQ(builtin_code_name(225), "TEMP_STREAMING_CONV_2D");
}

TEST(BuiltinCodes, UnknownCodesHaveNoName) {
  for (int32_t code : {-1, 206, 224, 226, 1000, INT32_MIN, INT32_MAX}) {
    EXPECT_EQ(builtin_code_name(code), nullptr) << code;
  }
}

TEST(BuiltinCodes, EveryKnownCodeHasADistinctName) {
  std::set<std::string> names;
  for (int32_t code = 0; code <= 205; ++code) {
    ASSERT_NE(builtin_code_name(code), nullptr) << code;
    EXPECT_TRUE(names.insert(builtin_code_name(code)).second) << builtin_code_name(code);
  }
}

TEST(BuiltinCodes, EveryIrOperatorMapsToItsTfliteNameAndBack) {
  // The IR names operators as TensorFlow Lite does, so the code's name must match.
  int mapped = 0;
  for (ir::OpType type : ir::all_op_types()) {
    const int32_t code = builtin_code_for_op_type(type);
    if (ir::is_custom_op_type(type)) {
      EXPECT_EQ(code, kBuiltinCustom) << ir::op_type_name(type);
      ASSERT_TRUE(op_type_for_custom_code(ir::op_type_name(type)).has_value());
      EXPECT_EQ(*op_type_for_custom_code(ir::op_type_name(type)), type);
      continue;
    }
    EXPECT_STREQ(builtin_code_name(code), ir::op_type_name(type));
    ASSERT_TRUE(op_type_for_builtin_code(code).has_value()) << code;
    EXPECT_EQ(*op_type_for_builtin_code(code), type);
    ++mapped;
  }
  EXPECT_GE(mapped, 100);
  EXPECT_FALSE(op_type_for_builtin_code(kBuiltinCustom).has_value());
  EXPECT_FALSE(op_type_for_custom_code("no-such-op").has_value());
}

TEST(BuiltinCodes, BuiltinsOutsideTheIrAreNotMapped) {
  // HASHTABLE_LOOKUP, LOCAL_RESPONSE_NORMALIZATION, LSTM, the placeholder 127, unknown codes.
  for (int32_t code : {10, 13, 16, 127, 205, 250, -3}) {
    EXPECT_FALSE(op_type_for_builtin_code(code).has_value()) << code;
  }
}

}  // namespace
}  // namespace vnpu::tflite
