// Drives a verilated vnpu_mac_datapath (ethos-u55-128: 2x1x8 OFM micro-block;
// also -256: 2x2x8 and -32: 1x1x4), for the RTL datapath and the tests: fills
// the SHRAM IFM buffer and the weight buffer of each OFM block job through
// their write ports while the previous block runs, starts the blocks back to
// back, drains the accumulator store with a ready probability (the product:
// always ready), and counts each block's cycles the way docs/rtl.md §8 states
// the formula.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace vnpu::sim::rtl {

// The verilated datapath's OFM micro-block and SHRAM size (the preset's).
struct MacGeometry {
  int32_t ub_w = 2;
  int32_t ub_h = 1;
  int32_t ub_c = 8;
  uint32_t shram_words = 3072;  // 8-byte words: 24 KB
  int32_t pixels() const { return ub_w * ub_h; }
  int32_t points() const { return pixels() * ub_c; }
};

// ethos-u55-32, -128 or -256 (the presets verilated for the tests).
MacGeometry mac_geometry(const std::string& preset);

// Where lane `lane` of store entry `entry` lands in a block of `w` x `h` x `c`
// OFM points: the entries run over the block's micro-blocks x fastest, then y,
// then channel group, and a micro-block's lanes are channel-fastest within each
// pixel (docs/rtl.md §8). False for a lane past the block's edge.
struct BlockPoint {
  int32_t x = 0, y = 0, c = 0;
};
bool store_entry_point(const MacGeometry& geo, int32_t w, int32_t h, int32_t c, size_t entry,
                       int32_t lane, BlockPoint* point);

constexpr uint32_t kWbufWords = 1024;
constexpr uint32_t kAccEntries = 64;    // micro-blocks per accumulator bank
// Cycles from the edge that takes a block command to the edge that writes the
// block's last store entry, beyond its beats and stalls (docs/rtl.md §8), and
// from the edge that takes the block's first beat (§7).
constexpr uint64_t kMacBlockOverheadCycles = 3;
constexpr uint64_t kMacArrayOverheadCycles = 1;

// vnpu_mac_array modes.
enum class MacMode : uint8_t { kConv = 0, kDepthwise = 1, kMax = 2, kAverage = 3, kSum = 4, kSumAll = 5 };

struct MacBlockConfig {
  MacGeometry geometry;  // the datapath's: must be the bench's
  MacMode mode = MacMode::kConv;
  bool ifm16 = false;
  bool ifm_signed = true;
  bool acc40 = false;
  int32_t zero_point = 0;
  int32_t ofm_w = 1, ofm_h = 1, ofm_c = 1;
  int32_t kernel_w = 1, kernel_h = 1;
  int32_t stride_x = 1, stride_y = 1;
  int32_t dilation_x = 1, dilation_y = 1;
  int32_t pad_left = 0, pad_top = 0;
  int32_t ifm_w = 1, ifm_h = 1, ifm_depth = 1;  // width and height: the (upscaled) extent
  int32_t upscale = 0;     // isa::UpscaleMode: 0 none, 1 nearest, 2 zero insertion
  uint32_t ifm_base = 0;   // SHRAM word
  uint32_t wbuf_base = 0;  // weight buffer word
};

// A weight buffer word: UbC x 8 weights, channel j lane l at [8 * j + l].
using WeightWord = std::vector<int16_t>;

struct MacBlockJob {
  MacBlockConfig config;
  std::vector<std::pair<uint32_t, uint64_t>> shram_words;  // address, 8 bytes little-endian
  std::vector<std::pair<uint32_t, WeightWord>> weight_words;
};

struct MacEntry {
  std::vector<int64_t> acc;     // per point, 40-bit, sign-extended
  std::vector<uint32_t> count;  // per point, pooling taps
};

struct MacBlockResult {
  std::vector<MacEntry> entries;  // one per micro-block, in store order
  uint64_t cycles = 0;            // command edge .. last store write edge, inclusive
  uint64_t stall_cycles = 0;      // cycles after the command edge with a beat waiting for a bank
  uint64_t beats = 0;             // beats the MAC array took
  uint64_t start_cycle = 0;       // cycle of the command edge
  bool command_waited = false;    // the command was offered while the sequencer was busy
  uint64_t mac_cycles = 0;        // first beat taken .. last store write, inclusive
  uint64_t mac_stall_cycles = 0;  // cycles after the first beat with a beat waiting for a bank
};

class MacDatapathDriver {
 public:
  virtual ~MacDatapathDriver() = default;
  // Runs the jobs back to back; the drain is ready with `drain_ready_probability` per cycle.
  virtual std::vector<MacBlockResult> run(const std::vector<MacBlockJob>& jobs, std::mt19937_64& rng,
                                          double drain_ready_probability) = 0;
  // Clock edges simulated so far.
  virtual uint64_t total_cycles() const = 0;
};

// The datapath of `preset` (mac_geometry), or the ethos-u55-128 mutant with InjectMacError=1.
std::unique_ptr<MacDatapathDriver> make_mac_datapath_driver(const std::string& preset, bool mutant);
// The ethos-u55-128 MAC datapath whose accumulator store reads bit 8 of every
// accumulator as 1 (InjectStuckAccBit).
std::unique_ptr<MacDatapathDriver> make_stuck_accumulator_bit_driver();

}  // namespace vnpu::sim::rtl
