// The firmware's in-place TFLite reader against the C++ reader (tflite/) on
// every shared model and Vela output, and against seeded corruptions.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "../../golden/shared_models.h"
#include "compiler/compile_model.h"
#include "tests/firmware/functional_shim.h"
#include "runner_support.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu::firmware::testing {
namespace {

void expect_same_as_cpp_reader(const std::string& path, std::vector<uint8_t> bytes = {}) {
  SCOPED_TRACE(path);
  if (bytes.empty()) bytes = read_file(path);
  auto model = std::make_unique<vnpu_model>();
  ASSERT_TRUE(vnpu_model_load(model.get(), bytes.data(), static_cast<uint32_t>(bytes.size())))
      << model->error;
  auto reference = vnpu::tflite::read_tflite(bytes.data(), bytes.size(), path);
  ASSERT_TRUE(reference) << reference.status().message();
  const ir::Graph& graph = reference->main_graph();
  ASSERT_EQ(model->tensor_count, graph.tensors.size());
  ASSERT_EQ(model->operator_count, graph.operators.size());
  ASSERT_EQ(model->input_count, graph.inputs.size());
  ASSERT_EQ(model->output_count, graph.outputs.size());
  for (size_t o = 0; o < graph.operators.size(); ++o) {
    const ir::Operator& op = graph.operators[o];
    EXPECT_EQ(model->operators[o].ethos_u, op.type == ir::OpType::kEthosU) << "operator " << o;
    ASSERT_EQ(model->operators[o].input_count, op.inputs.size()) << "operator " << o;
    for (size_t i = 0; i < op.inputs.size(); ++i) {
      EXPECT_EQ(model->operators[o].inputs[i], op.inputs[i]) << "operator " << o;
    }
  }
  for (size_t t = 0; t < graph.tensors.size(); ++t) {
    const ir::Tensor& tensor = graph.tensors[t];
    const vnpu_tensor& ours = model->tensors[t];
    ASSERT_EQ(ours.rank, tensor.shape.size()) << "tensor " << t;
    for (size_t d = 0; d < tensor.shape.size(); ++d) EXPECT_EQ(ours.dims[d], tensor.shape[d]);
    EXPECT_EQ(ours.data != nullptr, tensor.is_constant()) << "tensor " << t;
    if (ours.data != nullptr) {
      ASSERT_EQ(ours.bytes, tensor.data.size()) << "tensor " << t;
      EXPECT_EQ(0, std::memcmp(ours.data, tensor.data.data(), ours.bytes)) << "tensor " << t;
    }
    ASSERT_EQ(ours.scale_count, tensor.quantization.scales.size()) << "tensor " << t;
    for (uint32_t s = 0; s < ours.scale_count; ++s) {
      EXPECT_EQ(vnpu_tensor_scale(model.get(), &ours, s), tensor.quantization.scales[s]);
    }
  }
}

TEST(FirmwareModel, ReadsEverySharedModelAsTheCppReaderDoes) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  const std::vector<std::string> files = shared_model_files();
  ASSERT_EQ(files.size(), vnpu::testing::shared_model_names().size());
  for (const std::string& path : files) expect_same_as_cpp_reader(path);
}

TEST(FirmwareModel, ReadsEveryVelaOutputAsTheCppReaderDoes) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  const std::vector<std::string> files = shared_vela_files();
  ASSERT_GE(files.size(), 12u);
  for (const std::string& path : files) expect_same_as_cpp_reader(path);
}

TEST(FirmwareModel, ReadsEveryVnpuCompiledModelAsTheCppReaderDoes) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  for (const std::string& path : shared_model_files()) {
    auto model = vnpu::tflite::load_tflite(path);
    ASSERT_TRUE(model) << model.status().message();
    auto compiled = compiler::compile_model(std::move(*model), compiler::CompilerOptions{});
    ASSERT_TRUE(compiled) << path << ": " << compiled.status().message();
    auto bytes = vnpu::tflite::write_tflite(compiled->output);
    ASSERT_TRUE(bytes) << bytes.status().message();
    expect_same_as_cpp_reader(path + " (vnpu compile)", *bytes);
  }
}

TEST(FirmwareModel, RefusesTruncatedAndForeignBuffersWithAMessage) {
  auto model = std::make_unique<vnpu_model>();
  const uint8_t tiny[4] = {1, 2, 3, 4};
  EXPECT_FALSE(vnpu_model_load(model.get(), tiny, sizeof tiny));
  EXPECT_STREQ(model->error, "model: shorter than a flatbuffer header");
  const uint8_t foreign[16] = {8, 0, 0, 0, 'N', 'O', 'P', 'E'};
  EXPECT_FALSE(vnpu_model_load(model.get(), foreign, sizeof foreign));
  EXPECT_STREQ(model->error, "model: identifier is not TFL3");
  EXPECT_FALSE(vnpu_model_load(model.get(), nullptr, 100));
}

// Mutations of a model: 1-8 random bytes set to random values, or (one in
// eight) the buffer cut short. Each must init cleanly or fail with a message; a
// model that inits is also run: its CPU operators on the runner's kernels, its
// ethos-u operators (`with_npu`; otherwise they are refused at init, after the
// reader and the plan) through the C driver on the functional NPU (an NPU fault
// is a clean failure too). Under the sanitizer build (VNPU_SANITIZE) any
// out-of-bounds access is a failure.
void fuzz_model(const std::string& path, uint32_t seed, int mutations, bool with_npu) {
  const std::vector<uint8_t> original = read_file(path);
  ASSERT_FALSE(original.empty()) << path;
  std::mt19937 random(seed);
  auto host = make_host_runner(256 * 1024);
  auto config = isa::find_accelerator_config("ethos-u55-128");
  ASSERT_TRUE(config);
  FunctionalShim shim(*config);
  vnpu_driver driver{};
  shim.attach(&driver);
  ASSERT_EQ(vnpu_init(&driver, shim.hal(), nullptr, 0, false, false), VNPU_OK);
  int ran = 0, refused = 0, npu_faults = 0, no_npu = 0;
  for (int i = 0; i < mutations; ++i) {
    std::vector<uint8_t> bytes = original;
    if (random() % 8 == 0) {
      bytes.resize(random() % bytes.size());
    } else {
      const uint32_t changes = 1 + random() % 8;
      for (uint32_t c = 0; c < changes; ++c) {
        bytes[random() % bytes.size()] = static_cast<uint8_t>(random());
      }
    }
    shim.device.unmap_all();
    shim.map_at_own_address(bytes.data(), bytes.size());
    shim.map_at_own_address(host->arena.data(), host->arena.size());
    vnpu_run_status status =
        vnpu_runner_init(&host->runner, &host->model, bytes.data(),
                         static_cast<uint32_t>(bytes.size()), host->arena.data(),
                         static_cast<uint32_t>(host->arena.size()), with_npu ? &driver : nullptr);
    if (status == VNPU_RUN_OK) {
      status = vnpu_runner_invoke(&host->runner);
      EXPECT_TRUE(status == VNPU_RUN_OK || status == VNPU_RUN_NPU_FAILED) << "mutation " << i;
      status == VNPU_RUN_OK ? ++ran : ++npu_faults;
    } else {
      status == VNPU_RUN_NO_NPU ? ++no_npu : ++refused;
    }
    if (status != VNPU_RUN_OK) {
      EXPECT_NE(host->runner.error[0], '\0') << "mutation " << i << " failed without a message";
    }
  }
  EXPECT_GT(refused, 0) << path;
  if (with_npu) {
    EXPECT_GT(ran, 0) << path;
  }
  std::printf("%s: %d mutations, %d ran, %d NPU faults, %d read and planned (no NPU given), "
              "%d refused\n", path.c_str(), mutations, ran, npu_faults, no_npu, refused);
}

TEST(FirmwareModelFuzz, TenThousandMutationsOfTheKwsVelaModelParseOrAreRefused) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  fuzz_model(vnpu::testing::model_file("kws_dscnn", "vela/ethos-u55-128/kws_dscnn_vela.tflite"), 1,
             10000, false);
}

TEST(FirmwareModelFuzz, TenThousandMutationsOfTheHelloWorldVelaModelRunOrAreRefused) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  fuzz_model(vnpu::testing::model_file("hello_world", "vela/ethos-u55-128/hello_world_vela.tflite"),
             3, 10000, true);
}

TEST(FirmwareModelFuzz, TenThousandMutationsOfHelloWorldRunOrAreRefused) {
  if (!vnpu::testing::shared_models_present()) GTEST_SKIP() << "no shared models";
  fuzz_model(vnpu::testing::model_file("hello_world", "model.tflite"), 2, 10000, false);
}

}  // namespace
}  // namespace vnpu::firmware::testing
