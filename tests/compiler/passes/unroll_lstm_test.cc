// unroll_lstm: random int8 and 16x8 LSTMs (batch- and time-major, with and
// without cell clipping) unroll, keep the CPU kernel's outputs and state on
// the CPU runtime, compile entirely onto the NPU (ethos-u55-32 and -64: where
// the int16 LOGISTIC's tables fit the 16 KB SHRAM) and run there
// byte-identical to the kernel, on the first invocation and on the next (the
// state carries over). The LSTMs of the shared models run on the functional NPU
// byte-identical to TFLM's intermediate output.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "compiler/compile_model.h"
#include "compiler/passes/passes.h"
#include "core/deterministic_rng.h"
#include "driver/npy.h"
#include "ir/graph_edit.h"
#include "ir/sequence_lstm.h"
#include "models/graph_builder.h"
#include "tests/compiler/compiler_testing.h"
#include "tests/golden/shared_models.h"
#include "tflite/reader.h"

namespace vnpu::compiler {
namespace {

namespace lstm = ir::sequence_lstm;

struct Case {
  ir::Model model;
  std::string label;
};

ir::Tensor quantized(const std::string& name, ir::DataType type, ir::Shape shape, float scale,
                     int64_t zero_point) {
  ir::Tensor t;
  t.name = name;
  t.type = type;
  t.shape = std::move(shape);
  t.quantization.scales = {scale};
  t.quantization.zero_points = {zero_point};
  return t;
}

int32_t add_weights(models::GraphBuilder& b, const std::string& name, int32_t rows, int32_t cols,
                    float scale) {
  ir::Tensor t = quantized(name, ir::DataType::kInt8, {rows, cols}, scale, 0);
  for (int64_t i = 0; i < int64_t{rows} * cols; ++i) {
    t.data.push_back(static_cast<uint8_t>(static_cast<int8_t>(b.rng().uniform(-127, 127))));
  }
  return ir::add_tensor(b.graph(), std::move(t));
}

// Bias values within +-`range` real units at scale input x weights.
int32_t add_bias(models::GraphBuilder& b, const std::string& name, int32_t count, float scale,
                 bool wide, double range) {
  ir::Tensor t =
      quantized(name, wide ? ir::DataType::kInt64 : ir::DataType::kInt32, {count}, scale, 0);
  const auto limit = static_cast<int32_t>(std::min(range / static_cast<double>(scale), 1e9));
  for (int32_t i = 0; i < count; ++i) {
    const int64_t v = b.rng().uniform(-limit, limit);
    const size_t bytes = wide ? 8 : 4;
    const size_t at = t.data.size();
    t.data.resize(at + bytes);
    if (wide) {
      std::memcpy(t.data.data() + at, &v, 8);
    } else {
      const auto v32 = static_cast<int32_t>(v);
      std::memcpy(t.data.data() + at, &v32, 4);
    }
  }
  return ir::add_tensor(b.graph(), std::move(t));
}

Case random_lstm(DeterministicRng& rng, uint64_t seed) {
  models::GraphBuilder b("lstm", seed);
  const bool wide = rng.uniform(0, 3) == 0;
  const bool time_major = rng.uniform(0, 2) == 0;
  const int32_t batches = rng.uniform(1, 3);
  const int32_t steps = rng.uniform(1, 6);
  const int32_t input_size = rng.uniform(1, 24);
  const int32_t state = rng.uniform(1, 20);
  const ir::DataType act = wide ? ir::DataType::kInt16 : ir::DataType::kInt8;
  const float levels = wide ? 32768.0f : 128.0f;
  const float input_range = 0.5f + 3.0f * static_cast<float>(rng.unit());
  const int32_t input_zp = wide ? 0 : rng.uniform(-20, 20);
  const int32_t hidden_zp = wide ? 0 : rng.uniform(-3, 3);
  const int32_t cell_power = rng.uniform(-13, -9);
  const float cell_scale = std::ldexp(1.0f, cell_power);
  const ir::Shape in_shape =
      time_major ? ir::Shape{steps, batches, input_size} : ir::Shape{batches, steps, input_size};
  const ir::Shape out_shape =
      time_major ? ir::Shape{steps, batches, state} : ir::Shape{batches, steps, state};
  const float input_scale = input_range / levels;
  const float hidden_scale = 1.0f / levels;
  std::vector<int32_t> operands(lstm::kOperandCount, ir::kNoTensor);
  operands[lstm::kInput] =
      ir::add_tensor(b.graph(), quantized("x", act, in_shape, input_scale, input_zp));
  // Weights so that a gate's sum is a few units: |w| ~ 4 / (sqrt(depth) * range).
  const float input_w = 4.0f / (std::sqrt(static_cast<float>(input_size)) * input_range) / 127.0f;
  const float recurrent_w = 4.0f / std::sqrt(static_cast<float>(state)) / 127.0f;
  for (const lstm::GateOperands& gate :
       {lstm::kInputGate, lstm::kForgetGate, lstm::kCellGate, lstm::kOutputGate}) {
    const std::string g = "g" + std::to_string(gate.bias);
    const float wi = input_w * (0.5f + static_cast<float>(rng.unit()));
    const float wr = recurrent_w * (0.5f + static_cast<float>(rng.unit()));
    operands[static_cast<size_t>(gate.input_weights)] =
        add_weights(b, g + "/wi", state, input_size, wi);
    operands[static_cast<size_t>(gate.recurrent_weights)] =
        add_weights(b, g + "/wr", state, state, wr);
    operands[static_cast<size_t>(gate.bias)] =
        add_bias(b, g + "/bias", state, input_scale * wi, wide, 1.0);
  }
  ir::Tensor hidden = quantized("h", act, {batches, state}, hidden_scale, hidden_zp);
  hidden.is_variable = true;
  ir::Tensor cell = quantized("c", ir::DataType::kInt16, {batches, state}, cell_scale, 0);
  cell.is_variable = true;
  operands[lstm::kHiddenState] = ir::add_tensor(b.graph(), std::move(hidden));
  operands[lstm::kCellState] = ir::add_tensor(b.graph(), std::move(cell));
  const int32_t out =
      ir::add_tensor(b.graph(), quantized("y", act, out_shape, hidden_scale, hidden_zp));
  ir::SequenceLstmOptions options;
  options.time_major = time_major;
  options.cell_clip = rng.uniform(0, 2) == 0 ? 0.0f : 1.0f + 3.0f * static_cast<float>(rng.unit());
  b.add_op(ir::OpType::kUnidirectionalSequenceLstm, operands, {out}, options);
  b.set_io({operands[lstm::kInput]}, {out});
  const std::string label =
      std::string(wide ? "16x8" : "int8") + (time_major ? " time-major " : " batch-major ") +
      std::to_string(batches) + "x" + std::to_string(steps) + "x" + std::to_string(input_size) +
      " state " + std::to_string(state) + " cell 2^" + std::to_string(cell_power) + " clip " +
      std::to_string(options.cell_clip);
  return {b.finish("t"), label};
}

TEST(UnrollLstm, RandomLstmsRunOnTheNpuAsTheKernelComputesThem) {
  int on_npu = 0;
  for (int i = 0; i < 200; ++i) {
    const auto seed = static_cast<uint64_t>(52000 + i);
    DeterministicRng rng(seed);
    const Case c = random_lstm(rng, seed);
    SCOPED_TRACE(c.label);
    const ir::Model after = testing::run_pass_and_compare(c.model, unroll_lstm);
    EXPECT_EQ(testing::count_ops(after.main_graph(), ir::OpType::kUnidirectionalSequenceLstm), 0u);
    CompilerOptions options;
    options.accelerator_config = testing::random_accelerator(rng);
    const std::string refusal = testing::npu_refusal(c.model, options);
    on_npu += refusal.empty() ? 1 : 0;
    // Only the int16 LOGISTIC's two lookup tables cannot share a 16 KB SHRAM.
    if (!refusal.empty()) {
      EXPECT_NE(refusal.find("16 KB SHRAM"), std::string::npos) << refusal;
    }
    const auto inputs = testing::random_inputs(c.model.main_graph(), seed);
    // The second invocation starts from the state the first left.
    for (int invocations : {1, 2}) {
      EXPECT_EQ(testing::compile_and_compare(c.model, options, inputs, invocations), "")
          << options.accelerator_config << ", invocation " << invocations;
    }
  }
  EXPECT_GE(on_npu, 90);  // every case on ethos-u55-128 and -256 (half the draws)
}

TEST(UnrollLstm, StateCarriesOverToTheNextInvocation) {
  DeterministicRng rng(7);
  const Case c = random_lstm(rng, 7);
  const auto inputs = testing::random_inputs(c.model.main_graph(), 7);
  const auto first = testing::run_cpu(c.model.main_graph(), inputs, 1);
  const auto second = testing::run_cpu(c.model.main_graph(), inputs, 2);
  ASSERT_TRUE(first && second);
  EXPECT_NE(*first, *second) << "the state must change the second invocation's output";
}

TEST(UnrollLstm, SharedLstmModelsRunOnTheNpuByteIdenticalToTflm) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  for (const char* name : {"micro_speech_lstm", "mnist_lstm"}) {
    SCOPED_TRACE(name);
    const std::string dir = vnpu::testing::more_models_dir() + "/" + name;
    auto model = tflite::load_tflite(dir + "/model.tflite");
    ASSERT_TRUE(model) << model.status().message();
    // The model up to its LSTM, whose output TFLM's intermediates hold.
    ir::Graph& graph = model->main_graph();
    ASSERT_EQ(graph.operators[0].type, ir::OpType::kUnidirectionalSequenceLstm);
    const int32_t lstm_output = graph.operators[0].outputs[0];
    graph.operators.resize(1);
    graph.outputs = {lstm_output};
    auto input = driver::load_npy(dir + "/input_1_0.npy");
    ASSERT_TRUE(input) << input.status().message();
    auto expected = driver::load_npy(dir + "/intermediates/seed1/t" + std::to_string(lstm_output) +
                                     "_tfl.unidirectional_sequence_lstm.npy");
    ASSERT_TRUE(expected) << expected.status().message();
    for (const char* accelerator : {"ethos-u55-128", "ethos-u55-256"}) {
      CompilerOptions options;
      options.accelerator_config = accelerator;
      EXPECT_EQ(testing::npu_refusal(*model, options), "") << accelerator;
      auto compiled = compile_model(*model, options);
      ASSERT_TRUE(compiled) << compiled.status().message();
      auto outputs = testing::run_compiled(compiled->output, accelerator, {input->data});
      ASSERT_TRUE(outputs) << outputs.status().message();
      EXPECT_EQ(outputs->at(0), expected->data) << accelerator;
    }
  }
}

}  // namespace
}  // namespace vnpu::compiler
