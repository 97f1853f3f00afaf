#include "sim/systemc/npu_model.h"

#include <algorithm>
#include <cstring>

#include "sim/systemc/npu_registers.h"

namespace vnpu::sim::systemc {

const char* unit_name(Unit unit) {
  switch (unit) {
    case Unit::kCommandProcessor: return "command processor";
    case Unit::kDma: return "DMA";
    case Unit::kWeightDecoder: return "weight decoder";
    case Unit::kMac: return "MAC array";
    case Unit::kOutputUnit: return "output unit";
    case Unit::kAxi0: return "AXI0";
    case Unit::kAxi1: return "AXI1";
  }
  return "?";
}

NpuModel::NpuModel(const sc_core::sc_module_name& name, const TimedSystem& system)
    : sc_core::sc_module(name),
      regs("regs"),
      irq("irq"),
      system_(system),
      datapath_(system.accelerator) {
  regs.register_b_transport(this, &NpuModel::b_transport);
  configure(system);
  SC_HAS_PROCESS(NpuModel);
  SC_THREAD(command_processor_thread);
  SC_THREAD(kernel_dispatch_thread);
  SC_THREAD(ifm_reader_thread);
  SC_THREAD(weight_decoder_thread);
  SC_THREAD(mac_thread);
  SC_THREAD(output_unit_thread);
  SC_THREAD(completion_thread);
  SC_THREAD(dma_thread);
  SC_THREAD(dma_writer_thread);
  SC_METHOD(drive_irq);
  sensitive << irq_event_;
  dont_initialize();
  SC_METHOD(arbitrate);
  sensitive << arbitrate_event_;
  dont_initialize();
  SC_METHOD(drive_waveform);
  sensitive << waveform_event_;
  dont_initialize();
}

void NpuModel::trace_signals(sc_core::sc_trace_file* file) {
  constexpr const char* kBusyNames[kUnits] = {"cc_busy",  "dma_busy", "wd_busy", "mac_busy",
                                              "ao_busy",  "axi0_busy", "axi1_busy"};
  waveform_ = true;
  sc_core::sc_trace(file, regs_.status, "npu.status", 32);
  sc_core::sc_trace(file, running_, "npu.running");
  for (size_t u = 0; u < busy_.size(); ++u) {
    sc_core::sc_trace(file, busy_[u], std::string("npu.") + kBusyNames[u]);
  }
}

void NpuModel::queue_busy(Unit unit, uint64_t begin, uint64_t end) {
  const uint64_t t = now();
  waveform_busy_cycles_ += end - begin;
  if (begin < t) waveform_late_cycles_ += std::min(end, t) - begin;
  if (end <= t) return;
  begin = std::max(begin, t);
  const auto u = static_cast<size_t>(unit);
  busy_edges_.push({begin, u, 1});
  busy_edges_.push({end, u, -1});
  waveform_event_.notify(sc_core::sc_time(static_cast<double>(begin - t), sc_core::SC_NS));
}

void NpuModel::drive_waveform() {
  const uint64_t t = now();
  while (!busy_edges_.empty() && busy_edges_.top().cycle <= t) {
    const BusyEdge edge = busy_edges_.top();
    busy_edges_.pop();
    busy_count_[edge.unit] += edge.delta;
    busy_[edge.unit] = busy_count_[edge.unit] > 0;
  }
  if (!busy_edges_.empty()) {
    waveform_event_.notify(
        sc_core::sc_time(static_cast<double>(busy_edges_.top().cycle - t), sc_core::SC_NS));
  }
}

void NpuModel::configure(const TimedSystem& system) {
  system_ = system;
  datapath_.configure(system.accelerator);
  for (size_t p = 0; p < ports_.size(); ++p) ports_[p].configure(system.ports[p]);
}

uint64_t NpuModel::now() const {
  return static_cast<uint64_t>(sc_core::sc_time_stamp().value() /
                               sc_core::sc_time(1, sc_core::SC_NS).value());
}

bool NpuModel::wait_until(uint64_t cycle) {
  if (!running_) return false;
  const uint64_t t = now();
  if (cycle > t) {
    wait(sc_core::sc_time(static_cast<double>(cycle - t), sc_core::SC_NS), stop_event_);
  }
  return running_;
}

bool NpuModel::wait_update() {
  if (!running_) return false;
  wait(update_event_ | stop_event_);
  return running_;
}

void NpuModel::add_span(Unit unit, uint64_t begin, uint64_t end, int32_t job) {
  if (end <= begin) return;
  if (waveform_) queue_busy(unit, begin, end);
  if (!tracing_) return;
  const auto u = static_cast<size_t>(unit);
  begin -= run_start_;
  end -= run_start_;
  if (last_span_[u] < record_.spans.size()) {
    UnitSpan& last = record_.spans[last_span_[u]];
    if (last.end == begin && last.job == job) {  // contiguous work of one job: one span
      last.end = end;
      return;
    }
  }
  last_span_[u] = record_.spans.size();
  record_.spans.push_back({unit, begin, end, job});
}

uint64_t NpuModel::transfer(int port, Requester who, const AxiTransfer& t, int32_t job,
                            bool wait_accepted, uint64_t* first_done) {
  const auto p = static_cast<size_t>(port & 1);
  const Unit track = p == 0 ? Unit::kAxi0 : Unit::kAxi1;
  const uint64_t size = t.transaction_bytes > 0
                            ? t.transaction_bytes
                            : static_cast<uint64_t>(std::max(1, ports_[p].params().transaction_bytes));
  uint64_t done = now();
  if (first_done != nullptr) *first_done = done;
  for (uint64_t offset = 0; offset < t.bytes; offset += size) {
    PortRequest request;
    request.who = who;
    request.transfer = t;
    request.transfer.bytes = std::min(size, t.bytes - offset);
    request.transfer.transaction_bytes = size;
    pending_[p].push_back(&request);
    arbitrate_event_.notify(sc_core::SC_ZERO_TIME);
    while (running_ && !request.granted) wait(granted_event_ | stop_event_);
    if (!request.granted) return done;  // stopped: stop_run dropped the request
    done = request.done;
    if (offset == 0 && first_done != nullptr) *first_done = done;
    add_span(track, request.span.first_data_cycle, request.span.end_cycle, job);
    // The next transaction is requested once the port has accepted this one.
    const bool last = offset + size >= t.bytes;
    if ((!last || wait_accepted) && !wait_until(request.span.last_issue_cycle)) return done;
  }
  return done;
}

void NpuModel::arbitrate() {
  for (size_t p = 0; p < pending_.size(); ++p) {
    std::vector<PortRequest*>& requests = pending_[p];
    std::stable_sort(requests.begin(), requests.end(), [](const PortRequest* a, const PortRequest* b) {
      return a->who < b->who;
    });
    for (PortRequest* request : requests) {
      request->done = ports_[p].transfer(now(), request->transfer, &request->span);
      request->granted = true;
    }
    requests.clear();
  }
  granted_event_.notify();
}

void NpuModel::b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay) {
  (void)delay;
  const uint64_t address = payload.get_address();
  if (payload.get_data_length() != 4 || (address & 3u) != 0 || address >= reg::kRegisterSpace) {
    payload.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
    return;
  }
  const auto offset = static_cast<uint32_t>(address);
  uint32_t value = 0;
  if (payload.is_write()) {
    std::memcpy(&value, payload.get_data_ptr(), 4);
    write_register(offset, value);
  } else if (payload.is_read()) {
    value = read_register(offset);
    std::memcpy(payload.get_data_ptr(), &value, 4);
  }
  payload.set_response_status(tlm::TLM_OK_RESPONSE);
}

uint32_t NpuModel::read_register(uint32_t offset) const {
  if (Pmu::owns(offset)) return pmu_.read(offset);
  return regs_.read(offset, system_.accelerator.config_register()).value_or(0);
}

void NpuModel::write_register(uint32_t offset, uint32_t value) {
  if (Pmu::owns(offset)) {
    pmu_.write(offset, value);
    return;
  }
  if (regs_.write(offset, value)) return;
  if (offset != reg::kCmd) return;
  if ((value & reg::kCmdClearIrq) != 0) {
    regs_.status &= ~reg::kStatusIrqRaised;
    irq_level_ = false;
    irq_event_.notify(sc_core::SC_ZERO_TIME);
  }
  if ((value & reg::kCmdRun) != 0 && !running_) start_run();
}

void NpuModel::start_run() {
  running_ = true;
  ++run_id_;
  run_start_ = now();
  regs_.status = reg::kStatusRunning;
  regs_.qread = 0;
  record_ = RunRecord{};
  last_span_.fill(SIZE_MAX);
  run_events_.fill(0);
  active_.clear();
  kernel_jobs_.clear();
  kernels_dispatched_ = 0;
  kernels_completed_ = 0;
  dma_jobs_.clear();
  dmas_completed_ = 0;
  blocks_.clear();
  for (AxiPort& port : ports_) {
    port.reset(run_start_);
    port.clear_counters();
  }
  for (int i = 0; i < 8; ++i) {
    datapath_.set_region(i, memory_map_.resolve(regs_.basep[static_cast<size_t>(i)]));
  }
  run_event_.notify(sc_core::SC_ZERO_TIME);
}

void NpuModel::stop_run(NpuFault fault, uint32_t word_offset, uint32_t channel,
                        const std::string& message) {
  if (!running_) return;
  running_ = false;
  for (auto& requests : pending_) requests.clear();  // their requesters return at once
  const uint64_t t = now();
  record_.cycles = t - run_start_;
  record_.fault = fault;
  record_.fault_word_offset = word_offset;
  record_.message = message;
  record_.stopped = fault == NpuFault::kNone;
  regs_.status &= ~reg::kStatusRunning;
  switch (fault) {
    case NpuFault::kNone: regs_.status |= reg::kStatusCmdEndReached; break;
    case NpuFault::kCommandParse: regs_.status |= reg::kStatusCmdParseError; break;
    case NpuFault::kBus: regs_.status |= reg::kStatusBusError; break;
    case NpuFault::kWeightDecode: regs_.status |= reg::kStatusWdFault; break;
  }
  if (fault != NpuFault::kNone) regs_.status |= (channel & 0xFu) << reg::kStatusFaultingChannelShift;
  regs_.status |= reg::kStatusIrqRaised;
  finish_pmu();
  irq_level_ = true;
  irq_event_.notify(sc_core::SC_ZERO_TIME);
  stop_event_.notify();
}

void NpuModel::drive_irq() { irq.write(irq_level_); }

void NpuModel::finish_pmu() {
  PmuEvents& e = run_events_;
  const uint64_t cycles = record_.cycles;
  // NPU_ACTIVE: the union of the units' busy intervals within the run.
  std::sort(active_.begin(), active_.end());
  uint64_t active = 0;
  uint64_t covered_to = run_start_;
  for (const auto& [begin, end] : active_) {
    const uint64_t b = std::max(begin, covered_to);
    const uint64_t stop = std::min(end, run_start_ + cycles);
    if (stop > b) {
      active += stop - b;
      covered_to = stop;
    }
  }
  e[kPmuCycle] = cycles;
  e[kPmuNpuActive] = active;
  e[kPmuNpuIdle] = cycles - active;
  for (size_t p = 0; p < 2; ++p) {
    const AxiPortCounters& c = ports_[p].counters();
    const size_t base = p == 0 ? 0 : kPmuAxi1Offset;
    e[base + kPmuAxi0RdTransAccepted] = c.read_transactions;
    e[base + kPmuAxi0RdTransCompleted] = c.read_transactions;
    e[base + kPmuAxi0RdDataBeatReceived] = c.read_beats;
    e[base + kPmuAxi0RdTranReqStalled] = c.read_data_stall_cycles;
    e[base + kPmuAxi0RdStallLimit] = c.read_stall_limit_cycles;
    e[base + kPmuAxi0WrTransAccepted] = c.write_transactions;
    e[base + kPmuAxi0WrTransCompletedM] = c.write_transactions;
    e[base + kPmuAxi0WrDataBeatWritten] = c.write_beats;
    e[base + kPmuAxi0WrTranReqStalled] = c.write_data_stall_cycles;
    e[base + kPmuAxi0WrStallLimit] = c.write_stall_limit_cycles;
  }
  for (const JobRecord& job : record_.jobs) {
    e[kPmuMacActive] += job.mac_active;
    e[kPmuAoActive] += job.ao_active;
    e[kPmuWdActive] += job.wd_active;
    e[kPmuWdStalled] += job.wd_stalled_by_ws + job.wd_stalled_by_buf;
    e[kPmuWdStalledByWs] += job.wd_stalled_by_ws;
    e[kPmuWdStalledByWdBuf] += job.wd_stalled_by_buf;
    e[kPmuMacStalledByIb] += job.stalls.mac_by_ib;
    e[kPmuMacStalledByWd] += job.stalls.mac_by_wd;
    e[kPmuMacStalledByAcc] += job.stalls.mac_by_acc;
    e[kPmuAoStalledByAcc] += job.stalls.ao_by_acc;
    e[kPmuAoStalledByOb] += job.stalls.ao_by_ob;
    e[kPmuAoStalledByIb] += job.stalls.ao_by_ib;
    e[kPmuCcStalledOnBlockdep] += job.stalls.blockdep;
  }
  record_.events = e;
  pmu_.add_run(cycles, e);
}

}  // namespace vnpu::sim::systemc
