// The timed NPU: a SystemC module driven only through its registers, like the
// hardware (docs/timing_model.md). A TLM-2.0 target socket `regs` holds ID,
// STATUS, CMD, QBASE, QSIZE, QCONFIG, CONFIG, BASEP0..7 and the PMU; `irq` goes
// high when a run stops (NPU_OP_STOP or a fault) until CMD.clear_irq.
//
// Units, one SC_THREAD each (implementations in the files named):
//   command processor   command_processor.cc  fetch (R2), commands (R3)
//   kernel dispatcher   kernel_pipeline.cc    job start and BLOCKDEP (R5)
//   IFM reader (IB), weight decoder (WD), MAC array, output unit (AO),
//   job completion      kernel_pipeline.cc    per-block pipeline (R4)
//   DMA engine          dma_engine.cc         (R7)
// The AXI ports (axi_port.h) are shared state the units call at the cycle of
// each request. Values come from the functional datapath at each job's end.
//
// The configuration (accelerator, system config, memory mode) and the memory
// map are plain data set between runs, so one elaboration serves any number of
// runs and configurations (SystemC allows one elaboration per process).
//
// Waveform (--vcd): trace_signals() registers STATUS, the running flag and one
// busy flag per unit (Unit order) with a SystemC trace file; it must be called
// before the simulation starts. The busy flags follow the units' spans as the
// units learn them: a span that began before it was known (a weight-decoder
// stream is known when its last transaction is accepted) is drawn from the
// cycle it became known; waveform_late_cycles() counts the busy cycles so lost.
#pragma once

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "isa/host_registers.h"
#include "isa/register_state.h"
#include "sim/functional/memory_map.h"
#include "sim/systemc/axi_port.h"
#include "sim/systemc/datapath.h"
#include "sim/systemc/job_plan.h"
#include "sim/systemc/pmu.h"
#include "sim/systemc/run_record.h"

namespace vnpu::sim::systemc {

class NpuModel : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<NpuModel> regs;
  sc_core::sc_out<bool> irq;

  NpuModel(const sc_core::sc_module_name& name, const TimedSystem& system);

  // Between runs only.
  void configure(const TimedSystem& system);
  MemoryMap& memory_map() { return memory_map_; }
  void set_tracing(bool on) { tracing_ = on; }
  // Between runs: who computes the jobs' values (datapath.h); empty for the functional model.
  void set_executor(OperationExecutor executor) { datapath_.set_executor(std::move(executor)); }

  const TimedSystem& system() const { return system_; }
  // The record of the last run (complete once the IRQ is raised).
  const RunRecord& last_run() const { return record_; }
  const Pmu& pmu() const { return pmu_; }
  bool running() const { return running_; }

  // Before the simulation starts only (SystemC registers traces then).
  void trace_signals(sc_core::sc_trace_file* file);
  uint64_t waveform_busy_cycles() const { return waveform_busy_cycles_; }
  uint64_t waveform_late_cycles() const { return waveform_late_cycles_; }

 private:
  // A value the pipeline learns during a run (a cycle, possibly in the future).
  struct Known {
    uint64_t value = 0;
    bool known = false;
  };
  struct Block {
    int32_t job = 0;  // index into kernel_jobs_
    int64_t index = 0;
    Known ib_first, ib_done, wd_first, wd_done, mac_start, mac_end, ao_end, ofm_done;
  };
  struct KernelJob {
    isa::Operation operation;
    KernelPlan plan;
    uint64_t issue = 0;
    Known start;
    int64_t first_block = 0;
    size_t record = 0;
  };
  struct DmaJob {
    isa::Operation operation;
    DmaPlan plan;
    uint64_t issue = 0;
    size_t record = 0;
    std::vector<uint64_t> read_done;  // per transaction, as the reader issues them
    Known start;                      // set by the reader when it takes the job
  };

  // Who asks an AXI port for a transaction, in grant priority order.
  enum class Requester : uint8_t { kCommandFetch, kDmaRead, kDmaWrite, kIfm, kWeights, kOfm };
  struct PortRequest {
    Requester who = Requester::kCommandFetch;
    AxiTransfer transfer;
    bool granted = false;
    uint64_t done = 0;
    AxiBusySpan span;
  };

  // Registers (npu_model.cc).
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  uint32_t read_register(uint32_t offset) const;
  void write_register(uint32_t offset, uint32_t value);
  void start_run();
  void stop_run(NpuFault fault, uint32_t word_offset, uint32_t channel, const std::string& message);
  void finish_pmu();
  void drive_irq();

  // Units.
  void command_processor_thread();
  bool run_commands();
  // Handles a kick-off or wait; false when the run stopped, *stopped at NPU_OP_STOP.
  bool handle_operation(const isa::Operation& op, bool* stopped);
  bool issue_kernel(const isa::Operation& op);
  bool issue_dma(const isa::Operation& op);
  JobRecord new_record(const isa::Operation& op, const std::string& name) const;
  void kernel_dispatch_thread();
  void ifm_reader_thread();
  void weight_decoder_thread();
  void mac_thread();
  void output_unit_thread();
  void completion_thread();
  void dma_thread();
  void dma_writer_thread();

  // Helpers shared by the units (npu_model.cc).
  uint64_t now() const;
  // Waits until `cycle` (no-op when past); false when the run stopped meanwhile.
  bool wait_until(uint64_t cycle);
  // Waits for any pipeline update; false when the run stopped.
  bool wait_update();
  void notify_update() { update_event_.notify(); }
  // R1 from a unit's thread: requests the transactions one at a time, each once
  // the port accepted the previous one, so other requesters interleave; returns
  // the last completion (the caller waits for it if it needs the data). Returns
  // once the port accepted the last transaction, or at once when !wait_accepted.
  // Requests made in the same delta are granted in Requester order (R1), so the
  // result never depends on the order SystemC runs the unit threads in.
  uint64_t transfer(int port, Requester who, const AxiTransfer& transfer, int32_t job,
                    bool wait_accepted = true, uint64_t* first_done = nullptr);
  void arbitrate();
  void add_span(Unit unit, uint64_t begin, uint64_t end, int32_t job);
  // Waveform: queues a unit's busy span (absolute cycles); drive_waveform
  // applies the queued edges at their cycles.
  void queue_busy(Unit unit, uint64_t begin, uint64_t end);
  void drive_waveform();
  void set_known(Known& slot, uint64_t value) {
    slot.value = value;
    slot.known = true;
  }

  TimedSystem system_;
  Datapath datapath_;
  MemoryMap memory_map_;
  std::array<AxiPort, 2> ports_;
  Pmu pmu_;
  bool tracing_ = false;

  // Registers.
  isa::HostRegisters regs_;

  // Run state.
  bool running_ = false;
  uint64_t run_id_ = 0;
  uint64_t run_start_ = 0;
  bool irq_level_ = false;
  RunRecord record_;
  std::array<size_t, kUnits> last_span_{};  // per unit, its last span in record_.spans
  PmuEvents run_events_{};
  std::vector<std::pair<uint64_t, uint64_t>> active_;  // busy intervals for NPU_ACTIVE
  std::deque<KernelJob> kernel_jobs_;  // every kernel job of the run, in issue order
  size_t kernels_dispatched_ = 0;
  size_t kernels_completed_ = 0;
  std::deque<DmaJob> dma_jobs_;
  size_t dmas_completed_ = 0;
  std::vector<Block> blocks_;
  // (region, begin, end) of every DMA destination of the run: streams read from
  // there count as buffered in the estimate kept for reports.
  std::vector<std::array<uint64_t, 3>> dma_filled_;

  sc_core::sc_event run_event_;
  sc_core::sc_event stop_event_;
  sc_core::sc_event update_event_;
  sc_core::sc_event irq_event_;
  sc_core::sc_event arbitrate_event_;
  sc_core::sc_event granted_event_;
  std::array<std::vector<PortRequest*>, 2> pending_;  // requests of this delta, per port

  // Waveform (only with a trace file): busy flags traced by value, the number
  // of queued spans covering each unit now, and the edges still to apply
  // (cycle, unit, +1 / -1), earliest first.
  struct BusyEdge {
    uint64_t cycle = 0;
    size_t unit = 0;
    int delta = 0;
    bool operator>(const BusyEdge& other) const { return cycle > other.cycle; }
  };
  bool waveform_ = false;
  std::array<bool, kUnits> busy_{};
  std::array<int, kUnits> busy_count_{};
  std::priority_queue<BusyEdge, std::vector<BusyEdge>, std::greater<BusyEdge>> busy_edges_;
  uint64_t waveform_busy_cycles_ = 0;
  uint64_t waveform_late_cycles_ = 0;
  sc_core::sc_event waveform_event_;
};

}  // namespace vnpu::sim::systemc
