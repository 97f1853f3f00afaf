#include "driver/npu/systemc_energy.h"

#include <cmath>
#include <map>
#include <string>

#include "isa/command_decoder.h"
#include "isa/cop1_payload.h"
#include "perf/estimator.h"
#include "perf/op_geometry.h"
#include "sim/systemc/job_plan.h"

namespace vnpu::driver::npu {
namespace {

uint64_t whole(double value) { return static_cast<uint64_t>(std::llround(std::max(0.0, value))); }

bool is_kernel(isa::OperationKind kind) {
  return kind == isa::OperationKind::kConv || kind == isa::OperationKind::kDepthwise ||
         kind == isa::OperationKind::kPool || kind == isa::OperationKind::kElementwise;
}

// The bytes the job moved on each AXI port, charged to the memory behind it.
void add_port_bytes(const sim::systemc::JobRecord& job, const perf::SystemConfig& system,
                    perf::EnergyEvents& events) {
  for (size_t p = 0; p < job.read_bytes.size(); ++p) {
    const auto kind =
        static_cast<size_t>(system.port_memory(static_cast<perf::AxiPort>(p)));
    events.memory_read_bytes[kind] += job.read_bytes[p];
    events.memory_write_bytes[kind] += job.write_bytes[p];
  }
}

// SHRAM bytes the array reads per IFM byte use (docs/energy_model.md §3): a
// convolution reads one IFM micro-block per cycle and feeds it to the
// ofm_ublock.depth output channels, so each byte read serves that many MACs;
// depthwise, pooling and reduce-sum use each IFM byte read for one MAC.
uint64_t mac_ifm_read_bytes(const perf::OpGeometry& g, uint64_t macs,
                            const isa::AcceleratorConfig& accelerator) {
  const uint64_t element_bytes = static_cast<uint64_t>(std::max(1, g.ifm_bits / 8));
  if (g.type == perf::BlockType::kConvolution) {
    const auto depth = static_cast<uint64_t>(std::max(1, accelerator.ofm_ublock.depth));
    return (macs * element_bytes + depth - 1) / depth;
  }
  return macs * element_bytes;
}

perf::EnergyEvents kernel_events(const isa::Operation& op, const sim::systemc::JobRecord& job,
                                 const sim::systemc::TimedSystem& system) {
  const perf::OpGeometry g = perf::make_op_geometry(op, system.accelerator);
  const perf::OperationEstimate e = perf::estimate_operation(
      op, system.accelerator, system.memory, system.system, false, false);
  perf::EnergyEvents events;
  events.macs = static_cast<uint64_t>(std::max<int64_t>(0, job.macs));
  events.weight_bytes_decoded = whole(e.weight_bytes);
  events.ofm_elements = static_cast<uint64_t>(std::max<int64_t>(0, g.ofm.elements()));
  const uint64_t ifm_bytes = whole(e.ifm_bytes + e.ifm2_bytes);
  const uint64_t ofm_bytes = whole(e.ofm_bytes);
  const bool elementwise = g.type == perf::BlockType::kElementwise;
  const uint64_t acc_bytes = elementwise ? 0 : events.ofm_elements * (g.acc_40_bits ? 5u : 4u);
  const uint64_t array_reads =
      elementwise ? ifm_bytes : mac_ifm_read_bytes(g, events.macs, system.accelerator);
  // IFM in from AXI, accumulators out of the MAC array, OFM out of the AO.
  events.shram_write_bytes = ifm_bytes + acc_bytes + ofm_bytes;
  // IFM into the array (or the AO), accumulators into the AO, OFM to AXI.
  events.shram_read_bytes = array_reads + acc_bytes + ofm_bytes;
  add_port_bytes(job, system.system, events);
  return events;
}

perf::EnergyEvents dma_events(const isa::Operation& op, const sim::systemc::JobRecord& job,
                              const perf::SystemConfig& system) {
  perf::EnergyEvents events;
  if (op.state.dma.dst_internal) events.shram_write_bytes = op.state.dma.length;
  add_port_bytes(job, system, events);
  return events;
}

}  // namespace

Expected<RunEnergyEvents> events_from_run(const SystemcOpRun& run,
                                          const std::vector<uint32_t>& command_stream,
                                          const SystemcOptions& options) {
  const isa::DecodedStream decoded =
      isa::decode_stream(command_stream.data(), command_stream.size());
  if (!decoded.status) return decoded.status.with_context("energy: command stream");
  std::map<uint32_t, const isa::Operation*> by_offset;
  for (const isa::Operation& op : decoded.operations) by_offset[op.word_offset] = &op;
  const sim::systemc::TimedSystem system =
      sim::systemc::make_timed_system(options.accelerator, options.system, options.mode);

  RunEnergyEvents out;
  for (const sim::systemc::JobRecord& job : run.record.jobs) {
    auto found = by_offset.find(job.word_offset);
    if (found == by_offset.end() || found->second->kind != job.kind) {
      return Status::invalid_input("energy: job " + job.name + " at word " +
                                   std::to_string(job.word_offset) +
                                   " is not a kick-off of the command stream");
    }
    const isa::Operation& op = *found->second;
    perf::EnergyEvents events;
    if (is_kernel(op.kind)) events = kernel_events(op, job, system);
    if (op.kind == isa::OperationKind::kDmaStart) events = dma_events(op, job, options.system);
    out.jobs.push_back(events);
    out.total += events;
  }
  // The command processor decodes every word up to NPU_OP_STOP; they are read
  // from the memory behind the command port (QCONFIG: the constants' port).
  out.total.command_words = decoded.words_read;
  const auto command_port = static_cast<perf::AxiPort>(system.region_port(0));
  out.total.memory_read_bytes[static_cast<size_t>(options.system.port_memory(command_port))] +=
      4 * static_cast<uint64_t>(decoded.words_read);
  out.total.total_cycles = run.record.cycles;
  out.total.active_cycles = run.record.events[sim::systemc::kPmuNpuActive];
  out.total.idle_cycles = run.record.events[sim::systemc::kPmuNpuIdle];
  return out;
}

Expected<std::vector<uint32_t>> ethosu_command_stream(const ir::Graph& graph,
                                                      int32_t output_tensor) {
  for (const ir::Operator& op : graph.operators) {
    if (op.outputs.empty() || op.outputs[0] != output_tensor) continue;
    if (op.inputs.empty() || op.inputs[0] == ir::kNoTensor) break;
    const ir::Tensor& payload = graph.tensor(op.inputs[0]);
    Expected<isa::Cop1Payload> parsed =
        isa::parse_cop1_payload(payload.data.data(), payload.data.size());
    if (!parsed) return parsed.status().with_context("'" + payload.name + "'");
    return std::move(parsed->command_stream);
  }
  return Status::invalid_input("energy: no ethos-u operator with a COP1 payload writes tensor " +
                               std::to_string(output_tensor));
}

Expected<RunEnergy> estimate_run_energy(const ir::Graph& graph, const SystemcOpRun& run,
                                        const SystemcOptions& options,
                                        const perf::EnergyTable& table) {
  Expected<std::vector<uint32_t>> stream = ethosu_command_stream(graph, run.output_tensor);
  if (!stream) return stream.status();
  Expected<RunEnergyEvents> events = events_from_run(run, *stream, options);
  if (!events) return events.status();
  RunEnergy out;
  for (const perf::EnergyEvents& job : events->jobs) {
    out.jobs.push_back(perf::estimate_energy(job, table, run.core_clock_hz));
  }
  out.total = perf::estimate_energy(events->total, table, run.core_clock_hz);
  return out;
}

}  // namespace vnpu::driver::npu
