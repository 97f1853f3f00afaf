// The run loop: command streams built with the ISA encoder run end to end
// (DMA, LUT load into SHRAM, elementwise), and every malformed stream or bad
// address stops the NPU with the fault the hardware would raise and the word
// offset of the command, without touching memory outside the regions given
// (the suite also runs under AddressSanitizer).
#include "sim/functional/functional_npu.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "isa/command_encoder.h"
#include "isa/weight_encoder.h"
#include "isa/weight_layout.h"
#include "tests/golden/shared_models.h"
#include "tests/sim/functional/npu_test_util.h"
#include "tests/sim/functional/vela_model_runner.h"

namespace vnpu::testing {
namespace {

using isa::Cmd0;
using isa::DataFormat;

isa::AcceleratorConfig u55_256() { return *isa::find_accelerator_config("ethos-u55-256"); }

// An ADD of a 1x1x4 int8 IFM at region 1 offset 0 and the scalar 1, OFM at offset 64.
isa::RegisterState add_scalar_state() {
  isa::RegisterState s;
  static_cast<isa::FeatureMapState&>(s.ifm) = make_fm(1, 0, {1, 1, 4}, 8, true, DataFormat::kNhwc);
  s.ifm.depth_m1 = 3;
  static_cast<isa::FeatureMapState&>(s.ifm2) = make_fm(1, 0, {1, 1, 4}, 8, true, DataFormat::kNhwc);
  s.ifm2.scalar = true;
  s.ifm2.scalar_value = 1;
  static_cast<isa::FeatureMapState&>(s.ofm) = make_fm(1, 64, {1, 1, 4}, 8, true, DataFormat::kNhwc);
  s.ofm.depth_m1 = 3;
  s.ofm.global_scale = true;
  s.ofm_scale = {1, 0};
  s.opa_scale = {1, 0};
  s.opb_scale = {1, 0};
  s.activation.min = -128;
  s.activation.max = 127;
  return s;
}

struct Harness {
  std::vector<uint8_t> flash = std::vector<uint8_t>(256, 0);
  std::vector<uint8_t> arena = std::vector<uint8_t>(256, 0);
  sim::FunctionalNpu npu{u55_256()};

  Harness() {
    npu.set_base_pointer(0, {flash.data(), flash.size()});
    npu.set_base_pointer(1, {arena.data(), arena.size()});
    npu.set_base_pointer(9, {nullptr, 1000});  // ignored: no such base pointer
  }
  sim::NpuRunResult run(const std::vector<uint32_t>& words) {
    return npu.run(words.data(), words.size());
  }
};

void add_dma(isa::CommandBuilder& b, uint64_t src, uint8_t dst_region, bool dst_internal,
             uint64_t dst, uint64_t length) {
  isa::RegisterState s;
  s.dma.src_region = 0;
  s.dma.dst_region = dst_region;
  s.dma.dst_internal = dst_internal;
  s.dma.src = src;
  s.dma.dst = dst;
  s.dma.length = length;
  b.set(Cmd0::kDmaSrcRegion, isa::dma_region_param(0, false, 0));
  b.set(Cmd0::kDmaDstRegion, isa::dma_region_param(dst_region, dst_internal, 0));
  b.set(isa::Cmd1::kDmaSrc, static_cast<uint32_t>(src));
  b.set(isa::Cmd1::kDmaDst, static_cast<uint32_t>(dst));
  b.set(isa::Cmd1::kDmaLen, static_cast<uint32_t>(length));
  b.operation(Cmd0::kOpDmaStart);
}

TEST(FunctionalNpuTest, DmaThenElementwiseEndToEnd) {
  Harness h;
  for (int i = 0; i < 4; ++i) h.flash[16 + static_cast<size_t>(i)] = static_cast<uint8_t>(10 * i - 5);
  isa::CommandBuilder b;
  add_dma(b, 16, 1, false, 0, 4);
  b.operation(Cmd0::kOpDmaWait, 0);
  b.set_state(add_scalar_state());
  b.operation(Cmd0::kOpElementwise, static_cast<uint16_t>(isa::ElementwiseMode::kAdd));
  b.operation(Cmd0::kOpStop, 0xFFFF);
  const sim::NpuRunResult result = h.run(b.words());
  ASSERT_TRUE(result.ok()) << result.message;
  EXPECT_EQ(result.operations, 2u);
  EXPECT_EQ(static_cast<int8_t>(h.arena[64]), -4);
  EXPECT_EQ(static_cast<int8_t>(h.arena[67]), 26);
}

TEST(FunctionalNpuTest, LookupTableArrivesInShramByDma) {
  Harness h;
  h.flash.assign(512, 0);
  h.npu.set_base_pointer(0, {h.flash.data(), h.flash.size()});
  for (size_t i = 0; i < 256; ++i) h.flash[256 + i] = static_cast<uint8_t>(i ^ 0x55);
  isa::CommandBuilder b;
  add_dma(b, 256, 3, true, 48 * 1024 - 2048 + 256, 256);  // table 1
  isa::RegisterState s = add_scalar_state();
  s.activation.function = 17;
  b.set_state(s);
  b.operation(Cmd0::kOpElementwise, static_cast<uint16_t>(isa::ElementwiseMode::kAdd));
  b.operation(Cmd0::kOpStop, 0xFFFF);
  h.arena[0] = 0;
  h.arena[1] = static_cast<uint8_t>(-2);
  const sim::NpuRunResult result = h.run(b.words());
  ASSERT_TRUE(result.ok()) << result.message;
  // 0 + 1 -> index 129; -2 + 1 -> index 127.
  EXPECT_EQ(h.arena[64], 129 ^ 0x55);
  EXPECT_EQ(h.arena[65], 127 ^ 0x55);
}

void expect_fault(const sim::NpuRunResult& result, sim::NpuFault fault, uint32_t offset,
                  const std::string& text) {
  EXPECT_EQ(result.fault, fault) << result.message;
  EXPECT_EQ(result.fault_word_offset, offset) << result.message;
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.message.find(text), std::string::npos) << result.message;
}

TEST(FunctionalNpuTest, UnknownOpcodeIsACommandParseFault) {
  Harness h;
  isa::CommandBuilder b;
  b.operation(Cmd0::kOpDmaWait, 0);
  std::vector<uint32_t> words = b.words();
  words.push_back(0x0000017Fu);  // cmd0 0x17F does not exist
  words.push_back(isa::encode_cmd0(Cmd0::kOpStop, 0xFFFF));
  expect_fault(h.run(words), sim::NpuFault::kCommandParse, 1, "word 1");
}

TEST(FunctionalNpuTest, TruncatedPayloadIsACommandParseFault) {
  Harness h;
  std::vector<uint32_t> words = {isa::encode_cmd0(Cmd0::kOpDmaWait, 0),
                                 isa::encode_cmd1(isa::Cmd1::kDmaSrc, 0)[0]};
  expect_fault(h.run(words), sim::NpuFault::kCommandParse, 1, "word 1");
}

TEST(FunctionalNpuTest, StreamWithoutStopIsACommandParseFault) {
  Harness h;
  const std::vector<uint32_t> words = {isa::encode_cmd0(Cmd0::kOpDmaWait, 0)};
  expect_fault(h.run(words), sim::NpuFault::kCommandParse, 1, "without NPU_OP_STOP");
  expect_fault(h.run({}), sim::NpuFault::kCommandParse, 0, "without NPU_OP_STOP");
}

TEST(FunctionalNpuTest, FeatureMapOutsideItsRegionIsABusFaultAtTheKickOff) {
  Harness h;
  isa::RegisterState s = add_scalar_state();
  s.ofm.tile_base[0] = 254;  // 4 bytes from 254 pass the 256-byte arena
  isa::CommandBuilder b;
  b.set_state(s);
  b.operation(Cmd0::kOpElementwise, static_cast<uint16_t>(isa::ElementwiseMode::kAdd));
  b.operation(Cmd0::kOpStop, 0xFFFF);
  const uint32_t kick_off = static_cast<uint32_t>(b.words().size() - 2);
  expect_fault(h.run(b.words()), sim::NpuFault::kBus, kick_off, "OFM tile 0");
  s = add_scalar_state();
  s.ifm.region = 4;  // never mapped
  isa::CommandBuilder b2;
  b2.set_state(s);
  b2.operation(Cmd0::kOpElementwise, static_cast<uint16_t>(isa::ElementwiseMode::kAdd));
  b2.operation(Cmd0::kOpStop, 0xFFFF);
  expect_fault(h.run(b2.words()), sim::NpuFault::kBus, static_cast<uint32_t>(b2.words().size() - 2),
               "region 4");
}

TEST(FunctionalNpuTest, DmaOutsideItsRegionIsABusFaultAfterEarlierWork) {
  Harness h;
  isa::CommandBuilder b;
  add_dma(b, 0, 1, false, 0, 16);
  add_dma(b, 250, 1, false, 0, 16);  // source passes the 256-byte flash
  b.operation(Cmd0::kOpStop, 0xFFFF);
  const sim::NpuRunResult result = h.run(b.words());
  expect_fault(result, sim::NpuFault::kBus, static_cast<uint32_t>(b.words().size() - 2), "DMA source");
  EXPECT_EQ(result.operations, 1u);
  isa::CommandBuilder b2;
  add_dma(b2, 0, 3, true, 48 * 1024 - 8, 16);  // SHRAM is 48 KB
  b2.operation(Cmd0::kOpStop, 0xFFFF);
  expect_fault(h.run(b2.words()), sim::NpuFault::kBus, static_cast<uint32_t>(b2.words().size() - 2),
               "SHRAM");
}

isa::RegisterState conv_state() {
  isa::RegisterState s = add_scalar_state();
  s.ifm2.scalar = false;
  s.ofm.global_scale = false;
  s.weights = {0, 0, 32};
  s.scales = {0, 128, 48};
  return s;
}

TEST(FunctionalNpuTest, CorruptWeightStreamIsAWeightDecoderFault) {
  Harness h;
  isa::CommandBuilder b;
  b.set_state(conv_state());
  b.operation(Cmd0::kOpConv);
  b.operation(Cmd0::kOpStop, 0xFFFF);
  std::fill(h.flash.begin(), h.flash.begin() + 32, 0xA5);
  expect_fault(h.run(b.words()), sim::NpuFault::kWeightDecode,
               static_cast<uint32_t>(b.words().size() - 2), "NPU_OP_CONV");
}

TEST(FunctionalNpuTest, WeightStreamOutsideItsRegionIsABusFault) {
  Harness h;
  isa::RegisterState s = conv_state();
  s.weights = {0, 240, 32};
  isa::CommandBuilder b;
  b.set_state(s);
  b.operation(Cmd0::kOpDepthwise);
  b.operation(Cmd0::kOpStop, 0xFFFF);
  expect_fault(h.run(b.words()), sim::NpuFault::kBus, static_cast<uint32_t>(b.words().size() - 2),
               "weight stream");
}

TEST(FunctionalNpuTest, ScaleStreamOutsideItsRegionIsABusFault) {
  Harness h;
  isa::WeightLayoutParams layout = isa::weight_layout_for(u55_256());
  layout.ofm_depth = 4;
  layout.ifm_depth = 4;
  Expected<std::vector<uint8_t>> weights = isa::encode_weights(layout, std::vector<int16_t>(16, 3));
  ASSERT_TRUE(weights.has_value()) << weights.status().message();
  ASSERT_LE(weights->size(), 128u);
  std::copy(weights->begin(), weights->end(), h.flash.begin());
  isa::RegisterState s = conv_state();
  s.ofm.block_depth_m1 = static_cast<uint32_t>(layout.ofm_block_depth - 1);
  s.weights = {0, 0, weights->size()};
  s.scales = {0, 224, 48};  // 4 entries need 40 bytes; 224 + 48 passes the 256-byte flash
  isa::CommandBuilder b;
  b.set_state(s);
  b.operation(Cmd0::kOpConv);
  b.operation(Cmd0::kOpStop, 0xFFFF);
  expect_fault(h.run(b.words()), sim::NpuFault::kBus, static_cast<uint32_t>(b.words().size() - 2),
               "scale stream");
  s.scales = {0, 160, 16};  // inside, but shorter than 4 entries
  isa::CommandBuilder b2;
  b2.set_state(s);
  b2.operation(Cmd0::kOpConv);
  b2.operation(Cmd0::kOpStop, 0xFFFF);
  expect_fault(h.run(b2.words()), sim::NpuFault::kCommandParse,
               static_cast<uint32_t>(b2.words().size() - 2), "scale stream");
}

TEST(FunctionalNpuTest, MutatedVelaStreamsNeverCrash) {
  if (!shared_models_present()) GTEST_SKIP() << "shared models not found at " << shared_models_dir();
  const std::string path = model_file("kws_dscnn", "vela/ethos-u55-128/kws_dscnn_vela.tflite");
  Expected<VelaModel> model = load_vela_model(path);
  ASSERT_TRUE(model.has_value()) << model.status().message();
  const isa::AcceleratorConfig config = *isa::find_accelerator_config("ethos-u55-128");
  std::vector<uint8_t> input(static_cast<size_t>(model->inputs[0].size_bytes), 0);
  std::mt19937 rng(41);
  int faults = 0;
  for (int i = 0; i < 150; ++i) {
    VelaModel mutated = *model;
    std::uniform_int_distribution<size_t> word(0, mutated.command_stream.size() - 1);
    for (int k = 0; k < 1 + i % 3; ++k) {
      mutated.command_stream[word(rng)] ^= 1u << std::uniform_int_distribution<int>(0, 31)(rng);
    }
    if (i % 10 == 0) mutated.command_stream.resize(word(rng));  // truncated
    Expected<VelaRun> run = run_vela_model(mutated, config, {input});
    ASSERT_TRUE(run.has_value());
    if (!run->npu.ok()) {
      ++faults;
      EXPECT_FALSE(run->npu.message.empty());
      EXPECT_LE(run->npu.fault_word_offset, mutated.command_stream.size());
    }
  }
  EXPECT_GT(faults, 0);
}

}  // namespace
}  // namespace vnpu::testing
