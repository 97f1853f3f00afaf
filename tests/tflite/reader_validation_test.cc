// One rule of the reader per test: what it accepts, what it rejects and how the
// error reads. Files are made with the writer and patched through the generated
// object API.
#include <gtest/gtest.h>

#include <functional>

#include "tests/tflite/ir_compare.h"
#include "tests/tflite/test_graphs.h"
#include "tflite/reader.h"
#include "tflite/schema/tflite_subset_generated.h"
#include "tflite/writer.h"

namespace vnpu::tflite {
namespace {

using Mutation = std::function<void(schema::ModelT&)>;

std::vector<uint8_t> written(const ir::Model& model) {
  auto bytes = write_tflite(model);
  EXPECT_TRUE(bytes.has_value());
  return bytes ? *bytes : std::vector<uint8_t>{};
}

std::vector<uint8_t> pack(const schema::ModelT& model, bool identifier = true) {
  flatbuffers::FlatBufferBuilder fbb;
  const auto root = schema::Model::Pack(fbb, &model);
  if (identifier) {
    schema::FinishModelBuffer(fbb, root);
  } else {
    fbb.Finish(root);
  }
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

std::vector<uint8_t> patched(const ir::Model& model, const Mutation& mutate) {
  const std::vector<uint8_t> bytes = written(model);
  std::unique_ptr<schema::ModelT> unpacked = schema::UnPackModel(bytes.data());
  mutate(*unpacked);
  return pack(*unpacked);
}

Expected<ir::Model> read(const std::vector<uint8_t>& bytes) {
  return read_tflite(bytes.data(), bytes.size(), "test.tflite");
}

// Asserts a rejection with `code` whose one-line message contains `text`.
void expect_rejected(const std::vector<uint8_t>& bytes, ErrorCode code, const std::string& text) {
  auto model = read(bytes);
  ASSERT_FALSE(model.has_value());
  const Status status = model.status();
  const std::string& message = status.message();
  EXPECT_EQ(status.code(), code) << message;
  EXPECT_NE(message.find(text), std::string::npos) << message;
  EXPECT_EQ(message.rfind("test.tflite: ", 0), 0u) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

ir::Model conv_model() { return testing::make_small_conv_model(); }

void set_opcode(schema::ModelT& m, uint32_t op, int32_t builtin, int8_t deprecated,
                const std::string& custom = "") {
  auto& code = *m.operator_codes[m.subgraphs[0]->operators[op]->opcode_index];
  code.builtin_code = static_cast<schema::BuiltinOperator>(builtin);
  code.deprecated_builtin_code = deprecated;
  code.custom_code = custom;
}

TEST(ReaderOperators, UnsupportedBuiltinIsNamedWithItsCode) {
  auto model = read(patched(conv_model(), [](schema::ModelT& m) { set_opcode(m, 0, 12, 12); }));
  ASSERT_FALSE(model.has_value());
  EXPECT_EQ(model.status().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(model.status().message(),
            "test.tflite: subgraph 0 operator 0: unsupported operator L2_POOL_2D (builtin code 12)");
}

TEST(ReaderOperators, UnknownBuiltinCode) {
  expect_rejected(patched(conv_model(), [](schema::ModelT& m) { set_opcode(m, 0, 250, 127); }),
                  ErrorCode::kUnsupported, "unknown builtin code 250");
}

TEST(ReaderOperators, UnknownCustomCode) {
  expect_rejected(
      patched(conv_model(), [](schema::ModelT& m) { set_opcode(m, 0, 32, 32, "my-op"); }),
      ErrorCode::kUnsupported, "unsupported custom operator 'my-op'");
}

TEST(ReaderOperators, CustomWithoutCode) {
  expect_rejected(patched(conv_model(), [](schema::ModelT& m) { set_opcode(m, 0, 32, 32); }),
                  ErrorCode::kInvalidInput, "without a custom code");
}

TEST(ReaderOperators, EffectiveCodeIsTheLargerOfBothFields) {
  // Files from before builtin_code existed: only the deprecated byte.
  auto old_style = read(patched(conv_model(), [](schema::ModelT& m) { set_opcode(m, 0, 0, 3); }));
  ASSERT_TRUE(old_style.has_value()) << old_style.status().message();
  EXPECT_EQ(old_style->main_graph().operators[0].type, ir::OpType::kConv2d);
  // Files that set only builtin_code.
  auto extended = read(patched(conv_model(), [](schema::ModelT& m) { set_opcode(m, 1, 117, 0); }));
  ASSERT_TRUE(extended.has_value()) << extended.status().message();
  EXPECT_EQ(extended->main_graph().operators[1].type, ir::OpType::kHardSwish);
  // Codes above 127: the deprecated byte holds the placeholder, builtin_code the code.
  expect_rejected(patched(conv_model(), [](schema::ModelT& m) { set_opcode(m, 1, 150, 127); }),
                  ErrorCode::kUnsupported,
                  "operator 1: unsupported operator GELU (builtin code 150)");
  // ADD takes two inputs: the RELU's input twice.
  auto zero = read(patched(conv_model(), [](schema::ModelT& m) {
    set_opcode(m, 1, 0, 0);
    auto& inputs = m.subgraphs[0]->operators[1]->inputs;
    inputs.push_back(inputs[0]);
  }));
  ASSERT_TRUE(zero.has_value()) << zero.status().message();
  EXPECT_EQ(zero->main_graph().operators[1].type, ir::OpType::kAdd);
}

TEST(ReaderOperators, OperandIndicesAreChecked) {
  expect_rejected(
      patched(conv_model(), [](schema::ModelT& m) { m.subgraphs[0]->operators[1]->inputs[0] = 5; }),
      ErrorCode::kInvalidInput,
      "subgraph 0 operator 1 (RELU): input 0 refers to tensor 5, subgraph has 5 tensors");
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) { m.subgraphs[0]->operators[1]->outputs[0] = -1; }),
                  ErrorCode::kInvalidInput, "output 0 refers to tensor -1");
  expect_rejected(
      patched(conv_model(),
              [](schema::ModelT& m) { m.subgraphs[0]->operators[0]->opcode_index = 2; }),
      ErrorCode::kInvalidInput, "opcode index 2 out of range (model has 2 operator codes)");
}

TEST(ReaderOperators, AbsentOptionalOperandIsNoTensor) {
  auto model = read(patched(
      conv_model(), [](schema::ModelT& m) { m.subgraphs[0]->operators[0]->inputs[2] = -1; }));
  ASSERT_TRUE(model.has_value()) << model.status().message();
  EXPECT_EQ(model->main_graph().operators[0].inputs[2], ir::kNoTensor);
}

TEST(ReaderOptions, MissingTablesReadAsSchemaDefaults) {
  // RELU turned into SOFTMAX, FULLY_CONNECTED or RESHAPE without an options table.
  auto softmax = read(patched(conv_model(), [](schema::ModelT& m) { set_opcode(m, 1, 25, 25); }));
  ASSERT_TRUE(softmax.has_value()) << softmax.status().message();
  EXPECT_EQ(std::get<ir::SoftmaxOptions>(softmax->main_graph().operators[1].options).beta, 0.0f);
  // FULLY_CONNECTED takes two or three inputs: the RELU's input twice.
  auto fc = read(patched(conv_model(), [](schema::ModelT& m) {
    set_opcode(m, 1, 9, 9);
    auto& inputs = m.subgraphs[0]->operators[1]->inputs;
    inputs.push_back(inputs[0]);
  }));
  ASSERT_TRUE(fc.has_value()) << fc.status().message();
  const auto& fc_options =
      std::get<ir::FullyConnectedOptions>(fc->main_graph().operators[1].options);
  EXPECT_EQ(fc_options.activation, ir::FusedActivation::kNone);
  EXPECT_FALSE(fc_options.keep_num_dims);
  auto reshape = read(patched(conv_model(), [](schema::ModelT& m) { set_opcode(m, 1, 22, 22); }));
  ASSERT_TRUE(reshape.has_value()) << reshape.status().message();
  EXPECT_TRUE(
      std::get<ir::ReshapeOptions>(reshape->main_graph().operators[1].options).new_shape.empty());
}

TEST(ReaderOptions, ConvolutionWithoutOptionsHasStrideZero) {
  expect_rejected(
      patched(conv_model(),
              [](schema::ModelT& m) { m.subgraphs[0]->operators[0]->builtin_options.Reset(); }),
      ErrorCode::kInvalidInput, "subgraph 0 operator 0 (CONV_2D): stride_w 0 must be at least 1");
}

TEST(ReaderOptions, OptionValuesAreChecked) {
  auto conv = [](const std::function<void(schema::Conv2DOptionsT&)>& change) {
    return patched(conv_model(), [&](schema::ModelT& m) {
      change(*m.subgraphs[0]->operators[0]->builtin_options.AsConv2DOptions());
    });
  };
  expect_rejected(conv([](schema::Conv2DOptionsT& o) {
                    o.fused_activation_function = schema::ActivationFunctionType_TANH;
                  }),
                  ErrorCode::kUnsupported, "fused activation TANH is not supported");
  expect_rejected(conv([](schema::Conv2DOptionsT& o) {
                    o.fused_activation_function = schema::ActivationFunctionType_SIGN_BIT;
                  }),
                  ErrorCode::kUnsupported, "fused activation SIGN_BIT is not supported");
  expect_rejected(conv([](schema::Conv2DOptionsT& o) {
                    o.fused_activation_function = static_cast<schema::ActivationFunctionType>(9);
                  }),
                  ErrorCode::kInvalidInput, "unknown fused activation 9");
  expect_rejected(
      conv([](schema::Conv2DOptionsT& o) { o.padding = static_cast<schema::Padding>(3); }),
      ErrorCode::kInvalidInput, "unknown padding 3");
  expect_rejected(conv([](schema::Conv2DOptionsT& o) { o.stride_h = -2; }),
                  ErrorCode::kInvalidInput, "stride_h -2 must be at least 1");
  expect_rejected(conv([](schema::Conv2DOptionsT& o) { o.dilation_w_factor = 0; }),
                  ErrorCode::kInvalidInput, "dilation_w_factor 0 must be at least 1");
}

TEST(ReaderOptions, OptionsOfAnotherOperatorAreRejected) {
  expect_rejected(
      patched(conv_model(),
              [](schema::ModelT& m) {
                m.subgraphs[0]->operators[0]->builtin_options.Set(schema::SoftmaxOptionsT());
              }),
      ErrorCode::kInvalidInput, "builtin options are SoftmaxOptions, expected Conv2DOptions");
}

TEST(ReaderOptions, ShuffledFullyConnectedWeightsAreUnsupported) {
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) {
                            set_opcode(m, 1, 9, 9);
                            schema::FullyConnectedOptionsT options;
                            options.weights_format =
                                schema::FullyConnectedOptionsWeightsFormat_SHUFFLED4x16INT8;
                            m.subgraphs[0]->operators[1]->builtin_options.Set(options);
                          }),
                  ErrorCode::kUnsupported, "weights format SHUFFLED4x16INT8");
}

TEST(ReaderTensors, BufferSizeMustMatchShapeAndType) {
  ir::Model model = conv_model();
  model.main_graph().tensors[1].data.pop_back();
  auto read_back = read(written(model));
  ASSERT_FALSE(read_back.has_value());
  EXPECT_EQ(read_back.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(read_back.status().message(),
            "test.tflite: subgraph 0 tensor 1 'filter': buffer 1 holds 5 bytes, shape [3,1,1,2] "
            "int8 needs 6");
}

TEST(ReaderTensors, UnsupportedTypesNameTheTensor) {
  auto model = read(patched(conv_model(), [](schema::ModelT& m) {
    m.subgraphs[0]->tensors[0]->type = schema::TensorType_FLOAT16;
  }));
  ASSERT_FALSE(model.has_value());
  EXPECT_EQ(model.status().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(model.status().message(),
            "test.tflite: subgraph 0 tensor 0 'input': unsupported tensor type FLOAT16");
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) {
                            m.subgraphs[0]->tensors[4]->type = static_cast<schema::TensorType>(77);
                          }),
                  ErrorCode::kUnsupported, "tensor 4 'output': unsupported tensor type code 77");
}

TEST(ReaderTensors, EverySupportedTypeMaps) {
  const std::pair<schema::TensorType, ir::DataType> types[] = {
      {schema::TensorType_INT8, ir::DataType::kInt8},
      {schema::TensorType_UINT8, ir::DataType::kUInt8},
      {schema::TensorType_INT16, ir::DataType::kInt16},
      {schema::TensorType_INT32, ir::DataType::kInt32},
      {schema::TensorType_INT64, ir::DataType::kInt64},
      {schema::TensorType_FLOAT32, ir::DataType::kFloat32},
      {schema::TensorType_BOOL, ir::DataType::kBool},
      {schema::TensorType_RESOURCE, ir::DataType::kResource}};
  for (const auto& [type, expected] : types) {
    auto model = read(patched(conv_model(), [type = type](schema::ModelT& m) {
      m.subgraphs[0]->tensors[4]->type = type;
      m.subgraphs[0]->tensors[4]->quantization.reset();
    }));
    ASSERT_TRUE(model.has_value()) << model.status().message();
    EXPECT_EQ(model->main_graph().tensors[4].type, expected);
  }
}

TEST(ReaderTensors, Int4WeightsAreUnpackedToInt8LowNibbleFirst) {
  auto model = read(patched(conv_model(), [](schema::ModelT& m) {
    schema::TensorT& filter = *m.subgraphs[0]->tensors[1];
    filter.type = schema::TensorType_INT4;
    m.buffers[filter.buffer]->data = {0x21, 0xF8, 0x7E};
  }));
  ASSERT_TRUE(model.has_value()) << model.status().message();
  const ir::Tensor& filter = model->main_graph().tensors[1];
  EXPECT_EQ(filter.type, ir::DataType::kInt8);
  const std::vector<int8_t> expected = {1, 2, -8, -1, -2, 7};
  ASSERT_EQ(filter.data.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(static_cast<int8_t>(filter.data[i]), expected[i]) << "element " << i;
  }
  EXPECT_FALSE(filter.quantization.scales.empty());  // kept as read
}

TEST(ReaderTensors, Int4NeedsPackedConstantData) {
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) {
                            m.subgraphs[0]->tensors[0]->type = schema::TensorType_INT4;
                          }),
                  ErrorCode::kUnsupported, "tensor 0 'input': INT4 tensors are supported as "
                                           "constant weights only");
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) {
                            m.subgraphs[0]->tensors[1]->type = schema::TensorType_INT4;
                          }),
                  ErrorCode::kInvalidInput, "holds 6 bytes, shape [3,1,1,2] INT4 needs 3");
}

TEST(ReaderTensors, SparseTensorsAndCustomQuantizationAreUnsupported) {
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) {
                            m.subgraphs[0]->tensors[1]->sparsity =
                                std::make_unique<schema::SparsityParametersT>();
                          }),
                  ErrorCode::kUnsupported, "tensor 1 'filter': sparse tensors are not supported");
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) {
                            m.subgraphs[0]->tensors[0]->quantization->details.Set(
                                schema::CustomQuantizationT());
                          }),
                  ErrorCode::kUnsupported, "custom quantization");
}

TEST(ReaderTensors, ShapeRules) {
  auto with_shape = [](std::vector<int32_t> shape) {
    return patched(conv_model(),
                   [&](schema::ModelT& m) { m.subgraphs[0]->tensors[4]->shape = shape; });
  };
  EXPECT_TRUE(read(with_shape({1, 1, 2, 1, 1, 3})).has_value());
  EXPECT_TRUE(read(with_shape({0, 5})).has_value());
  EXPECT_TRUE(read(with_shape({})).has_value());
  expect_rejected(with_shape({1, 1, 1, 1, 1, 1, 1}), ErrorCode::kInvalidInput,
                  "rank 7 exceeds the maximum of 6");
  expect_rejected(with_shape({1, -1, 3}), ErrorCode::kInvalidInput,
                  "tensor 4 'output': negative dimension in shape [1,-1,3]");
  expect_rejected(with_shape({2147483647, 2147483647, 2147483647, 2147483647}),
                  ErrorCode::kInvalidInput, "exceeds the tensor size limit");
  expect_rejected(with_shape({65536, 32769}), ErrorCode::kInvalidInput,
                  "exceeds the tensor size limit");
}

TEST(ReaderTensors, AllTensorsTogetherAreCapped) {
  // Each tensor is below the per-tensor limit; the model's total is what is capped
  // (kMaxModelTensorBytes, 1 GiB), before anything is allocated.
  auto with_shapes = [](std::vector<int32_t> conv, std::vector<int32_t> output) {
    return patched(conv_model(), [&](schema::ModelT& m) {
      m.subgraphs[0]->tensors[3]->shape = conv;
      m.subgraphs[0]->tensors[4]->shape = output;
    });
  };
  EXPECT_TRUE(read(with_shapes({1, 16384, 16384, 1}, {1, 16384, 16384, 1})).has_value());
  expect_rejected(with_shapes({1, 16384, 16384, 2}, {1, 16384, 16384, 2}), ErrorCode::kInvalidInput,
                  "tensor 4 'output': the model's tensors need 1073741874 bytes so far, more than "
                  "the 1073741824-byte limit on all tensors of a model");
  // The fuzzer's file: one output of 2^31 - 1 bytes, under the per-tensor limit.
  expect_rejected(with_shapes({1, 4, 4, 3}, {2147483647, 1}), ErrorCode::kInvalidInput,
                  "the model's tensors need 2147483745 bytes so far");
}

TEST(ReaderTensors, BufferIndexIsChecked) {
  expect_rejected(
      patched(conv_model(), [](schema::ModelT& m) { m.subgraphs[0]->tensors[1]->buffer = 9; }),
      ErrorCode::kInvalidInput, "tensor 1 'filter': buffer 9 out of range");
}

TEST(ReaderTensors, EmptyBufferOfItsOwnMeansActivation) {
  auto model = read(patched(conv_model(), [](schema::ModelT& m) {
    m.buffers.push_back(std::make_unique<schema::BufferT>());
    m.subgraphs[0]->tensors[3]->buffer = static_cast<uint32_t>(m.buffers.size() - 1);
  }));
  ASSERT_TRUE(model.has_value()) << model.status().message();
  EXPECT_FALSE(model->main_graph().tensors[3].is_constant());
}

TEST(ReaderQuantization, Rules) {
  auto with_quantization = [](std::vector<float> scales, std::vector<int64_t> zero_points,
                              int32_t axis, size_t tensor = 1) {
    return patched(conv_model(), [&](schema::ModelT& m) {
      auto& q = *m.subgraphs[0]->tensors[tensor]->quantization;
      q.scale = scales;
      q.zero_point = zero_points;
      q.quantized_dimension = axis;
    });
  };
  // Filter [3,1,1,2]: three channels on axis 0, two on axis 3.
  EXPECT_TRUE(read(with_quantization({0.1f, 0.2f}, {0, 0}, 3)).has_value());
  EXPECT_TRUE(read(with_quantization({0.1f}, {}, 2)).has_value());
  expect_rejected(with_quantization({0.1f, 0.2f}, {0, 0}, 0), ErrorCode::kInvalidInput,
                  "2 per-channel scales for dimension 0 of shape [3,1,1,2] (size 3)");
  expect_rejected(with_quantization({0.1f, 0.2f}, {0, 0}, 4), ErrorCode::kInvalidInput,
                  "quantized dimension 4 outside shape [3,1,1,2]");
  expect_rejected(with_quantization({0.1f}, {0}, -1), ErrorCode::kInvalidInput,
                  "quantized dimension -1");
  expect_rejected(with_quantization({0.1f, 0.2f, 0.3f}, {0, 0}, 0), ErrorCode::kInvalidInput,
                  "3 quantization scales but 2 zero points");
  expect_rejected(with_quantization({}, {0}, 0), ErrorCode::kInvalidInput,
                  "1 quantization zero points but no scales");
  expect_rejected(with_quantization({0.1f}, {1000}, 0), ErrorCode::kInvalidInput,
                  "zero point 1000 outside the int8 range [-128,127]");
  expect_rejected(with_quantization({0.0f}, {0}, 0), ErrorCode::kInvalidInput,
                  "quantization scale must be finite and positive");
}

TEST(ReaderModel, SchemaVersionMustBeThree) {
  expect_rejected(patched(conv_model(), [](schema::ModelT& m) { m.version = 2; }),
                  ErrorCode::kUnsupported, "schema version 2, expected 3");
}

TEST(ReaderModel, FileIdentifier) {
  const std::vector<uint8_t> bytes = written(conv_model());
  std::unique_ptr<schema::ModelT> unpacked = schema::UnPackModel(bytes.data());
  auto without = read(pack(*unpacked, false));
  ASSERT_TRUE(without.has_value()) << without.status().message();
  EXPECT_TRUE(testing::models_equal(conv_model(), *without));
  std::vector<uint8_t> foreign = bytes;
  std::copy_n("ABCD", 4, foreign.begin() + 4);
  expect_rejected(foreign, ErrorCode::kInvalidInput, "file identifier 'ABCD' is not 'TFL3'");
}

// Four bytes inserted after the root offset shift every object by 4: a valid file
// whose int64 zero points sit at addresses 4 modulo 8, which the flatbuffers
// verifier does not check. Under UBSan this catches misaligned loads.
TEST(ReaderModel, FileShiftedByFourBytesReadsTheSame) {
  const std::vector<uint8_t> bytes = written(conv_model());
  std::vector<uint8_t> shifted(bytes.begin(), bytes.begin() + 4);
  const uint32_t root =
      static_cast<uint32_t>(bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24) + 4;
  for (size_t i = 0; i < 4; ++i) shifted[i] = static_cast<uint8_t>(root >> (8 * i));
  shifted.insert(shifted.end(), 4, 0);
  shifted.insert(shifted.end(), bytes.begin() + 4, bytes.end());
  const auto* zero_points = schema::GetModel(shifted.data())
                                ->subgraphs()
                                ->Get(0)
                                ->tensors()
                                ->Get(1)
                                ->quantization()
                                ->zero_point();
  ASSERT_EQ((zero_points->Data() - shifted.data()) % 8, 4);
  auto model = read(shifted);
  ASSERT_TRUE(model.has_value()) << model.status().message();
  EXPECT_TRUE(testing::models_equal(conv_model(), *model));
}

TEST(ReaderModel, NoSubgraphs) {
  expect_rejected(patched(conv_model(), [](schema::ModelT& m) { m.subgraphs.clear(); }),
                  ErrorCode::kInvalidInput, "model has no subgraphs");
}

TEST(ReaderModel, SubgraphInputsAndOutputsAreChecked) {
  expect_rejected(patched(conv_model(), [](schema::ModelT& m) { m.subgraphs[0]->inputs = {-1}; }),
                  ErrorCode::kInvalidInput, "subgraph 0 input 0 refers to tensor -1");
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) {
                            m.subgraphs[0]->outputs = {0, 7};
                          }),
                  ErrorCode::kInvalidInput, "subgraph 0 output 1 refers to tensor 7");
}

TEST(ReaderModel, SentinelBufferMustBeEmpty) {
  expect_rejected(patched(conv_model(), [](schema::ModelT& m) { m.buffers[0]->data = {7}; }),
                  ErrorCode::kInvalidInput, "buffer 0 must be the empty sentinel");
}

TEST(ReaderModel, MetadataBufferIndicesAreChecked) {
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) {
                            auto entry = std::make_unique<schema::MetadataT>();
                            entry->name = "info";
                            entry->buffer = 40;
                            m.metadata.push_back(std::move(entry));
                          }),
                  ErrorCode::kInvalidInput, "metadata 0 'info': buffer 40 out of range");
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) {
                            m.metadata_buffer = {1, -2};
                          }),
                  ErrorCode::kInvalidInput, "metadata_buffer entry 1: buffer -2 out of range");
}

// A model whose filter data lies after the flatbuffer, located by offset and size.
TEST(ReaderModel, BuffersOutsideTheFlatbuffer) {
  const ir::Model source = conv_model();
  const std::vector<uint8_t> filter = source.main_graph().tensors[1].data;
  auto layout = [&](uint64_t offset) {
    return patched(source, [&](schema::ModelT& m) {
      auto& buffer = *m.buffers[m.subgraphs[0]->tensors[1]->buffer];
      buffer.data.clear();
      buffer.offset = offset;
      buffer.size = filter.size();
    });
  };
  const size_t flatbuffer_size = layout(0xFFFFFFFFull).size();
  const size_t offset = (flatbuffer_size + 15) / 16 * 16;
  std::vector<uint8_t> bytes = layout(offset);
  ASSERT_EQ(bytes.size(), flatbuffer_size);
  bytes.resize(offset);
  bytes.insert(bytes.end(), filter.begin(), filter.end());
  auto model = read(bytes);
  ASSERT_TRUE(model.has_value()) << model.status().message();
  EXPECT_TRUE(testing::models_equal(source, *model));
  bytes.pop_back();
  expect_rejected(bytes, ErrorCode::kInvalidInput, "lies outside the");
}

TEST(ReaderModel, BufferWithDataAndOffsetIsRejected) {
  expect_rejected(patched(conv_model(),
                          [](schema::ModelT& m) {
                            m.buffers[m.subgraphs[0]->tensors[1]->buffer]->offset = 16;
                          }),
                  ErrorCode::kInvalidInput, "has both inline data and an offset");
}

ir::Model ethos_u_model(bool scratch_variable) {
  ir::Model model;
  ir::Graph graph;
  testing::GraphBuilder b(graph);
  const int32_t command_stream = b.constant("cms", {8}, ir::DataType::kUInt8);
  const int32_t flash = b.constant("flash", {4}, ir::DataType::kUInt8);
  const int32_t scratch = b.activation("scratch", {16}, ir::DataType::kUInt8);
  const int32_t fast = b.activation("scratch_fast", {16}, ir::DataType::kUInt8);
  graph.tensor(scratch).is_variable = scratch_variable;
  graph.tensor(fast).is_variable = scratch_variable;
  const int32_t input = b.activation("in", {1, 4});
  const int32_t output = b.activation("out", {1, 4});
  b.op(ir::OpType::kEthosU, {command_stream, flash, scratch, fast, input}, {output},
       ir::CustomOptions{"ethos-u", {9, 8, 7}, {}});
  graph.inputs = {input};
  graph.outputs = {output};
  model.graphs.push_back(std::move(graph));
  return model;
}

TEST(ReaderEthosU, ScratchOperandsBecomeVariables) {
  auto model = read(written(ethos_u_model(false)));
  ASSERT_TRUE(model.has_value()) << model.status().message();
  EXPECT_TRUE(testing::models_equal(ethos_u_model(true), *model));
}

TEST(ReaderEthosU, LargeCustomOptionsOutsideTheFlatbuffer) {
  const std::vector<uint8_t> options = {0xAB, 0xCD, 0xEF, 0x01, 0x23};
  auto layout = [&](uint64_t offset) {
    return patched(ethos_u_model(false), [&](schema::ModelT& m) {
      auto& op = *m.subgraphs[0]->operators[0];
      op.custom_options.clear();
      op.large_custom_options_offset = offset;
      op.large_custom_options_size = options.size();
    });
  };
  const size_t size = layout(0xFFFFFFFFull).size();
  std::vector<uint8_t> bytes = layout(size);
  ASSERT_EQ(bytes.size(), size);
  bytes.insert(bytes.end(), options.begin(), options.end());
  auto model = read(bytes);
  ASSERT_TRUE(model.has_value()) << model.status().message();
  EXPECT_EQ(std::get<ir::CustomOptions>(model->main_graph().operators[0].options).data, options);
  bytes.resize(bytes.size() - 1);
  expect_rejected(bytes, ErrorCode::kInvalidInput, "custom options: range of 5 bytes");
}

TEST(ReaderEthosU, CustomOptionsFormatMustBeFlexbuffers) {
  expect_rejected(patched(ethos_u_model(false),
                          [](schema::ModelT& m) {
                            m.subgraphs[0]->operators[0]->custom_options_format =
                                static_cast<schema::CustomOptionsFormat>(1);
                          }),
                  ErrorCode::kUnsupported, "custom options format 1");
}

TEST(ReaderMessages, ControlCharactersInNamesStayOnOneLine) {
  ir::Model model = conv_model();
  model.main_graph().tensors[1].name = "bad\nname\r";
  model.main_graph().tensors[1].data.pop_back();
  expect_rejected(written(model), ErrorCode::kInvalidInput, "tensor 1 'bad?name?': buffer 1");
  // The same for errors the IR verifier reports.
  ir::Model orphan = conv_model();
  ir::Tensor tensor;
  tensor.name = "line\none";
  tensor.shape = {1};
  orphan.main_graph().tensors.push_back(tensor);
  orphan.main_graph().operators[1].inputs[0] = 5;
  expect_rejected(written(orphan), ErrorCode::kInvalidInput,
                  "reads tensor 5 'line?one' before any operator produces it");
}

TEST(ReaderMessages, LongNamesAreShortenedInMessages) {
  ir::Model model = conv_model();
  model.main_graph().tensors[1].name = std::string(1000, 'n');
  model.main_graph().tensors[1].data.pop_back();
  auto read_back = read(written(model));
  ASSERT_FALSE(read_back.has_value());
  EXPECT_LT(read_back.status().message().size(), 300u);
  EXPECT_NE(read_back.status().message().find(std::string(64, 'n') + "...'"), std::string::npos);
}

TEST(ReaderLimits, SharedBuffersCannotMultiplyMemory) {
  auto shared_by = [](size_t tensors) {
    return patched(conv_model(), [tensors](schema::ModelT& m) {
      auto buffer = std::make_unique<schema::BufferT>();
      buffer->data.assign(size_t{1} << 16, 0x5A);
      m.buffers.push_back(std::move(buffer));
      for (size_t i = 0; i < tensors; ++i) {
        auto tensor = std::make_unique<schema::TensorT>();
        tensor->shape = {1 << 16};
        tensor->type = schema::TensorType_UINT8;
        tensor->buffer = static_cast<uint32_t>(m.buffers.size() - 1);
        m.subgraphs[0]->tensors.push_back(std::move(tensor));
      }
    });
  };
  auto few = read(shared_by(4));
  ASSERT_TRUE(few.has_value()) << few.status().message();
  EXPECT_EQ(few->main_graph().tensors.back().data.size(), size_t{1} << 16);
  expect_rejected(shared_by(300), ErrorCode::kInvalidInput, "times the");
}

TEST(ReaderLimits, TinyAndEmptyInputs) {
  auto empty = read_tflite(nullptr, 0, "empty.tflite");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.status().message(),
            "empty.tflite: file is 0 bytes, too short for a TensorFlow Lite model");
  auto null_data = read_tflite(nullptr, 12, "null.tflite");
  EXPECT_FALSE(null_data.has_value());
  const std::vector<uint8_t> seven(7, 0);
  EXPECT_FALSE(read(seven).has_value());
  const std::vector<uint8_t> zeros(64, 0);
  expect_rejected(zeros, ErrorCode::kInvalidInput, "not a valid TensorFlow Lite flatbuffer");
}

}  // namespace
}  // namespace vnpu::tflite
