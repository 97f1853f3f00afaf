// The 16x8 CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED, MEAN and
// RESIZE_BILINEAR lowerings compiled whole (vnpu's compiler, ethos-u55-128
// and -256) and run on the SystemC NPU: outputs byte-identical to the CPU
// runtime on the source model for random inputs, every NPU run clean. (The
// functional NPU runs the same forms over random shapes in
// tests/compiler/codegen/lower_conv16_test.cc, lower_mean_test.cc and
// lower_resize_bilinear_test.cc.)
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "compiler/compile_model.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/systemc_backend.h"
#include "driver/tensor_io.h"
#include "models/graph_builder.h"
#include "perf/system_config.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu {
namespace {

int32_t activation(models::GraphBuilder& b, const std::string& name, const ir::Shape& shape,
                   float scale, int32_t zero_point, ir::DataType type) {
  const int32_t index = b.add_activation(name, shape, {scale, zero_point});
  b.graph().tensors[static_cast<size_t>(index)].type = type;
  return index;
}

int32_t int64_bias(models::GraphBuilder& b, int32_t channels, int64_t step, float scale) {
  ir::Tensor t;
  t.name = "bias";
  t.type = ir::DataType::kInt64;
  t.shape = {channels};
  t.quantization.scales = {scale};
  t.quantization.zero_points = {0};
  std::vector<int64_t> values;
  for (int32_t c = 0; c < channels; ++c) values.push_back((c % 2 ? -1 : 1) * step * (c + 1));
  t.data.resize(values.size() * 8);
  std::memcpy(t.data.data(), values.data(), t.data.size());
  b.graph().tensors.push_back(std::move(t));
  return static_cast<int32_t>(b.graph().tensors.size() - 1);
}

struct Case {
  std::string name;
  ir::Model model;
};

std::vector<Case> cases() {
  const ir::DataType i16 = ir::DataType::kInt16;
  std::vector<Case> out;
  {
    models::GraphBuilder b("conv16", 1);
    const int32_t in = activation(b, "in", {1, 9, 7, 13}, 0.002f, 0, i16);
    const int32_t out_t = activation(b, "out", {1, 5, 4, 11}, 0.05f, 0, i16);
    const std::vector<float> ws = {0.01f,  0.02f,  0.015f, 0.01f,  0.012f, 0.018f,
                                   0.011f, 0.013f, 0.017f, 0.019f, 0.014f};
    const int32_t w = b.add_weights("w", {11, 3, 3, 13}, 0, ws);
    b.add_op(ir::OpType::kConv2d, {in, w, int64_bias(b, 11, 100000, 2e-5f)}, {out_t},
             ir::Conv2dOptions{ir::Padding::kSame, 2, 2, 1, 1, ir::FusedActivation::kRelu});
    b.set_io({in}, {out_t});
    out.push_back({"conv_16x8", b.finish("t")});
  }
  {
    models::GraphBuilder b("dw16", 2);
    const int32_t in = activation(b, "in", {1, 10, 6, 20}, 0.002f, 0, i16);
    const int32_t out_t = activation(b, "out", {1, 10, 6, 20}, 0.02f, 0, i16);
    const int32_t w = b.add_weights("w", {1, 3, 3, 20}, 3, {0.01f});
    b.add_op(
        ir::OpType::kDepthwiseConv2d, {in, w, int64_bias(b, 20, 3000, 2e-5f)}, {out_t},
        ir::DepthwiseConv2dOptions{ir::Padding::kSame, 1, 1, 1, 2, 2, ir::FusedActivation::kNone});
    b.set_io({in}, {out_t});
    out.push_back({"depthwise_16x8", b.finish("t")});
  }
  {
    models::GraphBuilder b("fc16", 3);
    const int32_t in = activation(b, "in", {3, 70}, 0.003f, 0, i16);
    const int32_t out_t = activation(b, "out", {3, 17}, 0.2f, 0, i16);
    const int32_t w = b.add_weights("w", {17, 70}, 0, {0.01f});
    b.add_op(ir::OpType::kFullyConnected, {in, w}, {out_t},
             ir::FullyConnectedOptions{ir::FusedActivation::kNone, false});
    b.set_io({in}, {out_t});
    out.push_back({"fully_connected_16x8", b.finish("t")});
  }
  for (ir::DataType type : {ir::DataType::kInt8, i16}) {
    models::GraphBuilder b("mean", 4);
    const int32_t in = activation(b, "in", {1, 12, 9, 21}, 0.04f, -7, type);
    const int32_t out_t = activation(b, "out", {1, 21}, 0.01f, 5, type);
    b.add_op(ir::OpType::kMean, {in, b.add_int32_constant("axes", {1, 2})}, {out_t},
             ir::ReducerOptions{false});
    b.set_io({in}, {out_t});
    out.push_back({std::string("mean_") + ir::data_type_name(type), b.finish("t")});
  }
  {
    models::GraphBuilder b("bilinear", 5);
    const int32_t in = b.add_activation("in", {1, 7, 5, 10}, {0.1f, 2});
    const int32_t out_t = b.add_activation("out", {1, 14, 10, 10}, {0.1f, 2});
    b.add_op(ir::OpType::kResizeBilinear, {in, b.add_int32_constant("size", {14, 10})}, {out_t},
             ir::ResizeOptions{});
    b.set_io({in}, {out_t});
    out.push_back({"resize_bilinear_2x", b.finish("t")});
  }
  return out;
}

std::vector<uint8_t> run(const ir::Graph& graph, const driver::cpu::CpuOptions& options,
                         const std::vector<uint8_t>& input) {
  auto runtime = driver::cpu::CpuRuntime::create(graph, options);
  EXPECT_TRUE(runtime) << runtime.status().message();
  if (!runtime) return {};
  EXPECT_TRUE((*runtime)->set_input(0, input));
  const Status status = (*runtime)->invoke();
  EXPECT_TRUE(status) << status.message();
  return (*runtime)->output(0);
}

TEST(SystemcCompiledLowerings, OutputsMatchTheCpuRuntime) {
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  for (const Case& c : cases()) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      SCOPED_TRACE(c.name + " on " + config);
      compiler::CompilerOptions options;
      options.accelerator_config = config;
      options.memory_mode = *ini.find_memory_mode(perf::kDefaultMemoryMode);
      auto compiled = compiler::compile_model(c.model, options);
      ASSERT_TRUE(compiled) << compiled.status().message();
      EXPECT_EQ(compiled->front.partition.cpu_count(), 0u);
      auto bytes = tflite::write_tflite(compiled->output);
      ASSERT_TRUE(bytes) << bytes.status().message();
      auto model = tflite::read_tflite(bytes->data(), bytes->size(), "compiled");
      ASSERT_TRUE(model) << model.status().message();

      auto log = std::make_shared<driver::npu::SystemcLog>();
      driver::cpu::CpuOptions npu_options;
      npu_options.npu_prepare =
          driver::npu::systemc_npu_prepare({*isa::find_accelerator_config(config),
                                            *ini.find_system_config(perf::kDefaultSystemConfig),
                                            *ini.find_memory_mode(perf::kDefaultMemoryMode), false},
                                           log);
      auto offsets = tflite::read_offline_memory_plan(*model);
      ASSERT_TRUE(offsets) << offsets.status().message();
      npu_options.fixed_offsets = *offsets;

      const ir::Graph& source = c.model.main_graph();
      const std::vector<uint8_t> input =
          driver::random_input_bytes(source.tensor(source.inputs[0]), 11);
      const std::vector<uint8_t> expected = run(source, driver::cpu::CpuOptions{}, input);
      EXPECT_EQ(run(model->main_graph(), npu_options, input), expected);
      ASSERT_FALSE(log->runs.empty()) << "the compiled model has no ethos-u operator";
      for (const driver::npu::SystemcOpRun& r : log->runs)
        EXPECT_TRUE(r.record.ok()) << r.record.message;
    }
  }
}

}  // namespace
}  // namespace vnpu
