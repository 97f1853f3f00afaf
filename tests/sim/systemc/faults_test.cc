// Faults behave like hardware (docs/timing_model.md R8): a bad command, an
// access outside a region and a corrupt weight stream set their STATUS bit,
// raise the IRQ and stop the NPU; the next run starts clean; the driver
// reports the fault as an error naming it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/systemc_backend.h"
#include "isa/command_encoder.h"
#include "isa/cop1_payload.h"
#include "sim/systemc/npu_registers.h"
#include "tests/golden/shared_models.h"
#include "tests/sim/systemc/timed_harness.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"

namespace vnpu::testing {
namespace {

namespace reg = sim::systemc::reg;

uint32_t faulting_channel(uint32_t status) { return (status >> reg::kStatusFaultingChannelShift) & 0xF; }

std::vector<uint32_t> dma_stream(uint64_t src, uint64_t length) {
  isa::DmaState dma;
  dma.src_region = 0;
  dma.dst_region = 1;
  dma.src = src;
  dma.length = length;
  isa::CommandBuilder b;
  b.set_dma(dma);
  b.operation(isa::Cmd0::kOpDmaStart);
  b.operation(isa::Cmd0::kOpDmaWait, 0);
  b.operation(isa::Cmd0::kOpStop, 0xFFFF);
  return b.words();
}

std::array<std::vector<uint8_t>, 8> small_regions() {
  std::array<std::vector<uint8_t>, 8> r;
  r[0].assign(256, 1);
  r[1].assign(256, 0);
  return r;
}

TEST(Faults, UnknownOpcodeRaisesCmdParseErrorAndStops) {
  auto r = small_regions();
  const std::vector<uint32_t> words = {isa::encode_cmd0(isa::Cmd0::kOpDmaWait, 0), 0x000003FFu,
                                       isa::encode_cmd0(isa::Cmd0::kOpStop, 0xFFFF)};
  const TimedRun run = run_stream(high_end_system(), words, r);
  EXPECT_TRUE(run.irq);
  EXPECT_NE(run.status & reg::kStatusCmdParseError, 0u);
  EXPECT_NE(run.status & reg::kStatusIrqRaised, 0u);
  EXPECT_EQ(run.status & (reg::kStatusRunning | reg::kStatusCmdEndReached), 0u);
  EXPECT_EQ(run.record.fault, sim::NpuFault::kCommandParse);
  EXPECT_EQ(run.record.fault_word_offset, 1u);
  EXPECT_FALSE(run.record.message.empty());
  EXPECT_EQ(faulting_channel(run.status), reg::kChannelCommand);
}

TEST(Faults, StreamWithoutStopIsAParseError) {
  auto r = small_regions();
  const TimedRun run =
      run_stream(high_end_system(), {isa::encode_cmd0(isa::Cmd0::kOpDmaWait, 0)}, r);
  EXPECT_NE(run.status & reg::kStatusCmdParseError, 0u);
  EXPECT_NE(run.record.message.find("without NPU_OP_STOP"), std::string::npos) << run.record.message;
}

TEST(Faults, EmptyCommandQueueIsABusErrorOnTheCommandChannel) {
  auto r = small_regions();
  const TimedRun run = run_stream(high_end_system(), {}, r);
  EXPECT_TRUE(run.irq);
  EXPECT_NE(run.status & reg::kStatusBusError, 0u);
  EXPECT_EQ(faulting_channel(run.status), reg::kChannelCommand);
}

TEST(Faults, DmaOutsideItsRegionIsABusErrorAndTheNextRunIsClean) {
  auto r = small_regions();
  const TimedRun bad = run_stream(high_end_system(), dma_stream(200, 100), r);
  EXPECT_NE(bad.status & reg::kStatusBusError, 0u);
  EXPECT_EQ(faulting_channel(bad.status), reg::kChannelMem2Mem);
  EXPECT_EQ(bad.record.fault, sim::NpuFault::kBus);
  EXPECT_TRUE(std::all_of(r[1].begin(), r[1].end(), [](uint8_t v) { return v == 0; }))
      << "a faulting DMA moves nothing";
  const TimedRun good = run_stream(high_end_system(), dma_stream(0, 100), r);
  EXPECT_TRUE(good.record.ok()) << good.record.message;
  EXPECT_EQ(good.status & reg::kStatusBusError, 0u);
  EXPECT_EQ(r[1][99], 1);
}

TEST(Faults, CorruptWeightStreamRaisesWdFault) {
  std::array<std::vector<uint8_t>, 8> r;
  r[0].assign(4096, 0xFF);  // scales and weights: all ones, not a valid weight stream
  r[1].assign(4096, 0);
  isa::RegisterState s;
  static_cast<isa::FeatureMapState&>(s.ifm) = feature_map(1, 0, 4, 4, 16, isa::DataFormat::kNhwc);
  s.ifm.depth_m1 = 15;
  static_cast<isa::FeatureMapState&>(s.ofm) = feature_map(1, 1024, 4, 4, 16, isa::DataFormat::kNhwc);
  s.ofm.height_m1 = 3;
  s.ofm.width_m1 = 3;
  s.ofm.depth_m1 = 15;
  s.ofm.block_width_m1 = 3;
  s.ofm.block_height_m1 = 3;
  s.ofm.block_depth_m1 = 15;
  s.weights = {0, 1024, 512};
  s.scales = {0, 0, 160};
  s.activation.min = -128;
  s.activation.max = 127;
  isa::CommandBuilder b;
  b.set_state(s);
  b.operation(isa::Cmd0::kOpConv);
  b.operation(isa::Cmd0::kOpStop, 0xFFFF);
  const TimedRun run = run_stream(high_end_system(), b.words(), r);
  EXPECT_TRUE(run.irq);
  EXPECT_NE(run.status & reg::kStatusWdFault, 0u) << run.record.message;
  EXPECT_EQ(run.record.fault, sim::NpuFault::kWeightDecode);
  EXPECT_EQ(faulting_channel(run.status), reg::kChannelWeights);
}

// The driver reads STATUS after the IRQ and fails the inference with the fault.
TEST(Faults, DriverReportsTheFaultOfACorruptedModel) {
  if (!shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  auto model = tflite::load_tflite(model_file("kws_dscnn", "vela/ethos-u55-256/kws_dscnn_vela.tflite"));
  ASSERT_TRUE(model) << model.status().message();
  ir::Graph& graph = model->main_graph();
  ir::Tensor* payload = nullptr;
  for (const ir::Operator& op : graph.operators) {
    if (op.type == ir::OpType::kEthosU) payload = &graph.tensors[static_cast<size_t>(op.inputs[0])];
  }
  ASSERT_NE(payload, nullptr);
  auto parsed = isa::parse_cop1_payload(payload->data.data(), payload->data.size());
  ASSERT_TRUE(parsed);
  // The stream is the payload's last words; break its 5th command word.
  const size_t stream_start = payload->data.size() - parsed->command_stream.size() * 4;
  const uint32_t bad = 0x000003FFu;
  std::memcpy(payload->data.data() + stream_start + 4 * 4, &bad, 4);
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  auto log = std::make_shared<driver::npu::SystemcLog>();
  driver::cpu::CpuOptions options;
  options.npu_prepare = driver::npu::systemc_npu_prepare(
      {*isa::find_accelerator_config("ethos-u55-256"),
       *ini.find_system_config(perf::kDefaultSystemConfig),
       *ini.find_memory_mode(perf::kDefaultMemoryMode), false},
      log);
  options.fixed_offsets = *tflite::read_offline_memory_plan(*model);
  auto runtime = driver::cpu::CpuRuntime::create(graph, options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  const Status status = (*runtime)->invoke();
  ASSERT_FALSE(status);
  EXPECT_NE(status.message().find("cmd_parse_error"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("word 4"), std::string::npos) << status.message();
  ASSERT_EQ(log->runs.size(), 1u);
  EXPECT_NE(log->runs[0].status & reg::kStatusCmdParseError, 0u);
}

}  // namespace
}  // namespace vnpu::testing
