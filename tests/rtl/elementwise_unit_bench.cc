#include "elementwise_unit_bench.h"

#include <stdexcept>

#include "Vvnpu_elementwise_unit.h"
#include "rtl_harness.h"
#include "verilated.h"

namespace vnpu::rtl_test {
namespace {

// A cycle cap far above any run the tests make: a hung handshake fails the test.
constexpr uint64_t kWatchdogCycles = 1'000'000;

uint8_t width_code(uint8_t bits) { return bits == 8 ? 0 : (bits == 16 ? 1 : 2); }

}  // namespace

struct ElementwiseUnitBench::Impl {
  std::unique_ptr<VerilatedContext> context = std::make_unique<VerilatedContext>();
  std::unique_ptr<Vvnpu_elementwise_unit> model =
      std::make_unique<Vvnpu_elementwise_unit>(context.get());

  void tick() {
    model->clk_i = 0;
    model->eval();
    model->clk_i = 1;
    model->eval();
  }
};

ElementwiseUnitBench::ElementwiseUnitBench() : impl_(std::make_unique<Impl>()) {
  Vvnpu_elementwise_unit& m = *impl_->model;
  m.rst_ni = 0;
  m.in_valid_i = 0;
  m.out_ready_i = 0;
  impl_->tick();
  m.rst_ni = 1;
  impl_->tick();
}

ElementwiseUnitBench::~ElementwiseUnitBench() { impl_->model->final(); }

bool ElementwiseUnitBench::configure(const ElementwiseConfig& c) {
  Vvnpu_elementwise_unit& m = *impl_->model;
  m.cfg_mode_i = c.mode;
  m.cfg_ifm_bits_i = width_code(c.ifm_bits);
  m.cfg_ifm2_bits_i = width_code(c.ifm2_bits);
  m.cfg_scale_mode_i = c.scale_mode;
  m.cfg_ifm_round_i = c.ifm_round;
  m.cfg_ofm_round_i = c.ofm_round;
  m.cfg_opa_mult_i = c.opa_multiplier;
  m.cfg_opa_shift_i = c.opa_shift;
  m.cfg_opb_mult_i = c.opb_multiplier;
  m.cfg_ofm_mult_i = c.ofm_multiplier;
  m.cfg_ofm_shift_i = c.ofm_shift;
  m.eval();
  return m.cfg_error_o != 0;
}

ElementwiseRun ElementwiseUnitBench::run(const std::vector<ElementwiseBeat>& beats,
                                         std::mt19937_64& rng, double ready_probability) {
  Vvnpu_elementwise_unit& m = *impl_->model;
  ElementwiseRun out;
  size_t sent = 0;
  bool started = false;
  for (uint64_t cycle = 0; out.results.size() < beats.size(); ++cycle) {
    if (cycle > kWatchdogCycles) throw std::runtime_error("elementwise unit watchdog: no progress");
    m.in_valid_i = sent < beats.size();
    if (sent < beats.size()) {
      for (int l = 0; l < kElementwiseLanes; ++l) {
        const ElementwiseOperands& in = beats[sent][static_cast<size_t>(l)];
        put_bits(m.in_a_i.data(), 34 * l, 34, static_cast<uint64_t>(in.a));
        put_bits(m.in_b_i.data(), 34 * l, 34, static_cast<uint64_t>(in.b));
      }
    }
    m.out_ready_i = chance(rng, ready_probability);
    m.clk_i = 0;
    m.eval();
    const bool in_fire = m.in_valid_i && m.in_ready_o;
    const bool out_fire = m.out_valid_o && m.out_ready_i;
    if (in_fire) started = true;
    if (started) {
      ++out.cycles;
      if (m.out_valid_o && !m.out_ready_i) ++out.stall_cycles;
    }
    if (out_fire) {
      ElementwiseResult r{};
      for (int l = 0; l < kElementwiseLanes; ++l) {
        r[static_cast<size_t>(l)] = static_cast<int64_t>(get_bits(m.out_data_o.data(), 64 * l, 64));
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

}  // namespace vnpu::rtl_test
