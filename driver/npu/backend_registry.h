// The backends a run can choose, by name: a table of name -> description, the
// run options it accepts, and a factory that opens a session on it. The CLI
// (and anything else that offers a choice) asks the registry; it never
// compares backend names or knows which simulator sits behind one.
//
// Contract: add() takes a unique name; a factory validates the choice (the
// accelerator preset, a timed backend's INI, system config and memory mode)
// and returns invalid_input naming the option, or a session. A session lives
// for one model run: its npu_prepare() prepares the `ethos-u` operators (empty
// for the CPU backend, which refuses them).
//
// Registration is explicit (register_*_backend functions, no static
// initialisers): the CLI lists the backends of its build in one place
// (cli/run_backends.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "driver/cpu/cpu_op.h"
#include "isa/accelerator_config.h"

namespace vnpu::driver::npu {

// What the user chose for the run; each backend reads what it accepts.
struct BackendChoice {
  std::string accelerator_config = isa::kDefaultAcceleratorConfig;
  // Timed backends.
  std::string ini_path;  // empty: the built-in configs/vela.ini
  std::string system_config;
  std::string memory_mode;
  bool trace = false;     // record the units' busy spans
  std::string vcd_path;   // empty: no waveform
  // A fault planted in the simulated hardware, by name (--inject; the rtl
  // backend's, sim/rtl/rtl_fault.h); empty: none.
  std::string inject_fault;
};

class NpuSession {
 public:
  virtual ~NpuSession() = default;
  // How `ethos-u` operators run; empty refuses them (the CPU backend).
  virtual cpu::NpuPrepare npu_prepare() const = 0;
  // The run header's backend line without "backend: ", or "" for none.
  virtual std::string summary() const = 0;
  // Timed backends call `progress` with the cycles of the NPU run in progress
  // every `slice_cycles`; an empty function turns it off. Others ignore it.
  virtual void set_progress(std::function<void(uint64_t run_cycles)> progress,
                            uint64_t slice_cycles) {
    (void)progress;
    (void)slice_cycles;
  }
  // NPU cycles of the finished runs so far (0 for an untimed backend).
  virtual uint64_t npu_cycles() const { return 0; }
  // A line printed after the run, or "" for none (the rtl backend: what ran on the RTL).
  virtual std::string run_note() const { return ""; }
};

using SessionFactory =
    std::function<Expected<std::unique_ptr<NpuSession>>(const BackendChoice& choice)>;

struct BackendInfo {
  std::string name;
  std::string description;
  std::vector<std::string> options;  // run options only this backend accepts ("--trace", ...)
  SessionFactory open;
};

class BackendRegistry {
 public:
  void add(BackendInfo info);
  const BackendInfo* find(const std::string& name) const;
  const std::vector<BackendInfo>& backends() const { return backends_; }
  // "cpu, functional, systemc"
  std::string names() const;
  // The backends that accept `option`, as "a or b"; "" when none does.
  std::string accepting(const std::string& option) const;

 private:
  std::vector<BackendInfo> backends_;
};

// cpu: every operator on the CPU kernels; ethos-u operators are refused.
void register_cpu_backend(BackendRegistry& registry);
// functional: ethos-u operators on the functional NPU (driver/npu/functional_device.h).
void register_functional_backend(BackendRegistry& registry);

}  // namespace vnpu::driver::npu
