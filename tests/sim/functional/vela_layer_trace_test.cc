// Per-layer debugging aid for the Vela golden models: after every NPU
// operation of the seed-1 run, the operation's whole OFM (read back as NHWC
// int8 through its tiles and format) is compared with each of TFLM's seed-1
// intermediates of the same size. Vela renames and fuses tensors, so matching
// is by content. The test checks that the input of the NPU softmax (the OFM
// of the last operation with more than one output element before the first
// int32 OFM, where Vela's softmax lowering starts) is one of TFLM's
// intermediates, and prints the trace ("op 12 (word 431) kind 0 OFM 1600
// bytes == t25_...") when it is not, which shows the first layer that diverges.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "isa/accelerator_config.h"
#include "sim/functional/feature_map.h"
#include "sim/functional/kernel_geometry.h"
#include "tests/golden/shared_models.h"
#include "tests/sim/functional/vela_model_runner.h"

namespace vnpu::testing {
namespace {

struct Intermediate {
  std::string name;
  std::vector<uint8_t> bytes;
};

std::vector<Intermediate> load_intermediates(const std::string& model) {
  std::map<int, Intermediate> by_index;
  const std::string dir = model_file(model, "intermediates/seed1");
  if (!std::filesystem::exists(dir)) return {};
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 2 || name[0] != 't' || entry.path().extension() != ".npy") continue;
    Expected<std::vector<uint8_t>> bytes = read_npy_data(entry.path().string());
    if (!bytes) continue;
    by_index[std::stoi(name.substr(1))] = {name, *bytes};
  }
  std::vector<Intermediate> result;
  for (auto& [index, value] : by_index) result.push_back(value);
  return result;
}

// The OFM of `op` as NHWC bytes (8-bit OFMs only), or empty.
std::vector<uint8_t> read_ofm(const isa::Operation& op, const std::array<sim::MemoryRegion, 8>& regions) {
  if (op.state.ofm.type.bits != 8) return {};
  std::vector<uint8_t> shram;
  sim::NpuMemory memory;
  memory.regions = &regions;
  memory.shram = &shram;
  sim::FeatureMap ofm;
  const sim::FmShape shape = sim::ofm_shape(op.state);
  if (!sim::FeatureMap::bind(op.state.ofm, shape, memory, "OFM", &ofm).ok()) return {};
  std::vector<uint8_t> bytes;
  for (int32_t y = 0; y < shape.height; ++y) {
    for (int32_t x = 0; x < shape.width; ++x) {
      for (int32_t c = 0; c < shape.depth; ++c) {
        bytes.push_back(static_cast<uint8_t>(ofm.read(y, x, c)));
      }
    }
  }
  return bytes;
}

class VelaLayerTraceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(VelaLayerTraceTest, SoftmaxInputIsReproduced) {
  if (!shared_models_present()) GTEST_SKIP() << "shared models not found at " << shared_models_dir();
  const std::string model_name = GetParam();
  const std::vector<Intermediate> intermediates = load_intermediates(model_name);
  if (intermediates.size() < 2) GTEST_SKIP() << model_name << ": no intermediates";
  for (const char* config_name : {"ethos-u55-128", "ethos-u55-256"}) {
    const std::string path = model_file(
        model_name, std::string("vela/") + config_name + "/" + model_name + "_vela.tflite");
    Expected<VelaModel> model = load_vela_model(path);
    ASSERT_TRUE(model.has_value()) << model.status().message();
    Expected<std::vector<uint8_t>> input = read_npy_data(model_file(model_name, "input_1_0.npy"));
    ASSERT_TRUE(input.has_value());
    std::ostringstream trace;
    int index = 0;
    bool softmax_started = false;
    bool last_matched = false;  // of the last multi-element 8-bit OFM before the softmax
    auto observer = [&](const isa::Operation& op, const std::array<sim::MemoryRegion, 8>& regions) {
      ++index;
      if (op.kind == isa::OperationKind::kDmaStart) return;
      if (op.state.ofm.type.bits == 32) softmax_started = true;
      const std::vector<uint8_t> ofm = read_ofm(op, regions);
      bool matched = false;
      trace << "op " << index << " (word " << op.word_offset << ") kind "
            << static_cast<int>(op.kind) << " OFM " << ofm.size() << " bytes";
      for (size_t i = 0; i < intermediates.size(); ++i) {
        if (!ofm.empty() && ofm == intermediates[i].bytes) {
          matched = true;
          trace << " == " << intermediates[i].name;
        }
      }
      trace << "\n";
      if (!softmax_started && ofm.size() > 1) last_matched = matched;
    };
    Expected<isa::AcceleratorConfig> config = isa::find_accelerator_config(config_name);
    ASSERT_TRUE(config.has_value());
    Expected<VelaRun> run = run_vela_model(*model, *config, {*input}, observer);
    ASSERT_TRUE(run.has_value()) << run.status().message();
    EXPECT_TRUE(run->npu.ok()) << run->npu.message;
    EXPECT_TRUE(softmax_started) << config_name << ": no softmax lowering found";
    EXPECT_TRUE(last_matched) << config_name << ": the softmax input is no TFLM intermediate\n"
                              << trace.str();
  }
}

INSTANTIATE_TEST_SUITE_P(SharedModels, VelaLayerTraceTest,
                         ::testing::Values("kws_dscnn", "vww_mobilenetv1", "ic_resnet8",
                                           "person_detect"));

}  // namespace
}  // namespace vnpu::testing
