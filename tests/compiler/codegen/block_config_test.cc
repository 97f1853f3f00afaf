// The OFM block search (compiler/codegen/block_config.h, docs/perf_model.md
// §8): the chosen block always fits the SHRAM, never has more estimated
// cycles than the previous rule (largest volume that fits), is the cheapest
// fitting block, and in hand-derived cases the cost model forces one shape.
#include "compiler/codegen/block_config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "isa/accelerator_config.h"
#include "perf/memory_system.h"

namespace vnpu::compiler {
namespace {

using Kind = BlockProblem::Kind;

int32_t up(int32_t value, int32_t step) { return (value + step - 1) / step * step; }
int32_t banks(int64_t bytes) { return static_cast<int32_t>((bytes + 1023) / 1024); }

// The SHRAM rule of lower_op.h written out again: 2 reserved banks, then the
// double-buffered IFM block up to ib_end, the accumulators (4 bytes per block
// element) from ab_start to the end of the usable SHRAM.
struct Layout {
  bool fits = false;
  int32_t ib_end = 0;
  int32_t ab_start = 0;
};

Layout expected_layout(const BlockProblem& p, int32_t w, int32_t h, int32_t d,
                       const isa::AcceleratorConfig& c) {
  const int32_t usable = c.shram_kb - (c.shram_kb > 16 ? 2 : 0);
  const int32_t ifm_h =
      up((h - 1) * p.stride_y + std::min(p.kernel_height, 8), c.ifm_ublock.height);
  const int32_t ifm_w = up((w - 1) * p.stride_x + std::min(p.kernel_width, 8), c.ifm_ublock.width);
  const int32_t ifm_d = p.ifm_block_depth == 0 ? d : p.ifm_block_depth;
  Layout l;
  l.ib_end = 2 + 2 * banks(int64_t{ifm_h} * ifm_w * ifm_d);
  l.ab_start = usable - banks(int64_t{w} * h * d * 4);
  l.fits = l.ib_end <= l.ab_start;
  return l;
}

struct Range {
  int32_t max_w, max_h, max_d;
};

Range search_range(const BlockProblem& p, const isa::AcceleratorConfig& c) {
  return {std::min(up(p.ofm_width, c.ofm_ublock.width), 64),
          std::min(up(p.ofm_height, c.ofm_ublock.height), 32), std::min(up(p.ofm_depth, 8), 64)};
}

int64_t clipped_volume(const BlockProblem& p, const BlockConfig& b) {
  return int64_t{std::min(b.width, p.ofm_width)} * std::min(b.height, p.ofm_height) *
         std::min(b.depth, p.ofm_depth);
}

// Every block of the search range that fits, in the search order.
std::vector<BlockConfig> fitting_blocks(const BlockProblem& p, const isa::AcceleratorConfig& c) {
  std::vector<BlockConfig> out;
  const Range r = search_range(p, c);
  for (int32_t d = 8; d <= r.max_d; d += 8) {
    for (int32_t h = c.ofm_ublock.height; h <= r.max_h; h += c.ofm_ublock.height) {
      for (int32_t w = c.ofm_ublock.width; w <= r.max_w; w += c.ofm_ublock.width) {
        const Layout l = expected_layout(p, w, h, d, c);
        if (l.fits) {
          out.push_back(
              {w, h, d, static_cast<uint32_t>(l.ib_end), static_cast<uint32_t>(l.ab_start)});
        }
      }
    }
  }
  return out;
}

// The rule before the search: the first fitting block of the largest clipped volume.
BlockConfig largest_volume_block(const BlockProblem& p, const isa::AcceleratorConfig& c) {
  BlockConfig best;
  int64_t best_volume = 0;
  for (const BlockConfig& b : fitting_blocks(p, c)) {
    if (clipped_volume(p, b) > best_volume) {
      best_volume = clipped_volume(p, b);
      best = b;
    }
  }
  return best;
}

const isa::AcceleratorConfig& preset(const std::string& name) {
  for (const isa::AcceleratorConfig& c : isa::accelerator_configs()) {
    if (name == c.name) return c;
  }
  throw std::runtime_error("no preset " + name);
}

// Round numbers for hand derivations: no latency, burst length 1 (no burst
// scaling); the arena (region 1) in SRAM, the constants (region 0) in off-chip flash.
perf::MemorySystem round_memory(double arena_bytes_per_cycle, double constant_bytes_per_cycle) {
  perf::MemorySystem m;
  m.burst_length_bytes.fill(1);
  m.bandwidth_bytes_per_cycle.fill(1e9);
  m.bandwidth_bytes_per_cycle[static_cast<size_t>(perf::MemoryKind::kSram)] = arena_bytes_per_cycle;
  m.bandwidth_bytes_per_cycle[static_cast<size_t>(perf::MemoryKind::kOffChipFlash)] =
      constant_bytes_per_cycle;
  m.region_memory.fill(perf::MemoryKind::kSram);
  m.region_memory[0] = perf::MemoryKind::kOffChipFlash;
  return m;
}

double sram(const BlockCost& c) {
  return c.access_cycles[static_cast<size_t>(perf::MemoryKind::kSram)];
}
double flash(const BlockCost& c) {
  return c.access_cycles[static_cast<size_t>(perf::MemoryKind::kOffChipFlash)];
}

BlockProblem problem(Kind kind, int32_t h, int32_t w, int32_t c, int32_t kernel, int32_t stride,
                     int32_t ifm_depth) {
  BlockProblem p;
  p.kind = kind;
  p.ofm_height = h;
  p.ofm_width = w;
  p.ofm_depth = c;
  const bool elementwise = kind == Kind::kElementwise;
  p.kernel_height = elementwise ? 1 : kernel;
  p.kernel_width = elementwise ? 1 : kernel;
  p.stride_y = elementwise ? 1 : stride;
  p.stride_x = elementwise ? 1 : std::max(1, stride - 1);
  p.ifm_depth = kind == Kind::kConvolution ? ifm_depth : c;
  // isa::weight_ifm_block_depth for an 8-bit depth-first convolution.
  p.ifm_block_depth = kind == Kind::kConvolution ? std::min(up(ifm_depth, 8), 32) : 0;
  return p;
}

// Kinds x OFM shapes (odd, prime, 1-wide, FC-like, deeper than a block) x
// kernels (1, 3, 8, 11 = more than one sub-kernel) x strides.
std::vector<BlockProblem> sweep() {
  struct Shape {
    int32_t h, w, c, ifm;
  };
  const Shape shapes[] = {{1, 1, 8, 8},     {1, 64, 64, 3},    {7, 5, 24, 13}, {25, 5, 64, 64},
                          {49, 10, 64, 64}, {12, 12, 200, 96}, {57, 61, 3, 40}};
  std::vector<BlockProblem> out;
  for (Kind kind : {Kind::kConvolution, Kind::kDepthwise, Kind::kPooling, Kind::kElementwise}) {
    for (const Shape& s : shapes) {
      for (int32_t kernel : {1, 3, 8, 11}) {
        for (int32_t stride : {1, 3}) {
          out.push_back(problem(kind, s.h, s.w, s.c, kernel, stride, s.ifm));
          if (kind == Kind::kElementwise) break;
        }
        if (kind == Kind::kElementwise) break;
      }
    }
  }
  return out;
}

std::string describe(const BlockProblem& p, const isa::AcceleratorConfig& c) {
  return std::string(c.name) + " kind " + std::to_string(static_cast<int>(p.kind)) + " OFM " +
         std::to_string(p.ofm_height) + "x" + std::to_string(p.ofm_width) + "x" +
         std::to_string(p.ofm_depth) + " kernel " + std::to_string(p.kernel_height) + " stride " +
         std::to_string(p.stride_y) + "x" + std::to_string(p.stride_x);
}

TEST(BlockConfigTest, ChosenBlockFitsTheShramOnEveryPreset) {
  int checked = 0;
  for (const isa::AcceleratorConfig& c : isa::accelerator_configs()) {
    for (const BlockProblem& p : sweep()) {
      const Expected<BlockConfig> b = choose_block_config(p, c);
      ASSERT_TRUE(b.has_value()) << describe(p, c) << ": " << b.status().message();
      const Layout l = expected_layout(p, b->width, b->height, b->depth, c);
      const Range r = search_range(p, c);
      EXPECT_TRUE(l.fits) << describe(p, c);
      EXPECT_EQ(static_cast<int32_t>(b->ib_end), l.ib_end) << describe(p, c);
      EXPECT_EQ(static_cast<int32_t>(b->ab_start), l.ab_start) << describe(p, c);
      EXPECT_EQ(b->width % c.ofm_ublock.width, 0) << describe(p, c);
      EXPECT_EQ(b->height % c.ofm_ublock.height, 0) << describe(p, c);
      EXPECT_EQ(b->depth % 8, 0) << describe(p, c);
      EXPECT_TRUE(b->width >= 1 && b->width <= r.max_w) << describe(p, c);
      EXPECT_TRUE(b->height >= 1 && b->height <= r.max_h) << describe(p, c);
      EXPECT_TRUE(b->depth >= 8 && b->depth <= r.max_d) << describe(p, c);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 4 * (3 * 7 * 4 * 2 + 7));
}

TEST(BlockConfigTest, NeverMoreEstimatedCyclesThanTheLargestVolumeBlock) {
  int better = 0;
  int total = 0;
  for (const isa::AcceleratorConfig& c : isa::accelerator_configs()) {
    const perf::MemorySystem memory = default_block_search_memory(c);
    for (const BlockProblem& p : sweep()) {
      const Expected<BlockConfig> b = choose_block_config(p, c);
      ASSERT_TRUE(b.has_value()) << describe(p, c);
      const double chosen = estimate_block_cost(p, *b, c, memory).total_cycles;
      const double old = estimate_block_cost(p, largest_volume_block(p, c), c, memory).total_cycles;
      EXPECT_LE(chosen, old) << describe(p, c);
      EXPECT_GT(chosen, 0) << describe(p, c);
      better += chosen < old ? 1 : 0;
      ++total;
    }
  }
  // The search is not the old rule in disguise: it wins on a good share of the sweep.
  EXPECT_GT(better, total / 4) << better << " of " << total;
}

// For every fitting block of the test's own enumeration, none is strictly
// better in the documented order (cycles, compute cycles, larger volume).
TEST(BlockConfigTest, ChosenBlockIsTheCheapestFittingBlock) {
  const std::vector<BlockProblem> problems = {problem(Kind::kConvolution, 25, 5, 64, 3, 1, 64),
                                              problem(Kind::kDepthwise, 49, 10, 64, 3, 3, 0),
                                              problem(Kind::kPooling, 12, 12, 200, 8, 3, 0),
                                              problem(Kind::kElementwise, 7, 5, 24, 1, 1, 0),
                                              problem(Kind::kConvolution, 1, 64, 64, 1, 1, 3)};
  for (const isa::AcceleratorConfig& c : isa::accelerator_configs()) {
    const perf::MemorySystem memory = default_block_search_memory(c);
    for (const BlockProblem& p : problems) {
      const Expected<BlockConfig> b = choose_block_config(p, c, memory);
      ASSERT_TRUE(b.has_value()) << describe(p, c);
      const BlockCost best = estimate_block_cost(p, *b, c, memory);
      for (const BlockConfig& other : fitting_blocks(p, c)) {
        const BlockCost cost = estimate_block_cost(p, other, c, memory);
        ASSERT_GE(cost.total_cycles, best.total_cycles) << describe(p, c);
        if (cost.total_cycles > best.total_cycles) continue;
        // Ties: least traffic summed over the memories, then compute, then volume.
        double cost_access = 0;
        double best_access = 0;
        for (double cycles : cost.access_cycles) cost_access += cycles;
        for (double cycles : best.access_cycles) best_access += cycles;
        ASSERT_GE(cost_access, best_access) << describe(p, c);
        if (cost_access > best_access) continue;
        ASSERT_GE(cost.compute_cycles, best.compute_cycles) << describe(p, c);
        if (cost.compute_cycles > best.compute_cycles) continue;
        ASSERT_LE(clipped_volume(p, other), clipped_volume(p, *b)) << describe(p, c);
      }
    }
  }
}

// A 3x3 stride-1 convolution over one row: OFM 1x64x16, IFM 3x66x32 (IFM block
// depth 32) on U55-64 (16 banks, all usable; ublocks 1x1x8). The arena is slow
// (1/64 B/cycle) and the constants fast, so cycles = 64 x (OFM writes + IFM reads).
//
// Fit (h = 1): ib_end = 2 + 2*ceil(3*(w+2)*32/1024), ab_start = 16 - ceil(4*w*d/1024):
// d = 16 fits up to w = 51 (w = 52: IFM 5184 B -> ib_end 14 > 12), d = 8 up to w = 62.
// The old rule takes the largest volume: 1x51x16 (816 elements).
// IFM reads = min(66, w+2) * 3 * 32 * ceil(64/w) * ceil(16/d) bytes. One block needs
// w >= 64 (never fits), so d = 16 reads at least 2*(w+2)*96 with w >= 32: 2*34*96 =
// 6528 at w = 32 only (3 blocks: 3*24*96 = 6912); d = 8 doubles everything (>= 13056).
// So the search must take 1x32x16: ib_end 2 + 2*ceil(3264/1024) = 10, ab_start 16 - 2
// = 14, cycles 64 * (1024 + 6528) = 483328. Its compute is far below: 2 blocks, each
// at the command-issue floor (64*(3*34*32 + 32*16) + 512 + 2304)/4 = 61120, total 3 *
// 61120 = 183360. The old 1x51x16 reads 2*53*96 = 10176: 64 * 11200 = 716800 cycles.
TEST(BlockConfigTest, IfmHaloReReadsPickTheSmallestBlockCoveringTheRowInTwo) {
  const isa::AcceleratorConfig& c = preset("ethos-u55-64");
  const perf::MemorySystem memory = round_memory(1.0 / 64, 1e9);
  const BlockProblem p = problem(Kind::kConvolution, 1, 64, 16, 3, 1, 32);
  const Expected<BlockConfig> b = choose_block_config(p, c, memory);
  ASSERT_TRUE(b.has_value()) << b.status().message();
  EXPECT_EQ(b->height, 1);
  EXPECT_EQ(b->width, 32);
  EXPECT_EQ(b->depth, 16);
  EXPECT_EQ(b->ib_end, 10u);
  EXPECT_EQ(b->ab_start, 14u);
  const BlockCost cost = estimate_block_cost(p, *b, c, memory);
  EXPECT_DOUBLE_EQ(sram(cost), 483328.0);
  EXPECT_DOUBLE_EQ(cost.compute_cycles, 183360.0);
  EXPECT_DOUBLE_EQ(cost.total_cycles, 483328.0);

  const BlockConfig old = largest_volume_block(p, c);
  EXPECT_EQ(old.width, 51);
  EXPECT_EQ(old.depth, 16);
  EXPECT_DOUBLE_EQ(estimate_block_cost(p, old, c, memory).total_cycles, 716800.0);
}

// OFM 4x24x24, 3x3 stride 1, IFM depth 32 (block depth 32) on U55-64. The
// constants are slow (1/64 B/cycle), the arena fast, so cycles = 64 x (weights x
// passes + scales): weights 3*3*32*24 = 6912 B, scales round_up(240, 16) = 240 B,
// passes = XY blocks * ceil(24/d)*d/24.
// One XY block needs h = 4, w = 24 (the search range ends there): IFM block 6x26x32
// = 4992 B -> ib_end 2 + 2*5 = 12; accumulators 4*24*d*4 B: d = 8 -> 3 banks,
// ab_start 13, fits; d = 16 -> ab_start 10 and d = 24 -> 7 do not. So 4x24x8 is the
// only block with one pass (every other block has >= 2 XY blocks): 64 * (6912 + 240)
// = 457728 cycles, against >= 64 * (2*6912 + 240) = 900096 for any other.
// Its compute: 3 blocks, MAC per block max(32, 4*96) * 9 * Nz 1 = 3456, output 768
// raised to the floor (3456 + 768)/4 = 1056 (transfers ~0): 3 * 3456 + 1056 = 11424.
// The old rule takes the largest volume 1536: 4x16x24 (w = 17 needs 7 accumulator
// banks), 2 XY blocks, 2 passes: 64 * (13824 + 240) = 900096.
TEST(BlockConfigTest, WeightReFetchesPickTheOnlyBlockCoveringTheOfmArea) {
  const isa::AcceleratorConfig& c = preset("ethos-u55-64");
  const perf::MemorySystem memory = round_memory(1e9, 1.0 / 64);
  const BlockProblem p = problem(Kind::kConvolution, 4, 24, 24, 3, 1, 32);
  const Expected<BlockConfig> b = choose_block_config(p, c, memory);
  ASSERT_TRUE(b.has_value()) << b.status().message();
  EXPECT_EQ(b->height, 4);
  EXPECT_EQ(b->width, 24);
  EXPECT_EQ(b->depth, 8);
  EXPECT_EQ(b->ib_end, 12u);
  EXPECT_EQ(b->ab_start, 13u);
  const BlockCost cost = estimate_block_cost(p, *b, c, memory);
  EXPECT_DOUBLE_EQ(flash(cost), 457728.0);
  EXPECT_DOUBLE_EQ(cost.compute_cycles, 11424.0);
  EXPECT_DOUBLE_EQ(cost.total_cycles, 457728.0);

  const BlockConfig old = largest_volume_block(p, c);
  EXPECT_EQ(old.height, 4);
  EXPECT_EQ(old.width, 16);
  EXPECT_EQ(old.depth, 24);
  EXPECT_DOUBLE_EQ(flash(estimate_block_cost(p, old, c, memory)), 900096.0);
}

// ADD of 16x32x64 on U55-128 (22 usable banks, OFM and IFM ublock 2x1x8) with
// fast memories: every block costs ceil(1.5 * 32768) cycles (advanced add, the
// floor (0 + 1.5*E)/4 is below 1.5 per element), so the order falls to the
// largest volume. IFM block = block (1x1 kernel), so a block of V elements needs
// 2 + 2*ceil(V/1024) <= 22 - ceil(4V/1024): V <= 3072 (V = 3073..4096 gives
// ib_end 10 > ab_start 9). V = 3072 first appears at depth 8 (search order depth,
// height, width): h*w = 384 with w even <= 32 first at h = 12, w = 32.
TEST(BlockConfigTest, EqualCostsGoToTheLargestVolumeThenTheSearchOrder) {
  const isa::AcceleratorConfig& c = preset("ethos-u55-128");
  const perf::MemorySystem memory = round_memory(1e9, 1e9);
  const BlockProblem p = problem(Kind::kElementwise, 16, 32, 64, 1, 1, 0);
  const Expected<BlockConfig> b = choose_block_config(p, c, memory);
  ASSERT_TRUE(b.has_value()) << b.status().message();
  EXPECT_EQ(b->height, 12);
  EXPECT_EQ(b->width, 32);
  EXPECT_EQ(b->depth, 8);
  EXPECT_EQ(b->ib_end, 8u);
  EXPECT_EQ(b->ab_start, 10u);
  EXPECT_DOUBLE_EQ(estimate_block_cost(p, *b, c, memory).compute_cycles, 1.5 * 16 * 32 * 64);
  const BlockConfig smallest{2, 1, 8, 0, 0};
  EXPECT_DOUBLE_EQ(estimate_block_cost(p, smallest, c, memory).compute_cycles, 1.5 * 16 * 32 * 64);
}

TEST(BlockConfigTest, DefaultMemoryIsVelasHighEndEmbeddedWithSharedSram) {
  const isa::AcceleratorConfig& c = preset("ethos-u55-256");
  const perf::MemorySystem m = default_block_search_memory(c);
  EXPECT_EQ(m.memory_of_region(1), perf::MemoryKind::kSram);
  EXPECT_EQ(m.memory_of_region(0), perf::MemoryKind::kOffChipFlash);
  EXPECT_DOUBLE_EQ(m.bandwidth(perf::MemoryKind::kSram), 8.0);          // 8 B x 1.0
  EXPECT_DOUBLE_EQ(m.bandwidth(perf::MemoryKind::kOffChipFlash), 1.0);  // 8 B x 0.125
  const BlockProblem p = problem(Kind::kConvolution, 49, 10, 64, 1, 1, 64);
  const Expected<BlockConfig> a = choose_block_config(p, c);
  const Expected<BlockConfig> b = choose_block_config(p, c, m);
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_EQ(a->width, b->width);
  EXPECT_EQ(a->height, b->height);
  EXPECT_EQ(a->depth, b->depth);
}

// Callers that leave `kind` at its default: a convolution with IFM block depth 0
// (the pooling and ADD lowerings) is costed as depthwise.
TEST(BlockConfigTest, ConvolutionWithIfmBlockDepthZeroIsCostedAsDepthwise) {
  for (const isa::AcceleratorConfig& c : isa::accelerator_configs()) {
    BlockProblem depthwise = problem(Kind::kDepthwise, 25, 5, 64, 3, 1, 0);
    BlockProblem defaulted = depthwise;
    defaulted.kind = Kind::kConvolution;
    defaulted.ifm_depth = 0;
    const perf::MemorySystem m = default_block_search_memory(c);
    const Expected<BlockConfig> a = choose_block_config(depthwise, c, m);
    const Expected<BlockConfig> b = choose_block_config(defaulted, c, m);
    ASSERT_TRUE(a.has_value() && b.has_value()) << c.name;
    EXPECT_EQ(a->width, b->width) << c.name;
    EXPECT_EQ(a->height, b->height) << c.name;
    EXPECT_EQ(a->depth, b->depth) << c.name;
    EXPECT_DOUBLE_EQ(estimate_block_cost(depthwise, *a, c, m).total_cycles,
                     estimate_block_cost(defaulted, *b, c, m).total_cycles);
  }
}

TEST(BlockConfigTest, RejectsABadProblemAndSaysWhenNothingFits) {
  const isa::AcceleratorConfig& c = preset("ethos-u55-32");
  BlockProblem p = problem(Kind::kConvolution, 4, 4, 8, 1, 1, 8);
  p.stride_x = 0;
  Expected<BlockConfig> b = choose_block_config(p, c);
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(b.status().message().find("stride_x is 0"), std::string::npos) << b.status().message();

  // An 8x8 IFM window of 512 channels needs 2 x 32 KB of IFM buffer.
  p = problem(Kind::kConvolution, 4, 4, 8, 8, 1, 512);
  p.ifm_block_depth = 512;
  b = choose_block_config(p, c);
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.status().code(), ErrorCode::kUnsupported);
  EXPECT_NE(b.status().message().find("16 KB SHRAM of ethos-u55-32"), std::string::npos)
      << b.status().message();
  EXPECT_TRUE(fitting_blocks(p, c).empty());
}

}  // namespace
}  // namespace vnpu::compiler
