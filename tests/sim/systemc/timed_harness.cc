#include "tests/sim/systemc/timed_harness.h"

#include "sim/systemc/npu_registers.h"
#include "sim/systemc/platform.h"

namespace vnpu::testing {
namespace {

namespace reg = sim::systemc::reg;
using sim::systemc::Pmu;

constexpr uint64_t kStreamAddress = 0xF0000000u;
uint64_t region_address(size_t index) { return static_cast<uint64_t>(index + 1) << 28; }

}  // namespace

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
  sim::systemc::Platform& platform = sim::systemc::Platform::get();
  sim::systemc::NpuModel& npu = platform.npu();
  npu.configure(system);
  npu.set_tracing(trace);
  std::vector<uint32_t> stream = words;
  npu.memory_map().clear();
  npu.memory_map().map(kStreamAddress, reinterpret_cast<uint8_t*>(stream.data()),
                       stream.size() * 4);
  for (size_t i = 0; i < regions.size(); ++i) {
    if (!regions[i].empty()) {
      npu.memory_map().map(region_address(i), regions[i].data(), regions[i].size());
    }
    platform.write(reg::kBasep0 + static_cast<uint32_t>(8 * i),
                   static_cast<uint32_t>(region_address(i)));
    platform.write(reg::kBasep0 + static_cast<uint32_t>(8 * i + 4), 0);
  }
  platform.write(reg::kQbase, static_cast<uint32_t>(kStreamAddress));
  platform.write(reg::kQbaseHi, 0);
  platform.write(reg::kQsize, static_cast<uint32_t>(stream.size() * 4));
  platform.write(reg::kQconfig, command_port == 1 ? 2u : 0u);
  for (size_t i = 0; i < events.size(); ++i) {
    platform.write(Pmu::kPmevtyper0 + static_cast<uint32_t>(4 * i), events[i]);
  }
  platform.write(Pmu::kPmcntenset, Pmu::kCycleCounterEnable | 0xFu);
  platform.write(Pmu::kPmcr, Pmu::kPmcrCntEn | Pmu::kPmcrEventCntRst | Pmu::kPmcrCycleCntRst);
  platform.write(reg::kCmd, reg::kCmdRun);
  TimedRun run;
  run.irq = platform.run_until_irq();
  run.status = platform.read(reg::kStatus);
  run.pmu_cycles = platform.read(Pmu::kPmccntrLo) |
                   (static_cast<uint64_t>(platform.read(Pmu::kPmccntrHi)) << 32);
  for (size_t i = 0; i < run.pmu_counters.size(); ++i) {
    run.pmu_counters[i] = platform.read(Pmu::kPmevcntr0 + static_cast<uint32_t>(4 * i));
  }
  platform.write(reg::kCmd, reg::kCmdClearIrq);
  run.record = npu.last_run();
  npu.memory_map().clear();
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
