// The shared models through the rtl backend's session (driver/npu/rtl_backend.h:
// the SystemC platform with RtlDatapath computing the kernel jobs' values), as
// `vnpu run --backend rtl` runs them: Vela's output and our compiler's, on
// ethos-u55-128 and -256, every output byte-identical to TensorFlow Lite
// Micro's golden, and the RTL must have computed every CONV/DEPTHWISE OFM
// element (and those of the POOLs it implements); and, per kernel operation, the
// SystemC model's blocks and unit cycles printed beside the RTL's (docs/rtl.md
// §13). Default: kws_dscnn, seed 1. VNPU_RTL_ALL_MODELS=1
// (ctest rtl_backend_all_models_slow, label slow): every shared model, seeds 1-3.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "compiler/compile_model.h"
#include "driver/cpu/cpu_runtime.h"
#include "driver/npu/systemc_backend.h"
#include "driver/npy.h"
#include "perf/system_config.h"
#include "sim/rtl/rtl_datapath.h"
#include "tests/golden/shared_models.h"
#include "tflite/offline_memory_plan.h"
#include "tflite/reader.h"
#include "tflite/writer.h"

namespace vnpu {
namespace {

struct RtlCase {
  std::string model;
  std::string config;
  bool ours = false;  // our compiler's output, else Vela's
  int seed = 1;
};

void PrintTo(const RtlCase& c, std::ostream* os) {
  *os << c.model << " " << c.config << (c.ours ? " ours" : " vela") << " seed " << c.seed;
}

std::vector<RtlCase> rtl_cases() {
  const char* all = std::getenv("VNPU_RTL_ALL_MODELS");
  const bool every = all != nullptr && std::string(all) == "1";
  const std::vector<std::string> models =
      every ? testing::shared_model_names() : std::vector<std::string>{"kws_dscnn"};
  std::vector<RtlCase> out;
  for (const std::string& model : models) {
    for (const char* config : {"ethos-u55-128", "ethos-u55-256"}) {
      for (bool ours : {false, true}) {
        for (int seed = 1; seed <= (every ? 3 : 1); ++seed)
          out.push_back({model, config, ours, seed});
      }
    }
  }
  return out;
}

std::string rtl_name(const ::testing::TestParamInfo<RtlCase>& info) {
  const RtlCase& c = info.param;
  return c.model + "_" + c.config.substr(c.config.rfind('-') + 1) + (c.ours ? "_ours" : "_vela") +
         "_seed" + std::to_string(c.seed);
}

// The model the case runs: Vela's file, or ours through the file format.
Expected<ir::Model> load_case_model(const RtlCase& c) {
  if (!c.ours) {
    return tflite::load_tflite(
        testing::model_file(c.model, "vela/" + c.config + "/" + c.model + "_vela.tflite"));
  }
  auto source = tflite::load_tflite(testing::model_file(c.model, "model.tflite"));
  if (!source) return source.status();
  compiler::CompilerOptions options;
  options.accelerator_config = c.config;
  options.memory_mode = *perf::builtin_vela_ini().find_memory_mode(perf::kDefaultMemoryMode);
  auto compiled = compiler::compile_model(std::move(*source), options);
  if (!compiled) return compiled.status();
  auto bytes = tflite::write_tflite(compiled->output);
  if (!bytes) return bytes.status();
  return tflite::read_tflite(bytes->data(), bytes->size(), "compiled");
}

class RtlBackendModels : public ::testing::TestWithParam<RtlCase> {
 protected:
  void SetUp() override {
    if (!testing::shared_models_present()) GTEST_SKIP() << "shared golden models not found";
  }
};

// One case run through the rtl backend's session: the SystemC log and the RTL's statistics.
struct RtlRun {
  std::shared_ptr<driver::npu::SystemcLog> log;
  std::shared_ptr<sim::rtl::RtlDatapath> datapath;
  std::vector<uint8_t> output;
};

void run_case(const RtlCase& c, RtlRun* out) {
  auto model = load_case_model(c);
  ASSERT_TRUE(model) << model.status().message();
  const isa::AcceleratorConfig config = *isa::find_accelerator_config(c.config);
  auto created = sim::rtl::RtlDatapath::create(config);
  ASSERT_TRUE(created) << created.status().message();
  std::shared_ptr<sim::rtl::RtlDatapath> datapath = std::move(*created);
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  driver::npu::SystemcOptions options{config, *ini.find_system_config(perf::kDefaultSystemConfig),
                                      *ini.find_memory_mode(perf::kDefaultMemoryMode), false};
  auto log = std::make_shared<driver::npu::SystemcLog>();
  driver::cpu::CpuOptions run_options;
  run_options.npu_prepare = driver::npu::systemc_npu_prepare(
      options, log,
      [datapath](const isa::Operation& op, const sim::NpuMemory& memory,
                 const isa::AcceleratorConfig& accelerator) {
        return datapath->execute(op, memory, accelerator);
      });
  auto offsets = tflite::read_offline_memory_plan(*model);
  ASSERT_TRUE(offsets) << offsets.status().message();
  run_options.fixed_offsets = *offsets;
  auto runtime = driver::cpu::CpuRuntime::create(model->main_graph(), run_options);
  ASSERT_TRUE(runtime) << runtime.status().message();
  const std::string suffix = std::to_string(c.seed) + "_0.npy";
  auto input = driver::load_npy(testing::model_file(c.model, "input_" + suffix));
  ASSERT_TRUE(input) << input.status().message();
  ASSERT_TRUE((*runtime)->set_input(0, input->data));
  const Status status = (*runtime)->invoke();
  ASSERT_TRUE(status) << status.message();
  out->log = log;
  out->datapath = datapath;
  out->output = (*runtime)->output(0);
}

TEST_P(RtlBackendModels, OutputsAreByteIdenticalAndTheRtlComputedTheConvolutions) {
  const RtlCase& c = GetParam();
  RtlRun measured;
  ASSERT_NO_FATAL_FAILURE(run_case(c, &measured));
  const std::shared_ptr<driver::npu::SystemcLog>& log = measured.log;
  const std::shared_ptr<sim::rtl::RtlDatapath>& datapath = measured.datapath;
  const std::string suffix = std::to_string(c.seed) + "_0.npy";
  auto expected = driver::load_npy(testing::model_file(c.model, "output_" + suffix));
  ASSERT_TRUE(expected) << expected.status().message();
  EXPECT_EQ(measured.output, expected->data);
  ASSERT_FALSE(log->runs.empty()) << "no ethos-u operator ran";
  for (const driver::npu::SystemcOpRun& run : log->runs)
    EXPECT_TRUE(run.record.ok()) << run.record.message;

  // Every CONV/DEPTHWISE ran on the RTL, and every POOL but those the RTL lacks (an int32 IFM),
  // which say why: the RTL's OFM elements are exactly theirs.
  const sim::rtl::RtlStatistics& stats = datapath->statistics();
  uint64_t conv_elements = 0;
  uint64_t kernel_elements = 0;
  for (const sim::rtl::RtlOperationRecord& record : stats.operations) {
    const bool conv =
        record.kind == isa::OperationKind::kConv || record.kind == isa::OperationKind::kDepthwise;
    if (!conv && record.kind != isa::OperationKind::kPool) continue;
    if (conv) {
      EXPECT_TRUE(record.on_rtl) << record.fallback;
    }
    if (!record.on_rtl) {
      EXPECT_FALSE(record.fallback.empty());
      continue;
    }
    EXPECT_GT(record.mac_cycles, 0u);
    EXPECT_GT(record.mac_blocks, 0u);
    kernel_elements += record.ofm_elements;
    if (conv) conv_elements += record.ofm_elements;
  }
  EXPECT_GT(stats.rtl_operations, 0u);
  EXPECT_GT(conv_elements, 0u);
  EXPECT_EQ(stats.rtl_elements, kernel_elements) << stats.summary();
  EXPECT_GT(stats.weight_decoder_cycles, 0u);
  EXPECT_GT(stats.output_unit_cycles, conv_elements / 4);
}

bool is_kernel(isa::OperationKind kind) {
  return kind == isa::OperationKind::kConv || kind == isa::OperationKind::kDepthwise ||
         kind == isa::OperationKind::kPool || kind == isa::OperationKind::kElementwise;
}

// The measurement behind docs/rtl.md §13: per NPU kernel operation, the SystemC
// model's blocks and unit cycles (its per-block M and O from the estimator's
// formulas, MAC_ACTIVE, AO_ACTIVE, WD_ACTIVE) beside the RTL's block walk and the
// cycles each verilated unit took. Printed, not compared: the two are not equal
// yet (the RTL walks its own blocks, and the SystemC cycles are the
// estimator's). Asserted: both sides saw the same kernel operations in the
// same order, and an operation the RTL computed has MAC cycles on both sides.
TEST_P(RtlBackendModels, UnitCyclesOfSystemcBesideTheRtl) {
  const RtlCase& c = GetParam();
  RtlRun measured;
  ASSERT_NO_FATAL_FAILURE(run_case(c, &measured));
  std::vector<const sim::systemc::JobRecord*> jobs;
  for (const driver::npu::SystemcOpRun& run : measured.log->runs) {
    for (const sim::systemc::JobRecord& job : run.record.jobs)
      if (is_kernel(job.kind)) jobs.push_back(&job);
  }
  std::vector<const sim::rtl::RtlOperationRecord*> records;
  for (const sim::rtl::RtlOperationRecord& record : measured.datapath->statistics().operations)
    if (is_kernel(record.kind)) records.push_back(&record);
  ASSERT_EQ(jobs.size(), records.size());
  std::printf("%s %s %s: op kind | SystemC blocks M O MAC_ACTIVE AO_ACTIVE WD_ACTIVE | "
              "RTL blocks MAC AO WD SD\n",
              c.model.c_str(), c.config.c_str(), c.ours ? "ours" : "vela");
  uint64_t sc_mac = 0, sc_ao = 0, sc_wd = 0, rtl_mac = 0, rtl_ao = 0, rtl_wd = 0;
  for (size_t i = 0; i < jobs.size(); ++i) {
    const sim::systemc::JobRecord& job = *jobs[i];
    const sim::rtl::RtlOperationRecord& record = *records[i];
    ASSERT_EQ(job.kind, record.kind) << "operation " << i;
    if (record.on_rtl) {
      EXPECT_GT(job.mac_active, 0u) << "operation " << i;
      EXPECT_GT(record.mac_cycles, 0u) << "operation " << i;
    }
    std::printf("%3zu %-11s | %5lld %6llu %6llu %8llu %8llu %8llu | %5llu %8llu %8llu %8llu %6llu%s\n",
                i, job.name.c_str(), static_cast<long long>(job.blocks),
                static_cast<unsigned long long>(job.mac_cycles_per_block),
                static_cast<unsigned long long>(job.output_cycles_per_block),
                static_cast<unsigned long long>(job.mac_active),
                static_cast<unsigned long long>(job.ao_active),
                static_cast<unsigned long long>(job.wd_active),
                static_cast<unsigned long long>(record.mac_blocks),
                static_cast<unsigned long long>(record.mac_cycles),
                static_cast<unsigned long long>(record.output_unit_cycles),
                static_cast<unsigned long long>(record.weight_decoder_cycles),
                static_cast<unsigned long long>(record.scale_decoder_cycles),
                record.on_rtl ? "" : " (functional)");
    if (!record.on_rtl) continue;
    sc_mac += job.mac_active;
    sc_ao += job.ao_active;
    sc_wd += job.wd_active;
    rtl_mac += record.mac_cycles;
    rtl_ao += record.output_unit_cycles;
    rtl_wd += record.weight_decoder_cycles;
  }
  std::printf("on the RTL's operations: MAC %llu SystemC / %llu RTL, AO %llu / %llu, "
              "WD %llu / %llu\n",
              static_cast<unsigned long long>(sc_mac), static_cast<unsigned long long>(rtl_mac),
              static_cast<unsigned long long>(sc_ao), static_cast<unsigned long long>(rtl_ao),
              static_cast<unsigned long long>(sc_wd), static_cast<unsigned long long>(rtl_wd));
}

INSTANTIATE_TEST_SUITE_P(SharedModels, RtlBackendModels, ::testing::ValuesIn(rtl_cases()),
                         rtl_name);

}  // namespace
}  // namespace vnpu
