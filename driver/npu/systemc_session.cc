#include "driver/npu/systemc_session.h"

#include <utility>
#include <vector>

#include "core/file_io.h"
#include "perf/system_config.h"
#include "sim/systemc/chrome_trace.h"
#include "sim/systemc/platform.h"

namespace vnpu::driver::npu {

Expected<std::unique_ptr<SystemcSession>> SystemcSession::open(const BackendChoice& choice,
                                                               TimedValues values) {
  auto accelerator = isa::find_accelerator_config(choice.accelerator_config);
  if (!accelerator) return accelerator.status();
  perf::VelaIni ini = perf::builtin_vela_ini();
  if (!choice.ini_path.empty()) {
    Expected<perf::VelaIni> loaded = perf::load_vela_ini(choice.ini_path);
    if (!loaded) return loaded.status();
    ini = std::move(*loaded);
  }
  Expected<perf::SystemConfig> system = ini.find_system_config(choice.system_config);
  if (!system) return system.status();
  Expected<perf::MemoryMode> mode = ini.find_memory_mode(choice.memory_mode);
  if (!mode) return mode.status();
  if (!choice.vcd_path.empty()) {
    Status opened = sim::systemc::Platform::open_vcd(choice.vcd_path);
    if (!opened) return opened;
  }
  SystemcOptions options{*accelerator, std::move(*system), std::move(*mode), choice.trace};
  return std::unique_ptr<SystemcSession>(
      new SystemcSession(std::move(options), !choice.vcd_path.empty(), std::move(values)));
}

SystemcSession::SystemcSession(SystemcOptions options, bool has_vcd, TimedValues values)
    : options_(std::move(options)), values_(std::move(values)), has_vcd_(has_vcd) {}

cpu::NpuPrepare SystemcSession::npu_prepare() const {
  return systemc_npu_prepare(options_, log_, values_.executor);
}

std::string SystemcSession::summary() const {
  return values_.label + ", " + options_.accelerator.name + ", " +
         options_.system.name + ", " + options_.mode.name;
}

std::string SystemcSession::run_note() const { return values_.note ? values_.note() : ""; }

void SystemcSession::set_progress(std::function<void(uint64_t)> progress, uint64_t slice_cycles) {
  sim::systemc::Platform::get().set_progress(std::move(progress), slice_cycles);
}

uint64_t SystemcSession::npu_cycles() const {
  uint64_t cycles = 0;
  for (const SystemcOpRun& run : log_->runs) cycles += run.record.cycles;
  return cycles;
}

Status SystemcSession::write_trace(const std::string& path,
                                   const std::function<std::string(int32_t)>& label) const {
  std::vector<sim::systemc::TraceRun> runs;
  double clock_hz = 500e6;
  for (const SystemcOpRun& run : log_->runs) {
    runs.push_back({label(run.output_tensor), &run.record});
    clock_hz = run.core_clock_hz;
  }
  return write_text_file(path, sim::systemc::chrome_trace_json(runs, clock_hz));
}

VcdSummary SystemcSession::close_vcd() const {
  sim::systemc::Platform& platform = sim::systemc::Platform::get();
  platform.close_vcd();
  return {platform.npu().waveform_late_cycles(), platform.npu().waveform_busy_cycles()};
}

void register_systemc_backend(BackendRegistry& registry) {
  registry.add({"systemc",
                "ethos-u ops on the timed SystemC NPU model: cycles, utilisation, AXI bytes, "
                "stalls",
                {"--trace", "--report", "--vcd", "--energy-table", "--energy-ini"},
                [](const BackendChoice& choice) -> Expected<std::unique_ptr<NpuSession>> {
                  auto session = SystemcSession::open(choice);
                  if (!session) return session.status();
                  return std::unique_ptr<NpuSession>(std::move(*session));
                }});
}

}  // namespace vnpu::driver::npu
