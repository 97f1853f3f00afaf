#include "driver/npu/npu_invoke.h"

#include <cstdio>
#include <limits>

#include "isa/npu_registers.h"

namespace vnpu::driver::npu {
namespace {

namespace reg = isa::reg;

Status validate(const NpuInvocation& invocation) {
  if (invocation.regions.size() > static_cast<size_t>(reg::kBasePointers)) {
    return Status::invalid_input("NPU invocation with " +
                                 std::to_string(invocation.regions.size()) +
                                 " regions; the NPU has " + std::to_string(reg::kBasePointers) +
                                 " base pointers");
  }
  if (invocation.command_words > std::numeric_limits<uint32_t>::max() / sizeof(uint32_t)) {
    return Status::invalid_input("NPU command stream of " +
                                 std::to_string(invocation.command_words) +
                                 " words does not fit QSIZE (32-bit byte count)");
  }
  if (invocation.command_port != 0 && invocation.command_port != 1) {
    return Status::invalid_input("NPU command port " + std::to_string(invocation.command_port) +
                                 " (QCONFIG): must be 0 or 1");
  }
  return Status::ok();
}

void write_base_pointer(NpuDevice& device, size_t index, uint64_t address) {
  const auto offset = reg::kBasep0 + static_cast<uint32_t>(8 * index);
  device.write(offset, static_cast<uint32_t>(address));
  device.write(offset + 4, static_cast<uint32_t>(address >> 32));
}

void map_and_program(NpuDevice& device, const NpuInvocation& invocation) {
  device.unmap_all();
  device.map(kCommandStreamAddress, reinterpret_cast<uint8_t*>(invocation.command_stream),
             invocation.command_words * sizeof(uint32_t));
  for (size_t i = 0; i < invocation.regions.size(); ++i) {
    const NpuRegion& region = invocation.regions[i];
    if (region.data != nullptr) device.map(region_address(i), region.data, region.size);
    write_base_pointer(device, i, region_address(i));
  }
  for (size_t i = invocation.regions.size(); i < static_cast<size_t>(reg::kBasePointers); ++i) {
    write_base_pointer(device, i, 0);
  }
  device.write(reg::kQbase, static_cast<uint32_t>(kCommandStreamAddress));
  device.write(reg::kQbaseHi, static_cast<uint32_t>(kCommandStreamAddress >> 32));
  device.write(reg::kQsize, static_cast<uint32_t>(invocation.command_words * sizeof(uint32_t)));
  device.write(reg::kQconfig, invocation.command_port == 1 ? 2u : 0u);
}

void set_up_pmu(NpuDevice& device, const std::array<uint16_t, 4>& events) {
  for (size_t i = 0; i < events.size(); ++i) {
    device.write(reg::kPmevtyper0 + static_cast<uint32_t>(4 * i), events[i]);
  }
  device.write(reg::kPmcntenset, reg::kCycleCounterEnable | 0xFu);
  device.write(reg::kPmcr, reg::kPmcrCntEn | reg::kPmcrEventCntRst | reg::kPmcrCycleCntRst);
}

NpuInvokeResult read_back(NpuDevice& device, bool irq) {
  NpuInvokeResult result;
  result.irq = irq;
  result.status = device.read(reg::kStatus);
  result.pmu_cycles = device.read(reg::kPmccntrLo) |
                      (static_cast<uint64_t>(device.read(reg::kPmccntrHi)) << 32);
  for (size_t i = 0; i < result.pmu_counters.size(); ++i) {
    result.pmu_counters[i] = device.read(reg::kPmevcntr0 + static_cast<uint32_t>(4 * i));
  }
  result.fault_detail = device.fault_detail();
  return result;
}

const char* fault_name(uint32_t status) {
  if ((status & reg::kStatusCmdParseError) != 0) return "cmd_parse_error";
  if ((status & reg::kStatusBusError) != 0) return "bus error";
  if ((status & reg::kStatusWdFault) != 0) return "weight decoder fault";
  return nullptr;
}

}  // namespace

Expected<NpuInvokeResult> invoke_npu(NpuDevice& device, const NpuInvocation& invocation) {
  Status valid = validate(invocation);
  if (!valid) return valid;
  map_and_program(device, invocation);
  set_up_pmu(device, invocation.pmu_events);
  device.write(reg::kCmd, reg::kCmdRun);
  const bool irq = device.wait_for_irq();
  NpuInvokeResult result = read_back(device, irq);
  device.write(reg::kCmd, reg::kCmdClearIrq);
  device.unmap_all();
  return result;
}

Status decode_npu_status(const NpuInvokeResult& result) {
  if (!result.irq) return Status::internal("the NPU device stopped without raising its IRQ");
  if (const char* fault = fault_name(result.status)) {
    if (!result.fault_detail.empty()) {
      return Status::invalid_input(std::string("NPU stopped with ") + fault + ": " +
                                   result.fault_detail);
    }
    char status_hex[16];
    std::snprintf(status_hex, sizeof(status_hex), "0x%08x", result.status);
    return Status::invalid_input(std::string("NPU stopped with ") + fault + " (STATUS " +
                                 status_hex + ")");
  }
  if ((result.status & reg::kStatusCmdEndReached) == 0) {
    return Status::invalid_input("NPU raised its IRQ without reaching NPU_OP_STOP");
  }
  return Status::ok();
}

}  // namespace vnpu::driver::npu
