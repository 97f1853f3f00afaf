#include "sim/rtl/output_unit_driver.h"

#include <stdexcept>

#include <Vvnpu_output_unit.h>
#include <Vvnpu_output_unit_mutant.h>
#include <verilated.h>

#include "sim/rtl/port_bits.h"

namespace vnpu::sim::rtl {
namespace {

// A cycle cap far above any run the tests make: a hung handshake fails the test.
constexpr uint64_t kWatchdogCycles = 1'000'000;

template <typename Model>
class Bench final : public OutputUnitDriver {
 public:
  Bench() : context_(std::make_unique<VerilatedContext>()) {
    model_ = std::make_unique<Model>(context_.get());
    model_->clk_i = 0;
    model_->rst_ni = 0;
    model_->in_valid_i = 0;
    model_->out_ready_i = 0;
    model_->lut_we_i = 0;
    tick();
    model_->rst_ni = 1;
    tick();
  }
  ~Bench() override { model_->final(); }

  bool configure(const OutputUnitConfig& c) override {
    Model& m = *model_;
    m.cfg_acc40_i = c.acc40;
    m.cfg_round_mode_i = c.round_mode;
    m.cfg_ofm_bits_i = c.ofm_bits == 8 ? 0 : (c.ofm_bits == 16 ? 1 : 2);
    m.cfg_ofm_signed_i = c.ofm_signed;
    m.cfg_zero_point_i = static_cast<uint32_t>(c.zero_point);
    m.cfg_function_i = c.function;
    m.cfg_clip_range_i = c.clip_range;
    m.cfg_act_min_i = static_cast<uint32_t>(c.act_min);
    m.cfg_act_max_i = static_cast<uint32_t>(c.act_max);
    m.eval();
    return m.cfg_error_o != 0;
  }

  void write_lut(const std::vector<uint8_t>& lut) override {
    Model& m = *model_;
    m.lut_we_i = 1;
    for (uint32_t word = 0; word < 512; ++word) {
      const uint8_t* p = lut.data() + 4 * word;
      m.lut_waddr_i = static_cast<uint16_t>(word);
      m.lut_wdata_i = static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
                      (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
      tick();
    }
    m.lut_we_i = 0;
  }

  OutputRun run(const std::vector<OutputBeat>& beats, std::mt19937_64& rng,
                double ready_probability) override {
    Model& m = *model_;
    OutputRun out;
    size_t sent = 0;
    bool started = false;
    for (uint64_t cycle = 0; out.results.size() < beats.size(); ++cycle) {
      if (cycle > kWatchdogCycles) throw std::runtime_error("output unit watchdog: no progress");
      m.in_valid_i = sent < beats.size();
      if (sent < beats.size()) drive(beats[sent]);
      m.out_ready_i = chance(rng, ready_probability);
      m.clk_i = 0;
      m.eval();
      const bool in_fire = m.in_valid_i && m.in_ready_o;
      const bool out_fire = m.out_valid_o && m.out_ready_i;
      if (in_fire && !started) started = true;
      if (started) {
        ++out.cycles;
        if (m.out_valid_o && !m.out_ready_i) ++out.stall_cycles;
      }
      if (out_fire) {
        OutputResult r{};
        for (int l = 0; l < kOutputLanes; ++l) {
          r[static_cast<size_t>(l)] = static_cast<uint32_t>(get_bits(m.out_data_o.data(), 32 * l, 32));
        }
        out.results.push_back(r);
      }
      if (in_fire) ++sent;
      m.clk_i = 1;
      m.eval();
    }
    m.in_valid_i = 0;
    return out;
  }

 private:
  void tick() {
    model_->clk_i = 0;
    model_->eval();
    model_->clk_i = 1;
    model_->eval();
  }

  void drive(const OutputBeat& beat) {
    Model& m = *model_;
    uint32_t shifts = 0;
    uint32_t direct = 0;
    for (int l = 0; l < kOutputLanes; ++l) {
      const OutputLaneInput& in = beat[static_cast<size_t>(l)];
      put_bits(m.in_acc_i.data(), 40 * l, 40, static_cast<uint64_t>(in.acc));
      put_bits(m.in_bias_i.data(), 40 * l, 40, static_cast<uint64_t>(in.bias));
      put_bits(m.in_mult_i.data(), 32 * l, 32, in.multiplier);
      put_bits(&shifts, 6 * l, 6, in.shift);
      const uint64_t value = static_cast<uint64_t>(in.value);  // 64-bit aligned: two words
      m.in_value_i.data()[2 * l] = static_cast<uint32_t>(value);
      m.in_value_i.data()[2 * l + 1] = static_cast<uint32_t>(value >> 32);
      put_bits(&direct, l, 1, in.direct ? 1u : 0u);
    }
    m.in_shift_i = shifts;
    m.in_direct_i = static_cast<uint8_t>(direct);
  }

  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Model> model_;
};

}  // namespace

std::unique_ptr<OutputUnitDriver> make_output_unit_driver(bool mutant) {
  if (mutant) return std::make_unique<Bench<Vvnpu_output_unit_mutant>>();
  return std::make_unique<Bench<Vvnpu_output_unit>>();
}

}  // namespace vnpu::sim::rtl
