// Drives the verilated vnpu_output_unit (4 lanes, ethos-u55-128), for the RTL
// datapath and the tests: configure, load the lookup table, stream beats with
// output back-pressure (the product: always ready), and count the cycles the
// way docs/rtl.md states the formula.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <random>
#include <vector>

namespace vnpu::sim::rtl {

constexpr int kOutputLanes = 4;
constexpr int kOutputLatencyCycles = 4;

struct OutputUnitConfig {
  bool acc40 = false;
  uint8_t round_mode = 0;  // isa::RoundMode
  uint8_t ofm_bits = 8;    // 8, 16, 32
  bool ofm_signed = true;
  int32_t zero_point = 0;
  uint8_t function = 0;
  uint8_t clip_range = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
};

struct OutputLaneInput {
  int64_t acc = 0;   // 40-bit signed
  int64_t bias = 0;  // 40-bit signed
  uint32_t multiplier = 0;
  uint32_t shift = 0;  // 0..63
  // A direct lane (in_direct_i): `value`, already scaled, enters stage S4 and
  // the four fields above are ignored (docs/rtl.md §4).
  bool direct = false;
  int64_t value = 0;
};

using OutputBeat = std::array<OutputLaneInput, kOutputLanes>;
using OutputResult = std::array<uint32_t, kOutputLanes>;

struct OutputRun {
  std::vector<OutputResult> results;
  uint64_t cycles = 0;         // first input handshake .. last output handshake, inclusive
  uint64_t stall_cycles = 0;   // cycles in that span with out_valid_o && !out_ready_i
};

class OutputUnitDriver {
 public:
  virtual ~OutputUnitDriver() = default;
  // Applies the configuration; returns cfg_error_o.
  virtual bool configure(const OutputUnitConfig& config) = 0;
  virtual void write_lut(const std::vector<uint8_t>& lut_2kb) = 0;
  // Streams `beats` with in_valid_i held high until each is taken; out_ready_i
  // is high with probability `ready_probability` each cycle.
  virtual OutputRun run(const std::vector<OutputBeat>& beats, std::mt19937_64& rng,
                        double ready_probability) = 0;
};

// The real unit, or the mutant with InjectRoundingError=1.
std::unique_ptr<OutputUnitDriver> make_output_unit_driver(bool mutant);

}  // namespace vnpu::sim::rtl
