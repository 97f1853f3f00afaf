#include "sim/rtl/weight_decoder_driver.h"

#include <Vvnpu_scale_decoder.h>
#include <Vvnpu_weight_decoder.h>
#include <Vvnpu_weight_decoder_mutant.h>
#include <verilated.h>

#include "sim/rtl/port_bits.h"

namespace vnpu::sim::rtl {
namespace {

// Cycles a faulted unit is watched to check that it keeps dropping input.
constexpr int kCyclesAfterFault = 4;

// Owns a model and its context; reset() pulses rst_ni (a fault is sticky until then).
template <typename Model>
class Harness {
 public:
  Harness()
      : context_(std::make_unique<VerilatedContext>()),
        model_(std::make_unique<Model>(context_.get())) {
    reset();
  }
  ~Harness() { model_->final(); }

  void reset() {
    Model& m = *model_;
    m.clk_i = 0;
    m.rst_ni = 0;
    m.start_i = 0;
    tick();
    m.rst_ni = 1;
    tick();
  }
  void tick() {
    model_->clk_i = 0;
    model_->eval();
    model_->clk_i = 1;
    model_->eval();
  }
  Model& model() { return *model_; }

 private:
  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Model> model_;
};

// A byte source that offers the next byte with some probability and holds it until taken.
class ByteSource {
 public:
  ByteSource(const std::vector<uint8_t>& bytes, double probability)
      : bytes_(bytes), probability_(probability) {}
  bool drive(std::mt19937_64& rng, uint8_t* data) {
    if (!offered_ && next_ < bytes_.size()) offered_ = chance(rng, probability_);
    *data = next_ < bytes_.size() ? bytes_[next_] : 0;
    return offered_;
  }
  void taken() {
    offered_ = false;
    ++next_;
  }

 private:
  const std::vector<uint8_t>& bytes_;
  double probability_;
  size_t next_ = 0;
  bool offered_ = false;
};

template <typename Model>
class WeightBench final : public WeightDecoderDriver {
 public:
  WeightDecodeRun run(const std::vector<uint8_t>& stream, uint32_t symbols, std::mt19937_64& rng,
                      const BackPressure& pressure, uint64_t watchdog_cycles) override {
    Model& m = harness_.model();
    WeightDecodeRun out;
    m.start_i = 1;
    m.cfg_length_i = static_cast<uint32_t>(stream.size());
    m.cfg_symbols_i = symbols;
    m.wd_valid_i = 0;
    m.w_ready_i = 0;
    harness_.tick();
    m.start_i = 0;
    ByteSource source(stream, pressure.valid_probability);
    while (!m.done_o && !m.wd_fault_o) {
      if (out.cycles >= watchdog_cycles) {
        out.timed_out = true;
        break;
      }
      uint8_t byte = 0;
      m.wd_valid_i = source.drive(rng, &byte);
      m.wd_data_i = byte;
      m.w_ready_i = chance(rng, pressure.ready_probability);
      m.clk_i = 0;
      m.eval();
      if (m.busy_o) {
        ++out.cycles;
        if (m.wd_ready_o && !m.wd_valid_i) ++out.input_stalls;
        if (m.w_valid_o && !m.w_ready_i) ++out.output_stalls;
      }
      if (m.w_valid_o && m.w_ready_i) out.symbols.push_back(signed_weight(m.w_data_o));
      if (m.wd_valid_i && m.wd_ready_o) source.taken();
      m.clk_i = 1;
      m.eval();
    }
    out.done = m.done_o;
    out.fault = m.wd_fault_o;
    if (out.fault || out.timed_out) {
      for (int i = 0; i < kCyclesAfterFault && out.fault; ++i) {
        m.wd_valid_i = 1;
        m.w_ready_i = 1;
        m.clk_i = 0;
        m.eval();
        if (!m.wd_ready_o || m.w_valid_o || !m.wd_fault_o) out.dropped_input_after_fault = false;
        m.clk_i = 1;
        m.eval();
      }
      harness_.reset();
    }
    m.wd_valid_i = 0;
    return out;
  }

 private:
  static int16_t signed_weight(uint32_t bits9) {
    return static_cast<int16_t>((bits9 & 0x100U) != 0 ? static_cast<int32_t>(bits9 & 0x1FFU) - 512
                                                      : static_cast<int32_t>(bits9 & 0x1FFU));
  }
  Harness<Model> harness_;
};

class ScaleBench final : public ScaleDecoderDriver {
 public:
  ScaleDecodeRun run(const std::vector<uint8_t>& stream, uint32_t channels, std::mt19937_64& rng,
                     const BackPressure& pressure) override {
    Vvnpu_scale_decoder& m = harness_.model();
    ScaleDecodeRun out;
    m.start_i = 1;
    m.cfg_length_i = static_cast<uint32_t>(stream.size());
    m.cfg_channels_i = channels;
    m.sd_valid_i = 0;
    m.ch_ready_i = 0;
    harness_.tick();
    m.start_i = 0;
    ByteSource source(stream, pressure.valid_probability);
    const uint64_t watchdog = 100 * (stream.size() + 10);
    while (!m.done_o && !m.sd_fault_o) {
      if (out.cycles >= watchdog) {
        out.timed_out = true;
        break;
      }
      uint8_t byte = 0;
      m.sd_valid_i = source.drive(rng, &byte);
      m.sd_data_i = byte;
      m.ch_ready_i = chance(rng, pressure.ready_probability);
      m.clk_i = 0;
      m.eval();
      if (m.busy_o) {
        ++out.cycles;
        if (m.sd_ready_o && !m.sd_valid_i) ++out.input_stalls;
        if (m.ch_valid_o && !m.ch_ready_i) ++out.output_stalls;
      }
      if (m.ch_valid_o && m.ch_ready_i) {
        const uint64_t bias = m.ch_bias_o & ((uint64_t{1} << 40) - 1);
        out.channels.push_back({static_cast<int64_t>(bias << 24) >> 24, m.ch_mult_o, m.ch_shift_o});
      }
      if (m.sd_valid_i && m.sd_ready_o) source.taken();
      m.clk_i = 1;
      m.eval();
    }
    out.done = m.done_o;
    out.fault = m.sd_fault_o;
    if (out.fault || out.timed_out) harness_.reset();
    m.sd_valid_i = 0;
    return out;
  }

 private:
  Harness<Vvnpu_scale_decoder> harness_;
};

}  // namespace

std::unique_ptr<WeightDecoderDriver> make_weight_decoder_driver(bool mutant) {
  if (mutant) return std::make_unique<WeightBench<Vvnpu_weight_decoder_mutant>>();
  return std::make_unique<WeightBench<Vvnpu_weight_decoder>>();
}

std::unique_ptr<ScaleDecoderDriver> make_scale_decoder_driver() {
  return std::make_unique<ScaleBench>();
}

}  // namespace vnpu::sim::rtl
