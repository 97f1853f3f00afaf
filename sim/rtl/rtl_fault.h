// RtlFault: a fault planted in the verilated RTL, chosen by name, so that a
// check (vnpu verify --inject) can prove it fails when the hardware is wrong.
// Each fault swaps one unit for its mutant model (sim/rtl/CMakeLists.txt):
//   output-rounding  output unit: one LSB on every DBL-rounded result with a shift
//   mac-lane7        MAC datapath: CONV drops the product of IFM lane 7 (ethos-u55-128 only)
//   weight-order     weight decoder: the first two weights of a stream swapped
//   acc-stuck-bit    accumulator store: bit 8 of every accumulator reads 1 (ethos-u55-128 only)
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace vnpu::sim::rtl {

enum class RtlFault : uint8_t { kNone, kOutputRounding, kMacLane7, kWeightOrder, kAccStuckBit };

// "output-rounding, mac-lane7, weight-order, acc-stuck-bit"
std::string rtl_fault_names();
// invalid_input "--inject NAME: unknown fault (valid: ...)" for an unknown name; "" is kNone.
Expected<RtlFault> parse_rtl_fault(const std::string& name);
// The name parse_rtl_fault accepts ("" for kNone).
const char* rtl_fault_name(RtlFault fault);

}  // namespace vnpu::sim::rtl
