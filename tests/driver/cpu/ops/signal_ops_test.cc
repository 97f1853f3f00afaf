// The TFLM signal-library operators in the CPU runtime: the noise estimate of
// SignalFilterBankSpectralSubtraction is state that persists across invokes and
// that reset_variables() clears (TFLM's Reset, filter_bank_spectral_subtraction
// _test.cc's *Reset cases), prepare refuses bad options, types and tables with
// one-line messages, and an int32 DIV by zero fails the invoke instead of
// trapping. The numerics are in tests/kernels/signal_*_test.cc and the
// audio_preprocessor_int8 golden (tests/golden/more_models_test.cc).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "driver/cpu/cpu_runtime.h"
#include "driver/cpu/ops.h"

namespace vnpu::driver::cpu {
namespace {

int32_t add_tensor(ir::Graph& graph, const std::string& name, ir::DataType type, ir::Shape shape) {
  ir::Tensor tensor;
  tensor.name = name;
  tensor.type = type;
  tensor.shape = std::move(shape);
  graph.tensors.push_back(tensor);
  return static_cast<int32_t>(graph.tensors.size() - 1);
}

template <typename T>
std::vector<uint8_t> bytes_of(const std::vector<T>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(T));
  std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

template <typename T>
std::vector<T> values_of(const std::vector<uint8_t>& bytes) {
  std::vector<T> values(bytes.size() / sizeof(T));
  std::memcpy(values.data(), bytes.data(), bytes.size());
  return values;
}

ir::Operator custom_op(ir::OpType type, std::map<std::string, int64_t> params) {
  ir::Operator op;
  op.type = type;
  op.options = ir::CustomOptions{ir::op_type_name(type), {}, std::move(params)};
  return op;
}

// SignalFilterBankSpectralSubtraction on 16 channels with the parameters of
// TFLM's test flexbuffer (see tests/kernels/signal_filter_bank_test.cc).
ir::Graph spectral_subtraction_graph() {
  ir::Graph graph;
  const int32_t in = add_tensor(graph, "in", ir::DataType::kUInt32, {16});
  const int32_t out = add_tensor(graph, "out", ir::DataType::kUInt32, {16});
  const int32_t noise = add_tensor(graph, "noise", ir::DataType::kUInt32, {16});
  ir::Operator op = custom_op(ir::OpType::kSignalFilterBankSpectralSubtraction,
                              {{"alternate_one_minus_smoothing", 15729},
                               {"alternate_smoothing", 655},
                               {"clamping", 0},
                               {"min_signal_remaining", 819},
                               {"num_channels", 16},
                               {"one_minus_smoothing", 15729},
                               {"smoothing", 655},
                               {"smoothing_bits", 0},
                               {"spectral_subtraction_bits", 14}});
  op.inputs = {in};
  op.outputs = {out, noise};
  graph.operators = {op};
  graph.inputs = {in};
  graph.outputs = {out, noise};
  return graph;
}

TEST(SignalSpectralSubtractionOp, NoiseEstimateIsStateThatResetClears) {
  const ir::Graph graph = spectral_subtraction_graph();
  auto runtime = CpuRuntime::create(graph);
  ASSERT_TRUE(runtime) << runtime.status().message();
  const std::vector<uint32_t> input = {393, 213, 408, 1,   361, 385, 386, 326,
                                       170, 368, 368, 305, 152, 322, 213, 319};
  const std::vector<uint32_t> first_output = {378, 205, 392, 1,   347, 370, 371, 313,
                                              164, 354, 354, 293, 146, 310, 205, 307};
  const std::vector<uint32_t> first_noise = {15, 8, 16, 0, 14, 15, 15, 13,
                                             6,  14, 14, 12, 6,  12, 8,  12};
  ASSERT_TRUE((*runtime)->set_input(0, bytes_of(input)));
  ASSERT_TRUE((*runtime)->invoke());
  EXPECT_EQ(values_of<uint32_t>((*runtime)->output(0)), first_output);
  EXPECT_EQ(values_of<uint32_t>((*runtime)->output(1)), first_noise);
  ASSERT_TRUE((*runtime)->invoke());
  // The second frame starts from the first estimate: (393 * 655 + 15 * 15729) >> 14 = 30.
  EXPECT_EQ(values_of<uint32_t>((*runtime)->output(1))[0], 30u);
  (*runtime)->reset_variables();
  ASSERT_TRUE((*runtime)->invoke());
  EXPECT_EQ(values_of<uint32_t>((*runtime)->output(0)), first_output);
  EXPECT_EQ(values_of<uint32_t>((*runtime)->output(1)), first_noise);
}

std::string prepare_error(const ir::Graph& graph) {
  auto runtime = CpuRuntime::create(graph);
  return runtime ? std::string() : runtime.status().message();
}

TEST(SignalSpectralSubtractionOp, RefusesMissingAndOutOfRangeOptions) {
  ir::Graph graph = spectral_subtraction_graph();
  auto& params = std::get<ir::CustomOptions>(graph.operators[0].options).params;
  params.erase("smoothing");
  EXPECT_NE(prepare_error(graph).find("custom option 'smoothing' is missing"), std::string::npos)
      << prepare_error(graph);
  params["smoothing"] = 655;
  params["spectral_subtraction_bits"] = 64;
  EXPECT_NE(prepare_error(graph).find("'spectral_subtraction_bits' = 64 is outside 0..63"),
            std::string::npos)
      << prepare_error(graph);
  params["spectral_subtraction_bits"] = 14;
  params["num_channels"] = 40;
  EXPECT_NE(prepare_error(graph).find("'num_channels' = 40 is outside 16..16"), std::string::npos)
      << prepare_error(graph);
}

TEST(SignalSpectralSubtractionOp, RefusesAnInputOfAnotherType) {
  ir::Graph graph = spectral_subtraction_graph();
  graph.tensors[0].type = ir::DataType::kInt32;
  const std::string error = prepare_error(graph);
  EXPECT_NE(error.find("SignalFilterBankSpectralSubtraction"), std::string::npos) << error;
  EXPECT_NE(error.find("input"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
}

// SignalFilterBank on 4 energy bins into 1 channel: constant tables whose
// starts and widths must stay inside the energy and the weights.
struct FilterBankGraph {
  ir::Graph graph;
  FilterBankGraph() {
    const int32_t in = add_tensor(graph, "energy", ir::DataType::kUInt32, {4});
    auto table = [&](const char* name, std::vector<int16_t> values) {
      const int32_t index =
          add_tensor(graph, name, ir::DataType::kInt16, {static_cast<int32_t>(values.size())});
      graph.tensors[static_cast<size_t>(index)].data = bytes_of(values);
      return index;
    };
    const int32_t weights = table("weights", {1, 2, 3});
    const int32_t unweights = table("unweights", {4, 5, 6});
    const int32_t frequency_starts = table("frequency_starts", {0, 1});
    const int32_t weight_starts = table("weight_starts", {0, 1});
    const int32_t widths = table("widths", {1, 2});
    const int32_t out = add_tensor(graph, "out", ir::DataType::kUInt64, {1});
    ir::Operator op = custom_op(ir::OpType::kSignalFilterBank, {{"num_channels", 1}});
    op.inputs = {in, weights, unweights, frequency_starts, weight_starts, widths};
    op.outputs = {out};
    graph.operators = {op};
    graph.inputs = {in};
    graph.outputs = {out};
  }
  void set_table(size_t input, std::vector<int16_t> values) {
    graph.tensors[static_cast<size_t>(graph.operators[0].inputs[input])].data = bytes_of(values);
  }
};

TEST(SignalFilterBankOp, AccumulatesWeightedBinsAfterTheScratchChannel) {
  FilterBankGraph g;
  auto runtime = CpuRuntime::create(g.graph);
  ASSERT_TRUE(runtime) << runtime.status().message();
  ASSERT_TRUE((*runtime)->set_input(0, bytes_of(std::vector<uint32_t>{10, 20, 30, 40})));
  ASSERT_TRUE((*runtime)->invoke());
  // Channel 0 (scratch) leaves unweight 4 * 10 = 40; channel 1 adds
  // 2 * 20 + 3 * 30 = 130.
  EXPECT_EQ(values_of<uint64_t>((*runtime)->output(0)), (std::vector<uint64_t>{170}));
}

TEST(SignalFilterBankOp, RefusesTablesThatReachOutsideTheirTensors) {
  FilterBankGraph g;
  g.set_table(5, {1, 3});  // channel 1: weights 1..3 of 3
  std::string error = prepare_error(g.graph);
  EXPECT_NE(error.find("channel 1: bins 1+3 or weights 1+3 outside the input"), std::string::npos)
      << error;
  g.set_table(5, {1, 2});
  g.set_table(3, {0, 3});  // channel 1: bins 3..4 of 4
  error = prepare_error(g.graph);
  EXPECT_NE(error.find("channel 1: bins 3+2"), std::string::npos) << error;
  g.set_table(3, {0, -1});
  error = prepare_error(g.graph);
  EXPECT_NE(error.find("channel 1: bins -1+2"), std::string::npos) << error;
}

TEST(SignalFilterBankOp, RefusesTablesThatAreNotConstant) {
  FilterBankGraph g;
  g.graph.tensors[static_cast<size_t>(g.graph.operators[0].inputs[4])].data.clear();
  g.graph.inputs.push_back(g.graph.operators[0].inputs[4]);
  const std::string error = prepare_error(g.graph);
  EXPECT_NE(error.find("channel weight starts"), std::string::npos) << error;
}

TEST(SignalRfftOp, RefusesALengthWithoutRadix2And4Butterflies) {
  ir::Graph graph;
  const int32_t in = add_tensor(graph, "in", ir::DataType::kInt16, {24});
  const int32_t out = add_tensor(graph, "out", ir::DataType::kInt16, {26});
  ir::Operator op = custom_op(ir::OpType::kSignalRfft, {{"T", 7}, {"fft_length", 24}});
  op.inputs = {in};
  op.outputs = {out};
  graph.operators = {op};
  graph.inputs = {in};
  graph.outputs = {out};
  std::string error = prepare_error(graph);
  EXPECT_NE(error.find("fft_length 24 is not supported"), std::string::npos) << error;
  std::get<ir::CustomOptions>(graph.operators[0].options).params["T"] = 1;  // float32
  error = prepare_error(graph);
  EXPECT_NE(error.find("only int16 (T = 7)"), std::string::npos) << error;
}

TEST(SignalWindowOp, RefusesAnInputThatIsNotWholeWindows) {
  ir::Graph graph;
  const int32_t in = add_tensor(graph, "in", ir::DataType::kInt16, {10});
  const int32_t weights = add_tensor(graph, "weights", ir::DataType::kInt16, {4});
  graph.tensors[static_cast<size_t>(weights)].data = bytes_of(std::vector<int16_t>{1, 2, 3, 4});
  const int32_t out = add_tensor(graph, "out", ir::DataType::kInt16, {10});
  ir::Operator op = custom_op(ir::OpType::kSignalWindow, {{"shift", 12}});
  op.inputs = {in, weights};
  op.outputs = {out};
  graph.operators = {op};
  graph.inputs = {in};
  graph.outputs = {out};
  const std::string error = prepare_error(graph);
  EXPECT_NE(error.find("not a whole number of 4-sample windows"), std::string::npos) << error;
}

TEST(S32DivOp, DivisionByZeroFailsTheInvoke) {
  ir::Graph graph;
  const int32_t a = add_tensor(graph, "a", ir::DataType::kInt32, {2});
  const int32_t b = add_tensor(graph, "b", ir::DataType::kInt32, {2});
  const int32_t out = add_tensor(graph, "out", ir::DataType::kInt32, {2});
  ir::Operator div;
  div.type = ir::OpType::kDiv;
  div.options = ir::ElementwiseOptions{};
  div.inputs = {a, b};
  div.outputs = {out};
  graph.operators = {div};
  graph.inputs = {a, b};
  graph.outputs = {out};
  auto runtime = CpuRuntime::create(graph);
  ASSERT_TRUE(runtime) << runtime.status().message();
  ASSERT_TRUE((*runtime)->set_input(0, bytes_of(std::vector<int32_t>{7, -7})));
  ASSERT_TRUE((*runtime)->set_input(1, bytes_of(std::vector<int32_t>{2, 2})));
  ASSERT_TRUE((*runtime)->invoke());
  EXPECT_EQ(values_of<int32_t>((*runtime)->output(0)), (std::vector<int32_t>{3, -3}));
  ASSERT_TRUE((*runtime)->set_input(1, bytes_of(std::vector<int32_t>{2, 0})));
  const Status status = (*runtime)->invoke();
  EXPECT_FALSE(status);
  EXPECT_NE(status.message().find("division by zero or overflow at output element 1"),
            std::string::npos)
      << status.message();
}

}  // namespace
}  // namespace vnpu::driver::cpu
