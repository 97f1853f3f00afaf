// RtlDatapath: one NPU operation computed on the verilated RTL units
// (docs/rtl.md), with the contract of sim::execute_operation (same inputs, same
// ExecResult faults, byte-identical OFM).
//
// CONV, DEPTHWISE (and FC, a 1x1 CONV): the weight stream through the RTL
// weight decoder, the scale stream through the RTL scale decoder, every
// accumulator from the MAC datapath (IFM sequencer, SHRAM, MAC array,
// accumulator store; the operation walked in OFM blocks that fit the
// accumulator bank, a SHRAM half and a weight-buffer half, deep kernels in IFM
// depth slices whose partial sums are added modulo the accumulator width), and
// every OFM element through the RTL output unit (bias, multiplier, shift, zero
// point, clamp, lookup table). POOL (MAX, AVERAGE, SUM, reduce-sum): the max,
// sum and tap count from the MAC datapath, the output unit after it; the
// average's division without a global OFM_SCALE is C++'s. The C++ functional
// model still gives the fault verdicts (it validates the operation first, as
// execute_operation would).
//
// What the RTL does not implement runs on the functional model and is counted
// (RtlStatistics): ELEMENTWISE and DMA; tanh/sigmoid; strides above 3,
// dilations above 2, kernels of more than 512 taps, pooling over a
// zero-insertion upscaled IFM; a weight or scale stream the RTL decoder refuses
// (the C++ decode is then used for the values).
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/status.h"
#include "isa/accelerator_config.h"
#include "isa/register_state.h"
#include "sim/functional/exec_result.h"
#include "sim/rtl/mac_datapath_driver.h"
#include "sim/rtl/output_unit_driver.h"
#include "sim/rtl/rtl_fault.h"
#include "sim/rtl/weight_decoder_driver.h"

namespace vnpu::sim::rtl {

// Where one operation's values were computed, and the RTL cycles it took
// (edges of each unit's own verilated clock).
struct RtlOperationRecord {
  isa::OperationKind kind = isa::OperationKind::kConv;
  bool on_rtl = false;        // the OFM values came from the MAC datapath and output unit
  std::string fallback;       // why not, or which part ran in C++ ("" when none)
  uint64_t ofm_elements = 0;  // OFM elements the operation wrote
  uint64_t mac_blocks = 0;    // OFM block jobs on the MAC datapath
  uint64_t mac_cycles = 0;
  uint64_t output_unit_cycles = 0;
  uint64_t weight_decoder_cycles = 0;
  uint64_t scale_decoder_cycles = 0;
};

struct RtlStatistics {
  uint64_t rtl_operations = 0;  // kernel operations whose OFM the RTL computed
  uint64_t cpp_operations = 0;  // kernel operations computed by the functional model
  uint64_t dma_operations = 0;  // DMA transfers (the functional model moves the bytes)
  uint64_t rtl_elements = 0;    // OFM elements computed on the RTL
  uint64_t cpp_elements = 0;    // OFM elements (DMA: bytes) computed in C++
  uint64_t mac_cycles = 0;
  uint64_t output_unit_cycles = 0;
  uint64_t weight_decoder_cycles = 0;
  uint64_t scale_decoder_cycles = 0;
  std::vector<RtlOperationRecord> operations;  // in execution order

  // "RTL computed 12 of 14 kernel operations (93,184 of 95,232 OFM elements); ..."
  std::string summary() const;
};

// The verilated units of one preset (and planted fault). One set per preset and fault lives for the
// whole process and every RtlDatapath of that preset drives it (one at a time): the models are
// costly to build, and Verilator 5.006 can deadlock destroying a model built with --assert (seen in
// ~Vvnpu_weight_decoder's scope erase).
struct RtlUnits {
  MacGeometry geometry;
  std::unique_ptr<MacDatapathDriver> mac;
  std::unique_ptr<OutputUnitDriver> output;
  std::unique_ptr<WeightDecoderDriver> weights;
  std::unique_ptr<ScaleDecoderDriver> scales;
  std::mt19937_64 rng{1};  // the drivers' back-pressure draw (always ready: never decides)
};

class RtlDatapath {
 public:
  // The presets whose MAC datapath is verilated: ethos-u55-128 and ethos-u55-256.
  static bool supports(const std::string& accelerator_config);
  // invalid_input naming the preset when it is not one of them, or when the
  // fault's mutant unit does not exist for it (mac-lane7, acc-stuck-bit: ethos-u55-128 only).
  // `fault` plants a fault (rtl_fault.h); kNone: the healthy units.
  static Expected<std::unique_ptr<RtlDatapath>> create(const isa::AcceleratorConfig& config,
                                                       RtlFault fault = RtlFault::kNone);

  // The contract of sim::execute_operation; `config` must be the one created with.
  ExecResult execute(const isa::Operation& op, const NpuMemory& memory,
                     const isa::AcceleratorConfig& config);

  const RtlStatistics& statistics() const { return statistics_; }

 private:
  RtlDatapath(const isa::AcceleratorConfig& config, RtlFault fault);
  void count(const RtlOperationRecord& record);

  std::string preset_;
  RtlUnits& units_;
  RtlStatistics statistics_;
};

}  // namespace vnpu::sim::rtl
