// The schema subset against the published TensorFlow Lite schema: enum values,
// union member values, field ids (vtable offset = 4 + 2 * id) and defaults, as
// written in tensorflow/lite/schema/schema.fbs.
#include <gtest/gtest.h>

#include <cstring>

#include "tflite/schema/tflite_subset_generated.h"

namespace vnpu::tflite {
namespace {

constexpr int vtable_offset(int field_id) { return 4 + 2 * field_id; }

TEST(Schema, FileIdentifier) { EXPECT_STREQ(schema::ModelIdentifier(), "TFL3"); }

TEST(Schema, TensorTypeValues) {
  EXPECT_EQ(schema::TensorType_FLOAT32, 0);
  EXPECT_EQ(schema::TensorType_FLOAT16, 1);
  EXPECT_EQ(schema::TensorType_INT32, 2);
  EXPECT_EQ(schema::TensorType_UINT8, 3);
  EXPECT_EQ(schema::TensorType_INT64, 4);
  EXPECT_EQ(schema::TensorType_STRING, 5);
  EXPECT_EQ(schema::TensorType_BOOL, 6);
  EXPECT_EQ(schema::TensorType_INT16, 7);
  EXPECT_EQ(schema::TensorType_COMPLEX64, 8);
  EXPECT_EQ(schema::TensorType_INT8, 9);
  EXPECT_EQ(schema::TensorType_FLOAT64, 10);
  EXPECT_EQ(schema::TensorType_COMPLEX128, 11);
  EXPECT_EQ(schema::TensorType_UINT64, 12);
  EXPECT_EQ(schema::TensorType_RESOURCE, 13);
  EXPECT_EQ(schema::TensorType_VARIANT, 14);
  EXPECT_EQ(schema::TensorType_UINT32, 15);
  EXPECT_EQ(schema::TensorType_UINT16, 16);
  EXPECT_EQ(schema::TensorType_INT4, 17);
}

TEST(Schema, BuiltinOperatorValues) {
  EXPECT_EQ(schema::BuiltinOperator_ADD, 0);
  EXPECT_EQ(schema::BuiltinOperator_AVERAGE_POOL_2D, 1);
  EXPECT_EQ(schema::BuiltinOperator_CONCATENATION, 2);
  EXPECT_EQ(schema::BuiltinOperator_CONV_2D, 3);
  EXPECT_EQ(schema::BuiltinOperator_DEPTHWISE_CONV_2D, 4);
  EXPECT_EQ(schema::BuiltinOperator_DEQUANTIZE, 6);
  EXPECT_EQ(schema::BuiltinOperator_FULLY_CONNECTED, 9);
  EXPECT_EQ(schema::BuiltinOperator_LOGISTIC, 14);
  EXPECT_EQ(schema::BuiltinOperator_MAX_POOL_2D, 17);
  EXPECT_EQ(schema::BuiltinOperator_MUL, 18);
  EXPECT_EQ(schema::BuiltinOperator_RELU, 19);
  EXPECT_EQ(schema::BuiltinOperator_RELU_N1_TO_1, 20);
  EXPECT_EQ(schema::BuiltinOperator_RELU6, 21);
  EXPECT_EQ(schema::BuiltinOperator_RESHAPE, 22);
  EXPECT_EQ(schema::BuiltinOperator_SOFTMAX, 25);
  EXPECT_EQ(schema::BuiltinOperator_TANH, 28);
  EXPECT_EQ(schema::BuiltinOperator_CUSTOM, 32);
  EXPECT_EQ(schema::BuiltinOperator_PAD, 34);
  EXPECT_EQ(schema::BuiltinOperator_MEAN, 40);
  EXPECT_EQ(schema::BuiltinOperator_SUB, 41);
  EXPECT_EQ(schema::BuiltinOperator_SQUEEZE, 43);
  EXPECT_EQ(schema::BuiltinOperator_PADV2, 60);
  EXPECT_EQ(schema::BuiltinOperator_LEAKY_RELU, 98);
  EXPECT_EQ(schema::BuiltinOperator_QUANTIZE, 114);
  EXPECT_EQ(schema::BuiltinOperator_HARD_SWISH, 117);
  EXPECT_EQ(schema::BuiltinOperator_PLACEHOLDER_FOR_GREATER_OP_CODES, 127);
}

TEST(Schema, BuiltinOptionsUnionValues) {
  EXPECT_EQ(schema::BuiltinOptions_NONE, 0);
  EXPECT_EQ(schema::BuiltinOptions_Conv2DOptions, 1);
  EXPECT_EQ(schema::BuiltinOptions_DepthwiseConv2DOptions, 2);
  EXPECT_EQ(schema::BuiltinOptions_Pool2DOptions, 5);
  EXPECT_EQ(schema::BuiltinOptions_FullyConnectedOptions, 8);
  EXPECT_EQ(schema::BuiltinOptions_SoftmaxOptions, 9);
  EXPECT_EQ(schema::BuiltinOptions_ConcatenationOptions, 10);
  EXPECT_EQ(schema::BuiltinOptions_AddOptions, 11);
  EXPECT_EQ(schema::BuiltinOptions_ReshapeOptions, 17);
  EXPECT_EQ(schema::BuiltinOptions_MulOptions, 21);
  EXPECT_EQ(schema::BuiltinOptions_PadOptions, 22);
  EXPECT_EQ(schema::BuiltinOptions_ReducerOptions, 27);
  EXPECT_EQ(schema::BuiltinOptions_SubOptions, 28);
  EXPECT_EQ(schema::BuiltinOptions_SqueezeOptions, 30);
  EXPECT_EQ(schema::BuiltinOptions_DequantizeOptions, 38);
  EXPECT_EQ(schema::BuiltinOptions_PadV2Options, 43);
  EXPECT_EQ(schema::BuiltinOptions_LeakyReluOptions, 75);
  EXPECT_EQ(schema::BuiltinOptions_QuantizeOptions, 89);
  EXPECT_EQ(schema::BuiltinOptions_HardSwishOptions, 91);
  EXPECT_EQ(schema::QuantizationDetails_CustomQuantization, 1);
}

TEST(Schema, SmallEnumValues) {
  EXPECT_EQ(schema::Padding_SAME, 0);
  EXPECT_EQ(schema::Padding_VALID, 1);
  EXPECT_EQ(schema::ActivationFunctionType_NONE, 0);
  EXPECT_EQ(schema::ActivationFunctionType_RELU, 1);
  EXPECT_EQ(schema::ActivationFunctionType_RELU_N1_TO_1, 2);
  EXPECT_EQ(schema::ActivationFunctionType_RELU6, 3);
  EXPECT_EQ(schema::ActivationFunctionType_TANH, 4);
  EXPECT_EQ(schema::ActivationFunctionType_SIGN_BIT, 5);
  EXPECT_EQ(schema::FullyConnectedOptionsWeightsFormat_SHUFFLED4x16INT8, 1);
  EXPECT_EQ(schema::CustomOptionsFormat_FLEXBUFFERS, 0);
}

TEST(Schema, ModelStructureFieldIds) {
  EXPECT_EQ(schema::Model::VT_VERSION, vtable_offset(0));
  EXPECT_EQ(schema::Model::VT_OPERATOR_CODES, vtable_offset(1));
  EXPECT_EQ(schema::Model::VT_SUBGRAPHS, vtable_offset(2));
  EXPECT_EQ(schema::Model::VT_DESCRIPTION, vtable_offset(3));
  EXPECT_EQ(schema::Model::VT_BUFFERS, vtable_offset(4));
  EXPECT_EQ(schema::Model::VT_METADATA_BUFFER, vtable_offset(5));
  EXPECT_EQ(schema::Model::VT_METADATA, vtable_offset(6));
  EXPECT_EQ(schema::SubGraph::VT_TENSORS, vtable_offset(0));
  EXPECT_EQ(schema::SubGraph::VT_INPUTS, vtable_offset(1));
  EXPECT_EQ(schema::SubGraph::VT_OUTPUTS, vtable_offset(2));
  EXPECT_EQ(schema::SubGraph::VT_OPERATORS, vtable_offset(3));
  EXPECT_EQ(schema::SubGraph::VT_NAME, vtable_offset(4));
  EXPECT_EQ(schema::Buffer::VT_DATA, vtable_offset(0));
  EXPECT_EQ(schema::Buffer::VT_OFFSET, vtable_offset(1));
  EXPECT_EQ(schema::Buffer::VT_SIZE, vtable_offset(2));
  EXPECT_EQ(schema::Metadata::VT_NAME, vtable_offset(0));
  EXPECT_EQ(schema::Metadata::VT_BUFFER, vtable_offset(1));
}

TEST(Schema, TensorAndQuantizationFieldIds) {
  EXPECT_EQ(schema::Tensor::VT_SHAPE, vtable_offset(0));
  EXPECT_EQ(schema::Tensor::VT_TYPE, vtable_offset(1));
  EXPECT_EQ(schema::Tensor::VT_BUFFER, vtable_offset(2));
  EXPECT_EQ(schema::Tensor::VT_NAME, vtable_offset(3));
  EXPECT_EQ(schema::Tensor::VT_QUANTIZATION, vtable_offset(4));
  EXPECT_EQ(schema::Tensor::VT_IS_VARIABLE, vtable_offset(5));
  EXPECT_EQ(schema::Tensor::VT_SPARSITY, vtable_offset(6));
  EXPECT_EQ(schema::Tensor::VT_SHAPE_SIGNATURE, vtable_offset(7));
  EXPECT_EQ(schema::QuantizationParameters::VT_MIN, vtable_offset(0));
  EXPECT_EQ(schema::QuantizationParameters::VT_MAX, vtable_offset(1));
  EXPECT_EQ(schema::QuantizationParameters::VT_SCALE, vtable_offset(2));
  EXPECT_EQ(schema::QuantizationParameters::VT_ZERO_POINT, vtable_offset(3));
  EXPECT_EQ(schema::QuantizationParameters::VT_DETAILS_TYPE, vtable_offset(4));
  EXPECT_EQ(schema::QuantizationParameters::VT_DETAILS, vtable_offset(5));
  EXPECT_EQ(schema::QuantizationParameters::VT_QUANTIZED_DIMENSION, vtable_offset(6));
}

TEST(Schema, OperatorFieldIds) {
  EXPECT_EQ(schema::OperatorCode::VT_DEPRECATED_BUILTIN_CODE, vtable_offset(0));
  EXPECT_EQ(schema::OperatorCode::VT_CUSTOM_CODE, vtable_offset(1));
  EXPECT_EQ(schema::OperatorCode::VT_VERSION, vtable_offset(2));
  EXPECT_EQ(schema::OperatorCode::VT_BUILTIN_CODE, vtable_offset(3));
  EXPECT_EQ(schema::Operator::VT_OPCODE_INDEX, vtable_offset(0));
  EXPECT_EQ(schema::Operator::VT_INPUTS, vtable_offset(1));
  EXPECT_EQ(schema::Operator::VT_OUTPUTS, vtable_offset(2));
  EXPECT_EQ(schema::Operator::VT_BUILTIN_OPTIONS_TYPE, vtable_offset(3));
  EXPECT_EQ(schema::Operator::VT_BUILTIN_OPTIONS, vtable_offset(4));
  EXPECT_EQ(schema::Operator::VT_CUSTOM_OPTIONS, vtable_offset(5));
  EXPECT_EQ(schema::Operator::VT_CUSTOM_OPTIONS_FORMAT, vtable_offset(6));
  EXPECT_EQ(schema::Operator::VT_MUTATING_VARIABLE_INPUTS, vtable_offset(7));
  EXPECT_EQ(schema::Operator::VT_INTERMEDIATES, vtable_offset(8));
  EXPECT_EQ(schema::Operator::VT_LARGE_CUSTOM_OPTIONS_OFFSET, vtable_offset(9));
  EXPECT_EQ(schema::Operator::VT_LARGE_CUSTOM_OPTIONS_SIZE, vtable_offset(10));
}

TEST(Schema, OptionFieldIds) {
  EXPECT_EQ(schema::Conv2DOptions::VT_PADDING, vtable_offset(0));
  EXPECT_EQ(schema::Conv2DOptions::VT_FUSED_ACTIVATION_FUNCTION, vtable_offset(3));
  EXPECT_EQ(schema::Conv2DOptions::VT_DILATION_H_FACTOR, vtable_offset(5));
  EXPECT_EQ(schema::Conv2DOptions::VT_QUANTIZED_BIAS_TYPE, vtable_offset(6));
  EXPECT_EQ(schema::DepthwiseConv2DOptions::VT_DEPTH_MULTIPLIER, vtable_offset(3));
  EXPECT_EQ(schema::DepthwiseConv2DOptions::VT_FUSED_ACTIVATION_FUNCTION, vtable_offset(4));
  EXPECT_EQ(schema::DepthwiseConv2DOptions::VT_DILATION_H_FACTOR, vtable_offset(6));
  EXPECT_EQ(schema::Pool2DOptions::VT_FILTER_WIDTH, vtable_offset(3));
  EXPECT_EQ(schema::Pool2DOptions::VT_FILTER_HEIGHT, vtable_offset(4));
  EXPECT_EQ(schema::Pool2DOptions::VT_FUSED_ACTIVATION_FUNCTION, vtable_offset(5));
  EXPECT_EQ(schema::FullyConnectedOptions::VT_WEIGHTS_FORMAT, vtable_offset(1));
  EXPECT_EQ(schema::FullyConnectedOptions::VT_KEEP_NUM_DIMS, vtable_offset(2));
  EXPECT_EQ(schema::FullyConnectedOptions::VT_QUANTIZED_BIAS_TYPE, vtable_offset(4));
  EXPECT_EQ(schema::ConcatenationOptions::VT_AXIS, vtable_offset(0));
  EXPECT_EQ(schema::ConcatenationOptions::VT_FUSED_ACTIVATION_FUNCTION, vtable_offset(1));
  EXPECT_EQ(schema::AddOptions::VT_POT_SCALE_INT16, vtable_offset(1));
  EXPECT_EQ(schema::SubOptions::VT_POT_SCALE_INT16, vtable_offset(1));
  EXPECT_EQ(schema::MulOptions::VT_FUSED_ACTIVATION_FUNCTION, vtable_offset(0));
  EXPECT_EQ(schema::SoftmaxOptions::VT_BETA, vtable_offset(0));
  EXPECT_EQ(schema::LeakyReluOptions::VT_ALPHA, vtable_offset(0));
  EXPECT_EQ(schema::ReshapeOptions::VT_NEW_SHAPE, vtable_offset(0));
  EXPECT_EQ(schema::ReducerOptions::VT_KEEP_DIMS, vtable_offset(0));
  EXPECT_EQ(schema::SqueezeOptions::VT_SQUEEZE_DIMS, vtable_offset(0));
}

TEST(Schema, FieldDefaults) {
  EXPECT_EQ(schema::OperatorCodeT().version, 1);
  EXPECT_EQ(schema::Conv2DOptionsT().dilation_w_factor, 1);
  EXPECT_EQ(schema::Conv2DOptionsT().dilation_h_factor, 1);
  EXPECT_EQ(schema::Conv2DOptionsT().stride_w, 0);
  EXPECT_EQ(schema::DepthwiseConv2DOptionsT().dilation_w_factor, 1);
  EXPECT_TRUE(schema::AddOptionsT().pot_scale_int16);
  EXPECT_TRUE(schema::SubOptionsT().pot_scale_int16);
  EXPECT_EQ(schema::SoftmaxOptionsT().beta, 0.0f);
  EXPECT_EQ(schema::FullyConnectedOptionsT().weights_format,
            schema::FullyConnectedOptionsWeightsFormat_DEFAULT);
  EXPECT_FALSE(schema::TensorT().is_variable);
}

}  // namespace
}  // namespace vnpu::tflite
