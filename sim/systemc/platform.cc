#include "sim/systemc/platform.h"

#include <tlm_utils/simple_initiator_socket.h>

#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

#include "core/file_io.h"
#include "isa/accelerator_config.h"
#include "perf/system_config.h"

namespace vnpu::sim::systemc {
namespace {

TimedSystem default_system() {
  const perf::VelaIni& ini = perf::builtin_vela_ini();
  return make_timed_system(*isa::find_accelerator_config(isa::kDefaultAcceleratorConfig),
                           *ini.find_system_config(perf::kDefaultSystemConfig),
                           *ini.find_memory_mode(perf::kDefaultMemoryMode));
}

// The host side: the CPU's register port and its interrupt input.
class Host : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<Host> bus{"bus"};
  sc_core::sc_in<bool> irq{"irq"};
  bool irq_seen = false;

  explicit Host(const sc_core::sc_module_name& name) : sc_core::sc_module(name) {
    SC_HAS_PROCESS(Host);
    SC_METHOD(on_irq);
    sensitive << irq.pos();
    dont_initialize();
  }

  uint32_t access(tlm::tlm_command command, uint32_t offset, uint32_t value) {
    tlm::tlm_generic_payload payload;
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    payload.set_command(command);
    payload.set_address(offset);
    payload.set_data_ptr(reinterpret_cast<unsigned char*>(&value));
    payload.set_data_length(4);
    payload.set_streaming_width(4);
    payload.set_byte_enable_ptr(nullptr);
    payload.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
    bus->b_transport(payload, delay);
    return payload.is_response_ok() ? value : 0;
  }

 private:
  void on_irq() {
    irq_seen = true;
    sc_core::sc_pause();
  }
};

}  // namespace

struct Platform::Parts {
  NpuModel npu{"npu", default_system()};
  Host host{"host"};
  sc_core::sc_signal<bool> irq{"irq"};
  sc_core::sc_trace_file* vcd = nullptr;

  Parts() {
    host.bus.bind(npu.regs);
    npu.irq(irq);
    host.irq(irq);
  }
};

Platform::Platform(const std::string& vcd_base) {
  setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
  parts_ = new Parts;
  if (!vcd_base.empty()) {
    parts_->vcd = sc_core::sc_create_vcd_trace_file(vcd_base.c_str());
    parts_->vcd->set_time_unit(1, sc_core::SC_NS);  // one NPU cycle
    sc_core::sc_trace(parts_->vcd, parts_->irq, "irq");
    parts_->npu.trace_signals(parts_->vcd);
  }
  sc_core::sc_start(sc_core::SC_ZERO_TIME);  // elaborate; every unit waits for a run
}

Platform*& Platform::instance() {
  static Platform* platform = nullptr;  // lives until the process ends, as SystemC needs
  return platform;
}

Platform& Platform::get() {
  Platform*& platform = instance();
  if (platform == nullptr) platform = new Platform("");
  return *platform;
}

Status Platform::open_vcd(const std::string& path) {
  const std::string kExtension = ".vcd";
  if (path.size() <= kExtension.size() ||
      path.compare(path.size() - kExtension.size(), kExtension.size(), kExtension) != 0) {
    return Status::invalid_input("--vcd " + path +
                                 ": the file name must end in .vcd (SystemC's writer adds it)");
  }
  if (instance() != nullptr) {
    return Status::invalid_input("--vcd " + path +
                                 ": the SystemC platform is already elaborated; a VCD must be "
                                 "opened before the first run");
  }
  // SystemC's trace writer reports nothing when it cannot create the file.
  Status writable = write_text_file(path, std::string());
  if (!writable) return writable;
  instance() = new Platform(path.substr(0, path.size() - kExtension.size()));
  return Status::ok();
}

void Platform::close_vcd() {
  if (parts_->vcd == nullptr) return;
  sc_core::sc_close_vcd_trace_file(parts_->vcd);
  parts_->vcd = nullptr;
}

bool Platform::has_vcd() const { return parts_->vcd != nullptr; }

void Platform::set_progress(std::function<void(uint64_t)> progress, uint64_t slice_cycles) {
  progress_ = std::move(progress);
  slice_cycles_ = slice_cycles == 0 ? 1 : slice_cycles;
}

NpuModel& Platform::npu() { return parts_->npu; }

uint32_t Platform::read(uint32_t offset) {
  return parts_->host.access(tlm::TLM_READ_COMMAND, offset, 0);
}

void Platform::write(uint32_t offset, uint32_t value) {
  parts_->host.access(tlm::TLM_WRITE_COMMAND, offset, value);
}

bool Platform::run_until_irq() {
  Host& host = parts_->host;
  host.irq_seen = false;
  if (!progress_) {
    sc_core::sc_start();
  } else {
    const uint64_t start = now_cycles();
    const sc_core::sc_time slice(static_cast<double>(slice_cycles_), sc_core::SC_NS);
    while (!host.irq_seen && sc_core::sc_pending_activity()) {
      sc_core::sc_start(slice);
      if (!host.irq_seen) progress_(now_cycles() - start);
    }
  }
  // The IRQ pauses the simulation inside its time step, before the trace file
  // records it: with a VCD, finish the step (one cycle on, the NPU idle) so the
  // waveform shows the IRQ and the final STATUS before the host clears them.
  if (parts_->vcd != nullptr && host.irq_seen) {
    sc_core::sc_start(sc_core::sc_time(1, sc_core::SC_NS));
  }
  return host.irq_seen;
}

uint64_t Platform::now_cycles() const {
  return static_cast<uint64_t>(sc_core::sc_time_stamp().value() /
                               sc_core::sc_time(1, sc_core::SC_NS).value());
}

}  // namespace vnpu::sim::systemc
