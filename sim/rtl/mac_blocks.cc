#include "sim/rtl/mac_blocks.h"

#include <algorithm>
#include <stdexcept>

namespace vnpu::sim::rtl {
namespace {

constexpr int32_t kWbufHalfWords = static_cast<int32_t>(kWbufWords / 2);
constexpr int32_t kMaxBlockExtent = 248;  // cfg_ofm_* are 8 bits: whole micro-blocks below 256
constexpr int32_t kMaxIfmExtent = 1023;   // cfg_ifm_w_i, cfg_ifm_h_i: 10 bits
constexpr int32_t kMaxSliceDepth = 4088;  // cfg_ifm_depth_i: 12 bits, a multiple of 8
constexpr size_t kJobsPerRun = 8;         // jobs handed to the driver at once

int32_t ceil_div(int32_t a, int32_t b) { return (a + b - 1) / b; }

// One OFM channel per IFM channel (lane j of the beat is channel j).
bool per_channel(const MacOperation& op) {
  return op.mode != MacMode::kConv && op.mode != MacMode::kSumAll;
}
bool has_weights(const MacOperation& op) {
  return op.mode == MacMode::kConv || op.mode == MacMode::kDepthwise;
}

// One OFM block job: OFM origin and size, IFM channel slice.
struct BlockShape {
  int32_t oy = 0, ox = 0, oc = 0;
  int32_t h = 1, w = 1, c = 1;
  int32_t ic = 0, depth = 1;  // IFM channels [ic, ic + depth) in the buffer
};

// Block sizes of an operation: every job has at most these.
struct BlockPlan {
  int32_t h = 1, w = 1, c = 8;
  int32_t depth = 8;  // IFM slice depth (DEPTHWISE: = c)
};

int32_t element_bytes(const MacOperation& op) { return op.ifm->element_bytes(); }

int32_t words_per_pixel(const MacOperation& op, int32_t depth) {
  return element_bytes(op) == 2 ? ceil_div(depth, 4) : ceil_div(depth, 8);
}

int32_t taps(const MacOperation& op) {
  return op.geometry->kernel_height * op.geometry->kernel_width;
}

// The IFM window a block of h x w OFM points reads at most (upscaled coordinates).
int32_t window_h(const KernelGeometry& g, int32_t h) {
  return (h - 1) * g.stride_y + (g.kernel_height - 1) * g.dilation_y + 1;
}
int32_t window_w(const KernelGeometry& g, int32_t w) {
  return (w - 1) * g.stride_x + (g.kernel_width - 1) * g.dilation_x + 1;
}

bool fits(const MacOperation& op, const MacGeometry& geo, const BlockPlan& p) {
  const KernelGeometry& g = *op.geometry;
  const int64_t micro_blocks =
      int64_t{ceil_div(p.h, geo.ub_h)} * ceil_div(p.w, geo.ub_w) * ceil_div(p.c, geo.ub_c);
  int64_t weight_words = int64_t{ceil_div(p.c, geo.ub_c)} * taps(op);
  if (op.mode == MacMode::kConv) weight_words *= ceil_div(p.depth, 8);
  if (!has_weights(op)) weight_words = 0;
  const int64_t shram = int64_t{window_h(g, p.h)} * window_w(g, p.w) * words_per_pixel(op, p.depth);
  return micro_blocks <= static_cast<int64_t>(kAccEntries) && weight_words <= kWbufHalfWords &&
         shram <= static_cast<int64_t>(geo.shram_words / 2) && window_h(g, p.h) <= kMaxIfmExtent &&
         window_w(g, p.w) <= kMaxIfmExtent;
}

// Largest blocks that fit, shrinking rows, then columns, then the slice depth.
bool plan_blocks(const MacOperation& op, const MacGeometry& geo, BlockPlan* out) {
  const KernelGeometry& g = *op.geometry;
  BlockPlan p;
  // Channel groups (x IFM groups) per weight-buffer half; pooling reads no weights.
  const int32_t groups = has_weights(op) ? kWbufHalfWords / taps(op) : kMaxSliceDepth;
  if (groups < 1) return false;
  if (per_channel(op)) {
    p.c = std::min({g.ofm.depth, groups * geo.ub_c, kMaxBlockExtent});
    p.depth = p.c;
  } else {
    p.depth = std::min({g.ifm.depth, groups * 8, kMaxSliceDepth});
    const int32_t channel_groups = std::max(1, groups / ceil_div(p.depth, 8));
    p.c = std::min({g.ofm.depth, channel_groups * geo.ub_c, kMaxBlockExtent});
  }
  const int32_t spatial = std::max(1, static_cast<int32_t>(kAccEntries) / ceil_div(p.c, geo.ub_c));
  const int32_t cols = std::min(ceil_div(g.ofm.width, geo.ub_w), spatial);
  const int32_t rows = std::min(ceil_div(g.ofm.height, geo.ub_h), std::max(1, spatial / cols));
  p.w = std::min({g.ofm.width, cols * geo.ub_w, kMaxBlockExtent});
  p.h = std::min({g.ofm.height, rows * geo.ub_h, kMaxBlockExtent});
  while (!fits(op, geo, p)) {
    if (p.h > geo.ub_h) {
      p.h = std::max(geo.ub_h, (p.h / 2) / geo.ub_h * geo.ub_h);
    } else if (p.w > geo.ub_w) {
      p.w = std::max(geo.ub_w, (p.w / 2) / geo.ub_w * geo.ub_w);
    } else if (!per_channel(op) && p.depth > 8) {
      p.depth = std::max(8, (p.depth / 2) / 8 * 8);
    } else if (per_channel(op) && p.c > geo.ub_c) {
      p.c -= geo.ub_c;
      p.depth = p.c;
    } else {
      return false;
    }
  }
  *out = p;
  return true;
}

// The IFM rows (or columns) [first, first + extent) a block reads, clipped to
// the upscaled IFM, and the padding before them.
struct WindowAxis {
  int32_t first = 0;
  int32_t extent = 0;  // 0: every tap is padding
  int32_t pad = 0;
};

WindowAxis window_axis(int32_t origin, int32_t count, int32_t stride, int32_t pad, int32_t taps_n,
                       int32_t dilation, int32_t size) {
  const int32_t lo = origin * stride - pad;
  const int32_t hi = (origin + count - 1) * stride - pad + (taps_n - 1) * dilation;
  WindowAxis a;
  a.first = std::max(0, lo);
  a.extent = std::max(0, std::min(size - 1, hi) - a.first + 1);
  a.pad = a.first - lo;
  return a;
}

MacBlockJob make_job(const MacOperation& op, const MacGeometry& geo, const BlockShape& b,
                     const WindowAxis& wy, const WindowAxis& wx, int half) {
  const KernelGeometry& g = *op.geometry;
  MacBlockJob job;
  MacBlockConfig& c = job.config;
  c.geometry = geo;
  c.mode = op.mode;
  c.ifm16 = element_bytes(op) == 2;
  c.ifm_signed = op.ifm->is_signed();
  c.acc40 = op.acc40;
  c.zero_point = op.ifm_zero_point;
  c.ofm_w = b.w;
  c.ofm_h = b.h;
  c.ofm_c = b.c;
  c.kernel_w = g.kernel_width;
  c.kernel_h = g.kernel_height;
  c.stride_x = g.stride_x;
  c.stride_y = g.stride_y;
  c.dilation_x = g.dilation_x;
  c.dilation_y = g.dilation_y;
  c.pad_left = wx.pad;
  c.pad_top = wy.pad;
  c.ifm_w = wx.extent;
  c.ifm_h = wy.extent;
  c.ifm_depth = b.depth;
  c.upscale = 0;  // the window is filled upscaled
  c.ifm_base = static_cast<uint32_t>(half) * (geo.shram_words / 2);
  c.wbuf_base = static_cast<uint32_t>(half) * static_cast<uint32_t>(kWbufHalfWords);

  const int32_t wpp = words_per_pixel(op, b.depth);
  const int32_t per_word = c.ifm16 ? 4 : 8;
  const uint64_t mask = c.ifm16 ? 0xFFFFu : 0xFFu;
  for (int32_t y = 0; y < wy.extent; ++y) {
    for (int32_t x = 0; x < wx.extent; ++x) {
      int32_t sy = 0;
      int32_t sx = 0;
      const bool stored = g.source(wy.first + y, wx.first + x, &sy, &sx);
      for (int32_t w = 0; w < wpp; ++w) {
        uint64_t bytes = 0;
        for (int32_t i = 0; i < per_word; ++i) {
          const int32_t ch = w * per_word + i;
          if (ch >= b.depth) break;
          const int64_t v = stored ? op.ifm->read(sy, sx, b.ic + ch) : op.ifm_zero_point;
          bytes |= (static_cast<uint64_t>(v) & mask) << (i * (64 / per_word));
        }
        job.shram_words.emplace_back(
            c.ifm_base + static_cast<uint32_t>((y * wx.extent + x) * wpp + w), bytes);
      }
    }
  }

  if (!has_weights(op)) return job;
  const bool depthwise = op.mode == MacMode::kDepthwise;
  const ConvWeights& wt = *op.weights;
  const int32_t groups = ceil_div(b.c, geo.ub_c);
  const int32_t ic_groups = depthwise ? 1 : ceil_div(b.depth, 8);
  for (int32_t gi = 0; gi < groups; ++gi) {
    for (int32_t ky = 0; ky < g.kernel_height; ++ky) {
      for (int32_t kx = 0; kx < g.kernel_width; ++kx) {
        for (int32_t icg = 0; icg < ic_groups; ++icg) {
          WeightWord word(static_cast<size_t>(geo.ub_c * 8), 0);
          for (int32_t j = 0; j < geo.ub_c; ++j) {
            const int32_t oc = gi * geo.ub_c + j;
            if (oc >= b.c) break;
            if (depthwise) {
              word[static_cast<size_t>(j * 8 + j % 8)] = wt.at(b.oc + oc, ky, kx, 0);
              continue;
            }
            for (int32_t l = 0; l < 8; ++l) {
              const int32_t ic = icg * 8 + l;
              if (ic >= b.depth) break;
              word[static_cast<size_t>(j * 8 + l)] = wt.at(b.oc + oc, ky, kx, b.ic + ic);
            }
          }
          const int32_t address =
              ((gi * g.kernel_height + ky) * g.kernel_width + kx) * ic_groups + icg;
          job.weight_words.emplace_back(c.wbuf_base + static_cast<uint32_t>(address),
                                        std::move(word));
        }
      }
    }
  }
  return job;
}

// Adds a finished block's accumulators (store order: channel group, micro-block row, column).
void add_block(const MacGeometry& geo, const BlockShape& b, const FmShape& ofm,
               const MacBlockResult& r, std::vector<int64_t>* acc, std::vector<uint32_t>* taps) {
  for (size_t e = 0; e < r.entries.size(); ++e) {
    for (int32_t i = 0; i < geo.points(); ++i) {
      BlockPoint p;
      if (!store_entry_point(geo, b.w, b.h, b.c, e, i, &p)) continue;
      const size_t index = static_cast<size_t>(((b.oy + p.y) * ofm.width + (b.ox + p.x)) *
                                                   ofm.depth +
                                               (b.oc + p.c));
      (*acc)[index] += r.entries[e].acc[static_cast<size_t>(i)];
      if (taps != nullptr) (*taps)[index] += r.entries[e].count[static_cast<size_t>(i)];
    }
  }
}

}  // namespace

std::string mac_refusal(const MacOperation& op, const MacGeometry& geometry) {
  const KernelGeometry& g = *op.geometry;
  if (element_bytes(op) != 1 && element_bytes(op) != 2) return "32-bit IFM";
  if (g.stride_x > 3 || g.stride_y > 3) return "stride above 3";
  if (g.dilation_x > 2 || g.dilation_y > 2) return "dilation above 2";
  if (g.kernel_width > 255 || g.kernel_height > 255) return "kernel above 255 taps a side";
  if (!has_weights(op) && g.upscale == isa::UpscaleMode::kZeros) {
    return "pooling over a zero-insertion upscaled IFM";
  }
  BlockPlan plan;
  if (!plan_blocks(op, geometry, &plan)) return "kernel too large for the weight buffer or SHRAM";
  return "";
}

std::vector<int64_t> run_on_mac(const MacOperation& op, RtlUnits& units, RtlOperationRecord* record,
                                std::vector<uint32_t>* taps) {
  const KernelGeometry& g = *op.geometry;
  const MacGeometry& geo = units.geometry;
  BlockPlan plan;
  if (!plan_blocks(op, geo, &plan)) throw std::logic_error("run_on_mac: no block plan");
  std::vector<int64_t> acc(static_cast<size_t>(g.ofm.height) * static_cast<size_t>(g.ofm.width) *
                               static_cast<size_t>(g.ofm.depth),
                           0);
  if (taps != nullptr) taps->assign(acc.size(), 0);
  std::vector<MacBlockJob> jobs;
  std::vector<BlockShape> shapes;
  const auto flush = [&] {
    if (jobs.empty()) return;
    const uint64_t before = units.mac->total_cycles();
    const std::vector<MacBlockResult> results = units.mac->run(jobs, units.rng, 1.0);
    record->mac_cycles += units.mac->total_cycles() - before;
    record->mac_blocks += jobs.size();
    for (size_t i = 0; i < results.size(); ++i) {
      add_block(geo, shapes[i], g.ofm, results[i], &acc, taps);
    }
    jobs.clear();
    shapes.clear();
  };
  const bool by_channel = per_channel(op);
  const int32_t ifm_depth = by_channel ? 0 : g.ifm.depth;
  for (int32_t oy = 0; oy < g.ofm.height; oy += plan.h) {
    const int32_t h = std::min(plan.h, g.ofm.height - oy);
    const WindowAxis wy =
        window_axis(oy, h, g.stride_y, g.pad_top, g.kernel_height, g.dilation_y, g.upscaled_height);
    for (int32_t ox = 0; ox < g.ofm.width; ox += plan.w) {
      const int32_t w = std::min(plan.w, g.ofm.width - ox);
      const WindowAxis wx = window_axis(ox, w, g.stride_x, g.pad_left, g.kernel_width, g.dilation_x,
                                        g.upscaled_width);
      // Every tap of the block is padding: its accumulators are the empty sum, 0.
      if (wy.extent == 0 || wx.extent == 0) continue;
      for (int32_t oc = 0; oc < g.ofm.depth; oc += plan.c) {
        const int32_t c = std::min(plan.c, g.ofm.depth - oc);
        for (int32_t ic = 0; ic < std::max(1, ifm_depth); ic += plan.depth) {
          BlockShape b{oy,
                       ox,
                       oc,
                       h,
                       w,
                       c,
                       by_channel ? oc : ic,
                       by_channel ? c : std::min(plan.depth, ifm_depth - ic)};
          jobs.push_back(make_job(op, geo, b, wy, wx, static_cast<int>(jobs.size() % 2)));
          shapes.push_back(b);
          if (jobs.size() == kJobsPerRun) flush();
        }
      }
    }
  }
  flush();
  return acc;
}

}  // namespace vnpu::sim::rtl
