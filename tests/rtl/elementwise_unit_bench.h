// Drives the verilated vnpu_elementwise_unit (4 lanes, ethos-u55-128):
// configure, stream operand beats with random output back-pressure, count
// cycles as docs/rtl.md states the formula.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

namespace vnpu::rtl_test {

constexpr int kElementwiseLanes = 4;
constexpr int kElementwiseLatencyCycles = 2;

struct ElementwiseConfig {
  uint8_t mode = 1;        // isa::ElementwiseMode (6-bit field)
  uint8_t ifm_bits = 8;    // 8, 16, 32
  uint8_t ifm2_bits = 8;
  uint8_t scale_mode = 0;  // isa::IfmScaleMode
  uint8_t ifm_round = 0;   // isa::RoundMode
  uint8_t ofm_round = 0;
  uint32_t opa_multiplier = 0;
  uint8_t opa_shift = 0;
  uint32_t opb_multiplier = 0;
  uint32_t ofm_multiplier = 0;
  uint8_t ofm_shift = 0;
};

struct ElementwiseOperands {
  int64_t a = 0;  // 34-bit signed
  int64_t b = 0;
};

using ElementwiseBeat = std::array<ElementwiseOperands, kElementwiseLanes>;
using ElementwiseResult = std::array<int64_t, kElementwiseLanes>;

struct ElementwiseRun {
  std::vector<ElementwiseResult> results;
  uint64_t cycles = 0;        // first input handshake .. last output handshake, inclusive
  uint64_t stall_cycles = 0;  // cycles in that span with out_valid_o && !out_ready_i
};

class ElementwiseUnitBench {
 public:
  ElementwiseUnitBench();
  ~ElementwiseUnitBench();
  // Applies the configuration; returns cfg_error_o.
  bool configure(const ElementwiseConfig& config);
  ElementwiseRun run(const std::vector<ElementwiseBeat>& beats, std::mt19937_64& rng,
                     double ready_probability);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vnpu::rtl_test
