#include "sim/rtl/rtl_fault.h"

namespace vnpu::sim::rtl {
namespace {

const RtlFault kFaults[] = {RtlFault::kOutputRounding, RtlFault::kMacLane7, RtlFault::kWeightOrder,
                            RtlFault::kAccStuckBit};

}  // namespace

const char* rtl_fault_name(RtlFault fault) {
  switch (fault) {
    case RtlFault::kOutputRounding:
      return "output-rounding";
    case RtlFault::kMacLane7:
      return "mac-lane7";
    case RtlFault::kWeightOrder:
      return "weight-order";
    case RtlFault::kAccStuckBit:
      return "acc-stuck-bit";
    case RtlFault::kNone:
      break;
  }
  return "";
}

std::string rtl_fault_names() {
  std::string names;
  for (RtlFault fault : kFaults) {
    if (!names.empty()) names += ", ";
    names += rtl_fault_name(fault);
  }
  return names;
}

Expected<RtlFault> parse_rtl_fault(const std::string& name) {
  if (name.empty()) return RtlFault::kNone;
  for (RtlFault fault : kFaults) {
    if (name == rtl_fault_name(fault)) return fault;
  }
  return Status::invalid_input("--inject " + name + ": unknown fault (valid: " + rtl_fault_names() +
                               ")");
}

}  // namespace vnpu::sim::rtl
