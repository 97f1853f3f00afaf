// Drives the verilated vnpu_weight_decoder, for the RTL datapath and the
// tests: one stream per run, bytes offered with a valid probability, weights
// taken with a ready probability (the product: both 1), and the cycles counted
// the way docs/rtl.md §6 states the formula. Also the verilated
// vnpu_scale_decoder.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

namespace vnpu::sim::rtl {

struct WeightDecodeRun {
  std::vector<int16_t> symbols;  // w_data_o of every w_valid_o && w_ready_i edge
  bool done = false;             // done_o rose: a clean decode
  bool fault = false;            // wd_fault_o rose
  bool timed_out = false;        // neither within the watchdog's cycles
  bool dropped_input_after_fault = true;  // wd_ready_o high, w_valid_o low after the fault
  uint64_t cycles = 0;         // edges with busy_o high (start edge excluded)
  uint64_t input_stalls = 0;   // of those, wd_ready_o && !wd_valid_i
  uint64_t output_stalls = 0;  // of those, w_valid_o && !w_ready_i
};

struct BackPressure {
  double valid_probability = 1.0;  // a byte is offered (and then held until taken)
  double ready_probability = 1.0;  // w_ready_i is high
};

class WeightDecoderDriver {
 public:
  virtual ~WeightDecoderDriver() = default;
  // Decodes `stream` expecting `symbols` symbols; gives up after
  // `watchdog_cycles` busy cycles. A faulted model is reset for the next run.
  virtual WeightDecodeRun run(const std::vector<uint8_t>& stream, uint32_t symbols,
                              std::mt19937_64& rng, const BackPressure& pressure,
                              uint64_t watchdog_cycles) = 0;
};

// The real unit, or the mutant built with InjectSwappedWeightOrder=1.
std::unique_ptr<WeightDecoderDriver> make_weight_decoder_driver(bool mutant);

struct ScaleChannel {
  int64_t bias = 0;
  uint32_t multiplier = 0;
  uint32_t shift = 0;
};

struct ScaleDecodeRun {
  std::vector<ScaleChannel> channels;
  bool done = false;
  bool fault = false;
  bool timed_out = false;
  uint64_t cycles = 0;         // edges with busy_o high
  uint64_t input_stalls = 0;   // of those, sd_ready_o && !sd_valid_i
  uint64_t output_stalls = 0;  // of those, ch_valid_o && !ch_ready_i
};

class ScaleDecoderDriver {
 public:
  virtual ~ScaleDecoderDriver() = default;
  virtual ScaleDecodeRun run(const std::vector<uint8_t>& stream, uint32_t channels,
                             std::mt19937_64& rng, const BackPressure& pressure) = 0;
};

std::unique_ptr<ScaleDecoderDriver> make_scale_decoder_driver();

}  // namespace vnpu::sim::rtl
