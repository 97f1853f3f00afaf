#include "tests/sim/systemc/timed_harness.h"

#include <gtest/gtest.h>

#include "driver/npu/npu_invoke.h"
#include "driver/npu/systemc_device.h"

namespace vnpu::testing {

sim::systemc::TimedSystem high_end_system(const char* accelerator) {
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  return sim::systemc::make_timed_system(*isa::find_accelerator_config(accelerator),
                                         *ini.find_system_config(perf::kDefaultSystemConfig),
                                         *ini.find_memory_mode(perf::kDefaultMemoryMode));
}

sim::systemc::TimedSystem fast_system(const char* accelerator) {
  perf::SystemConfig system;
  system.name = "Fast";
  system.core_clock_hz = 500e6;
  system.axi0_port = perf::MemoryKind::kSram;
  system.axi1_port = perf::MemoryKind::kOnChipFlash;
  perf::MemoryParams fast;
  fast.clock_scale = 4.0;
  fast.ports_used = 4;
  fast.burst_length_bytes = 128;
  system.memories[static_cast<size_t>(perf::MemoryKind::kSram)] = fast;
  system.memories[static_cast<size_t>(perf::MemoryKind::kOnChipFlash)] = fast;
  perf::MemoryMode mode;
  mode.name = "Fast_Shared";
  return sim::systemc::make_timed_system(*isa::find_accelerator_config(accelerator), system, mode);
}

TimedRun run_stream(const sim::systemc::TimedSystem& system, const std::vector<uint32_t>& words,
                    std::array<std::vector<uint8_t>, 8>& regions, bool trace, int command_port,
                    std::array<uint16_t, 4> events) {
  driver::npu::SystemcDevice device(system, trace);
  std::vector<uint32_t> stream = words;
  driver::npu::NpuInvocation invocation;
  invocation.command_stream = stream.data();
  invocation.command_words = stream.size();
  invocation.command_port = command_port;
  invocation.pmu_events = events;
  for (std::vector<uint8_t>& region : regions) {
    invocation.regions.push_back({region.empty() ? nullptr : region.data(), region.size()});
  }
  Expected<driver::npu::NpuInvokeResult> result = driver::npu::invoke_npu(device, invocation);
  TimedRun run;
  EXPECT_TRUE(result) << result.status().message();
  if (!result) return run;
  run.irq = result->irq;
  run.status = result->status;
  run.pmu_cycles = result->pmu_cycles;
  run.pmu_counters = result->pmu_counters;
  run.record = device.last_run();
  return run;
}

const sim::systemc::JobRecord* find_job(const sim::systemc::RunRecord& record,
                                        isa::OperationKind kind, size_t after) {
  size_t seen = 0;
  for (const sim::systemc::JobRecord& job : record.jobs) {
    if (job.kind != kind) continue;
    if (seen++ == after) return &job;
  }
  return nullptr;
}

isa::FeatureMapState feature_map(uint8_t region, uint64_t base, int32_t h, int32_t w, int32_t c,
                                 isa::DataFormat format) {
  isa::FeatureMapState fm;
  fm.region = region;
  fm.type = {true, 8};
  fm.format = format;
  fm.width0_m1 = static_cast<uint32_t>(w - 1);
  fm.height0_m1 = static_cast<uint32_t>(h - 1);
  fm.height1_m1 = static_cast<uint32_t>(h - 1);
  fm.tile_base = {base, 0, 0, 0};
  const auto uw = static_cast<uint64_t>(w);
  const auto uc = static_cast<uint64_t>(c);
  if (format == isa::DataFormat::kNhwc) {
    fm.stride_c = 1;
    fm.stride_x = uc;
    fm.stride_y = uw * uc;
  } else {
    fm.stride_x = 16;
    fm.stride_c = 16 * uw;
    fm.stride_y = uw * ((uc + 15) / 16 * 16);
  }
  return fm;
}

}  // namespace vnpu::testing
