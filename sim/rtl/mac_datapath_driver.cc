#include "sim/rtl/mac_datapath_driver.h"

#include <stdexcept>

#include <Vvnpu_mac_datapath.h>
#include <Vvnpu_mac_datapath_256.h>
#include <Vvnpu_mac_datapath_32.h>
#include <Vvnpu_mac_datapath_mutant.h>
#include <Vvnpu_mac_datapath_stuck.h>
#include <verilated.h>

#include "sim/rtl/port_bits.h"

namespace vnpu::sim::rtl {
namespace {

// A cycle cap far above any run the tests make: a hung handshake fails the test.
constexpr uint64_t kWatchdogCycles = 50'000'000;

// The 32-bit words of a packed port: a VlWide, or a 33..64-bit QData.
template <std::size_t N>
uint32_t* port_words(VlWide<N>& port) { return port.data(); }
template <std::size_t N>
const uint32_t* port_words(const VlWide<N>& port) { return port.data(); }
inline const uint32_t* port_words(const QData& port) { return reinterpret_cast<const uint32_t*>(&port); }

template <typename Model>
class Bench final : public MacDatapathDriver {
 public:
  explicit Bench(const MacGeometry& geometry)
      : geometry_(geometry), context_(std::make_unique<VerilatedContext>()) {
    model_ = std::make_unique<Model>(context_.get());
    Model& m = *model_;
    m.clk_i = 0;
    m.rst_ni = 0;
    m.start_valid_i = 0;
    m.shram_we_i = 0;
    m.wbuf_we_i = 0;
    m.drain_ready_i = 0;
    m.eval();
    m.clk_i = 1;
    m.eval();
    m.rst_ni = 1;
    m.clk_i = 0;
    m.eval();
  }
  ~Bench() override { model_->final(); }

  uint64_t total_cycles() const override { return cycle_; }

  std::vector<MacBlockResult> run(const std::vector<MacBlockJob>& jobs, std::mt19937_64& rng,
                                  double drain_ready_probability) override;

 private:
  void drive_config(const MacBlockConfig& c) {
    if (c.geometry.ub_w != geometry_.ub_w || c.geometry.ub_h != geometry_.ub_h ||
        c.geometry.ub_c != geometry_.ub_c) {
      throw std::runtime_error("mac datapath: block for another micro-block geometry");
    }
    Model& m = *model_;
    m.cfg_mode_i = static_cast<uint8_t>(c.mode);
    m.cfg_ifm16_i = c.ifm16;
    m.cfg_ifm_signed_i = c.ifm_signed;
    m.cfg_acc40_i = c.acc40;
    m.cfg_zero_point_i = static_cast<uint32_t>(c.zero_point) & 0x1FFFFu;
    m.cfg_ofm_w_i = static_cast<uint8_t>(c.ofm_w);
    m.cfg_ofm_h_i = static_cast<uint8_t>(c.ofm_h);
    m.cfg_ofm_c_i = static_cast<uint8_t>(c.ofm_c);
    m.cfg_kernel_w_i = static_cast<uint8_t>(c.kernel_w);
    m.cfg_kernel_h_i = static_cast<uint8_t>(c.kernel_h);
    m.cfg_stride_x_i = static_cast<uint8_t>(c.stride_x);
    m.cfg_stride_y_i = static_cast<uint8_t>(c.stride_y);
    m.cfg_dilation_x_i = static_cast<uint8_t>(c.dilation_x);
    m.cfg_dilation_y_i = static_cast<uint8_t>(c.dilation_y);
    m.cfg_pad_left_i = static_cast<uint8_t>(c.pad_left);
    m.cfg_pad_top_i = static_cast<uint8_t>(c.pad_top);
    m.cfg_ifm_w_i = static_cast<uint16_t>(c.ifm_w);
    m.cfg_ifm_h_i = static_cast<uint16_t>(c.ifm_h);
    m.cfg_upscale_i = static_cast<uint8_t>(c.upscale);
    m.cfg_ifm_depth_i = static_cast<uint16_t>(c.ifm_depth);
    m.cfg_ifm_base_i = static_cast<uint16_t>(c.ifm_base);
    m.cfg_wbuf_base_i = static_cast<uint16_t>(c.wbuf_base);
  }

  void drive_weight_word(const WeightWord& word) {
    uint32_t* words = port_words(model_->wbuf_wdata_i);
    for (int i = 0; i < geometry_.ub_c * 8; ++i) {
      put_bits(words, 9 * i, 9, static_cast<uint64_t>(word[static_cast<size_t>(i)]));
    }
  }

  MacEntry read_entry() const {
    const Model& m = *model_;
    MacEntry e;
    for (int i = 0; i < geometry_.points(); ++i) {
      uint64_t raw = get_bits(port_words(m.drain_acc_o), 40 * i, 40);
      if ((raw >> 39) & 1) raw |= ~((uint64_t{1} << 40) - 1);
      e.acc.push_back(static_cast<int64_t>(raw));
      e.count.push_back(static_cast<uint32_t>(get_bits(port_words(m.drain_count_o), 16 * i, 16)));
    }
    return e;
  }

  MacGeometry geometry_;
  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Model> model_;
  uint64_t cycle_ = 0;
};

template <typename Model>
std::vector<MacBlockResult> Bench<Model>::run(const std::vector<MacBlockJob>& jobs,
                                              std::mt19937_64& rng, double drain_ready_probability) {
  Model& m = *model_;
  std::vector<MacBlockResult> results(jobs.size());
  std::vector<uint64_t> start_cycle(jobs.size(), 0);
  std::vector<uint64_t> stalls_at_start(jobs.size(), 0);
  std::vector<uint64_t> first_beat_cycle(jobs.size(), 0);
  std::vector<uint64_t> stalls_at_first_beat(jobs.size(), 0);
  size_t shram_next = 0;  // next word of job `started` to write
  size_t weight_next = 0;
  size_t started = 0;     // jobs whose command was taken
  size_t done = 0;        // jobs whose last store entry is written
  size_t drained = 0;     // jobs fully drained
  uint64_t stalls = 0;    // stall cycles so far
  const uint64_t limit = cycle_ + kWatchdogCycles;
  while (drained < jobs.size()) {
    if (cycle_ > limit) throw std::runtime_error("mac datapath watchdog: no progress");
    // The next job's memories are filled while the current one runs: it uses
    // the buffer halves of the job two before, whose reads ended when the
    // sequencer took the current job. One word per write port per cycle; the
    // command goes out with the last words.
    m.shram_we_i = 0;
    m.wbuf_we_i = 0;
    m.start_valid_i = 0;
    if (started < jobs.size()) {
      const MacBlockJob& job = jobs[started];
      if (shram_next < job.shram_words.size()) {
        m.shram_we_i = 1;
        m.shram_waddr_i = static_cast<uint16_t>(job.shram_words[shram_next].first);
        m.shram_wdata_i = job.shram_words[shram_next].second;
        ++shram_next;
      }
      if (weight_next < job.weight_words.size()) {
        m.wbuf_we_i = 1;
        m.wbuf_waddr_i = static_cast<uint16_t>(job.weight_words[weight_next].first);
        drive_weight_word(job.weight_words[weight_next].second);
        ++weight_next;
      }
      m.start_valid_i = shram_next >= job.shram_words.size() &&
                        weight_next >= job.weight_words.size();
      if (m.start_valid_i) drive_config(job.config);
    }
    m.drain_ready_i = chance(rng, drain_ready_probability);
    m.clk_i = 0;
    m.eval();

    const bool start_fire = m.start_valid_i && m.start_ready_o;
    if (m.pmu_mac_stalled_by_acc_o) ++stalls;
    if (m.pmu_mac_active_o) {
      if (done >= started) throw std::runtime_error("mac datapath: beat outside a block");
      if (results[done].beats++ == 0) {
        first_beat_cycle[done] = cycle_;
        stalls_at_first_beat[done] = stalls;
      }
    }
    if (m.start_valid_i && !m.start_ready_o && started < jobs.size()) {
      results[started].command_waited = true;
    }
    if (start_fire) {
      start_cycle[started] = cycle_;
      results[started].start_cycle = cycle_;
      stalls_at_start[started] = stalls;  // a stall in the command's own cycle does not count
    }
    if (m.block_done_o) {
      if (done >= started) throw std::runtime_error("mac datapath: block done before its start");
      MacBlockResult& r = results[done];
      // A beat stalled in this block's last cycle belongs to the next block: this one has
      // no beat left (its last beat went a cycle earlier), so that stall is not its own.
      const uint64_t own_stalls = stalls - (m.pmu_mac_stalled_by_acc_o ? 1u : 0u);
      r.cycles = cycle_ - start_cycle[done] + 1;
      r.stall_cycles = own_stalls - stalls_at_start[done];
      r.mac_cycles = cycle_ - first_beat_cycle[done] + 1;
      r.mac_stall_cycles = own_stalls - stalls_at_first_beat[done];
      ++done;
    }
    if (m.drain_valid_o && m.drain_ready_i) {
      if (drained >= done) throw std::runtime_error("mac datapath: drain before the block is done");
      results[drained].entries.push_back(read_entry());
      if (m.drain_last_o) ++drained;
    }
    if (start_fire) {
      ++started;
      shram_next = 0;
      weight_next = 0;
    }
    m.clk_i = 1;
    m.eval();
    ++cycle_;
  }
  m.start_valid_i = 0;
  m.shram_we_i = 0;
  m.wbuf_we_i = 0;
  return results;
}

}  // namespace

bool store_entry_point(const MacGeometry& geo, int32_t w, int32_t h, int32_t c, size_t entry,
                       int32_t lane, BlockPoint* point) {
  const int32_t across = (w + geo.ub_w - 1) / geo.ub_w;
  const int32_t down = (h + geo.ub_h - 1) / geo.ub_h;
  const auto e = static_cast<int32_t>(entry);
  const int32_t pixel = lane / geo.ub_c;
  point->x = e % across * geo.ub_w + pixel % geo.ub_w;
  point->y = e / across % down * geo.ub_h + pixel / geo.ub_w;
  point->c = e / across / down * geo.ub_c + lane % geo.ub_c;
  return point->x < w && point->y < h && point->c < c;
}

MacGeometry mac_geometry(const std::string& preset) {
  if (preset == "ethos-u55-32") return {1, 1, 4, 2048};
  if (preset == "ethos-u55-256") return {2, 2, 8, 6144};
  if (preset == "ethos-u55-128") return {2, 1, 8, 3072};
  throw std::runtime_error("mac datapath: no verilated model for " + preset);
}

std::unique_ptr<MacDatapathDriver> make_mac_datapath_driver(const std::string& preset, bool mutant) {
  const MacGeometry g = mac_geometry(preset);
  if (mutant) {
    if (preset != "ethos-u55-128") throw std::runtime_error("mac datapath: mutant is ethos-u55-128");
    return std::make_unique<Bench<Vvnpu_mac_datapath_mutant>>(g);
  }
  if (preset == "ethos-u55-32") return std::make_unique<Bench<Vvnpu_mac_datapath_32>>(g);
  if (preset == "ethos-u55-256") return std::make_unique<Bench<Vvnpu_mac_datapath_256>>(g);
  return std::make_unique<Bench<Vvnpu_mac_datapath>>(g);
}

std::unique_ptr<MacDatapathDriver> make_stuck_accumulator_bit_driver() {
  return std::make_unique<Bench<Vvnpu_mac_datapath_stuck>>(mac_geometry("ethos-u55-128"));
}

}  // namespace vnpu::sim::rtl
