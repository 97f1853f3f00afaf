#include "sim/rtl/rtl_datapath.h"

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "sim/functional/execute_operation.h"
#include "sim/functional/kernel_geometry.h"
#include "sim/rtl/conv_on_rtl.h"

namespace vnpu::sim::rtl {
namespace {

const char* const kPresets[] = {"ethos-u55-128", "ethos-u55-256"};
// The preset whose MAC datapath has verilated mutants (sim/rtl/CMakeLists.txt).
const char* const kMutantMacPreset = "ethos-u55-128";

// "1,234,567"
std::string grouped(uint64_t value) {
  std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<size_t>(i), ",");
  }
  return digits;
}

// OFM elements an operation the functional model computed wrote (a DMA: none).
uint64_t cpp_elements(const isa::Operation& op) {
  if (op.kind == isa::OperationKind::kDmaStart) return 0;
  const FmShape shape = ofm_shape(op.state);
  return static_cast<uint64_t>(shape.height) * static_cast<uint64_t>(shape.width) *
         static_cast<uint64_t>(shape.depth);
}

const char* kind_name(isa::OperationKind kind) {
  switch (kind) {
    case isa::OperationKind::kPool:
      return "POOL";
    case isa::OperationKind::kElementwise:
      return "ELEMENTWISE";
    case isa::OperationKind::kDmaStart:
      return "DMA";
    default:
      return "operation";
  }
}

// The process's units of `preset` with `fault` planted (rtl_datapath.h says
// why they are never destroyed): the mutant model of the faulty unit, the
// healthy models of the others.
RtlUnits& process_units(const std::string& preset, RtlFault fault) {
  static auto* units = new std::map<std::pair<std::string, RtlFault>, std::unique_ptr<RtlUnits>>();
  std::unique_ptr<RtlUnits>& slot = (*units)[{preset, fault}];
  if (!slot) {
    slot = std::make_unique<RtlUnits>();
    slot->geometry = mac_geometry(preset);
    slot->mac = fault == RtlFault::kAccStuckBit
                    ? make_stuck_accumulator_bit_driver()
                    : make_mac_datapath_driver(preset, fault == RtlFault::kMacLane7);
    slot->output = make_output_unit_driver(fault == RtlFault::kOutputRounding);
    slot->weights = make_weight_decoder_driver(fault == RtlFault::kWeightOrder);
    slot->scales = make_scale_decoder_driver();
  }
  return *slot;
}

}  // namespace

std::string RtlStatistics::summary() const {
  const uint64_t all_operations = rtl_operations + cpp_operations;
  const uint64_t all_elements = rtl_elements + cpp_elements;
  char cycles[256];
  std::snprintf(
      cycles, sizeof cycles,
      "; RTL cycles: MAC datapath %s, output unit %s, weight decoder %s, scale decoder %s",
      grouped(mac_cycles).c_str(), grouped(output_unit_cycles).c_str(),
      grouped(weight_decoder_cycles).c_str(), grouped(scale_decoder_cycles).c_str());
  return "RTL computed " + grouped(rtl_operations) + " of " + grouped(all_operations) +
         " kernel operations (" + grouped(rtl_elements) + " of " + grouped(all_elements) +
         " OFM elements); the functional model computed " + grouped(cpp_operations) +
         " (ELEMENTWISE, what the RTL lacks) and moved " + grouped(dma_operations) +
         " DMA transfers" + cycles;
}

bool RtlDatapath::supports(const std::string& accelerator_config) {
  for (const char* preset : kPresets) {
    if (accelerator_config == preset) return true;
  }
  return false;
}

Expected<std::unique_ptr<RtlDatapath>> RtlDatapath::create(const isa::AcceleratorConfig& config,
                                                           RtlFault fault) {
  if (!supports(config.name)) {
    return Status::invalid_input(std::string("--accelerator-config ") + config.name +
                                 ": the rtl backend has the verilated MAC datapath of "
                                 "ethos-u55-128 and ethos-u55-256 only");
  }
  const bool mutant_mac = fault == RtlFault::kMacLane7 || fault == RtlFault::kAccStuckBit;
  if (mutant_mac && config.name != std::string(kMutantMacPreset)) {
    return Status::invalid_input(std::string("--inject ") + rtl_fault_name(fault) +
                                 ": the mutant MAC datapath is " + kMutantMacPreset + "'s (not " +
                                 config.name + ")");
  }
  return std::unique_ptr<RtlDatapath>(new RtlDatapath(config, fault));
}

RtlDatapath::RtlDatapath(const isa::AcceleratorConfig& config, RtlFault fault)
    : preset_(config.name), units_(process_units(preset_, fault)) {}

ExecResult RtlDatapath::execute(const isa::Operation& op, const NpuMemory& memory,
                                const isa::AcceleratorConfig& config) {
  RtlOperationRecord record;
  record.kind = op.kind;
  ExecResult result;
  switch (op.kind) {
    case isa::OperationKind::kConv:
    case isa::OperationKind::kDepthwise:
      if (config.name != preset_) {
        return ExecResult::parse("rtl datapath of " + preset_ + " asked to run " + config.name);
      }
      result = execute_convolution_on_rtl(op, memory, config, units_, &record);
      break;
    case isa::OperationKind::kPool:
      result = execute_pooling_on_rtl(op, memory, units_, &record);
      break;
    case isa::OperationKind::kElementwise:
    case isa::OperationKind::kDmaStart:
      result = execute_operation(op, memory, config);
      record.fallback = std::string(kind_name(op.kind)) + " (not wired to the RTL units)";
      if (result.ok()) record.ofm_elements = cpp_elements(op);
      break;
    default:
      return execute_operation(op, memory, config);  // waits, IRQ, PMU mask: nothing computed
  }
  if (result.ok()) count(record);
  return result;
}

void RtlDatapath::count(const RtlOperationRecord& record) {
  RtlStatistics& s = statistics_;
  if (record.kind == isa::OperationKind::kDmaStart) {
    ++s.dma_operations;
  } else if (record.on_rtl) {
    ++s.rtl_operations;
    s.rtl_elements += record.ofm_elements;
  } else {
    ++s.cpp_operations;
    s.cpp_elements += record.ofm_elements;
  }
  s.mac_cycles += record.mac_cycles;
  s.output_unit_cycles += record.output_unit_cycles;
  s.weight_decoder_cycles += record.weight_decoder_cycles;
  s.scale_decoder_cycles += record.scale_decoder_cycles;
  s.operations.push_back(record);
}

}  // namespace vnpu::sim::rtl
