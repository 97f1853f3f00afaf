// choose_block_config: a small exhaustive search over OFM blocks that fit the
// SHRAM (see lower_op.h for the layout rule).
#include <algorithm>
#include <string>

#include "compiler/codegen/lower_op.h"

namespace vnpu::compiler {
namespace {

constexpr int32_t kBankBytes = 1024;
constexpr int32_t kReservedOutputBanks = 2;
constexpr int32_t kMaxBlockWidth = 64;
constexpr int32_t kMaxBlockHeight = 32;
constexpr int32_t kMaxBlockDepth = 64;
constexpr int32_t kSubKernelMax = 8;

int32_t round_up(int32_t value, int32_t step) { return (value + step - 1) / step * step; }
int32_t banks(int64_t bytes) { return static_cast<int32_t>((bytes + kBankBytes - 1) / kBankBytes); }

}  // namespace

Expected<BlockConfig> choose_block_config(const BlockProblem& problem,
                                          const isa::AcceleratorConfig& config) {
  const isa::Ublock& ub = config.ofm_ublock;
  const int32_t usable_banks = config.shram_kb - (config.shram_kb > 16 ? 2 : 0);
  const int32_t max_w = std::min(round_up(problem.ofm_width, ub.width), kMaxBlockWidth);
  const int32_t max_h = std::min(round_up(problem.ofm_height, ub.height), kMaxBlockHeight);
  const int32_t max_d = std::min(round_up(problem.ofm_depth, 8), kMaxBlockDepth);
  BlockConfig best;
  int64_t best_volume = 0;
  for (int32_t d = 8; d <= max_d; d += 8) {
    for (int32_t h = ub.height; h <= max_h; h += ub.height) {
      for (int32_t w = ub.width; w <= max_w; w += ub.width) {
        const int64_t ifm_h =
            (h - 1) * problem.stride_y + std::min(problem.kernel_height, kSubKernelMax);
        const int64_t ifm_w =
            (w - 1) * problem.stride_x + std::min(problem.kernel_width, kSubKernelMax);
        const int64_t ifm_d = problem.ifm_block_depth == 0 ? d : problem.ifm_block_depth;
        const int32_t ifm_banks =
            2 * banks(round_up(static_cast<int32_t>(ifm_h), config.ifm_ublock.height) *
                      round_up(static_cast<int32_t>(ifm_w), config.ifm_ublock.width) * ifm_d);
        const int32_t acc_banks = banks(int64_t{w} * h * d * 4);
        const int32_t ib_end = kReservedOutputBanks + ifm_banks;
        const int32_t ab_start = usable_banks - acc_banks;
        if (ib_end > ab_start) continue;
        const int64_t volume = int64_t{std::min(w, problem.ofm_width)} *
                               std::min(h, problem.ofm_height) * std::min(d, problem.ofm_depth);
        if (volume > best_volume) {
          best_volume = volume;
          best = {w, h, d, static_cast<uint32_t>(ib_end), static_cast<uint32_t>(ab_start)};
        }
      }
    }
  }
  if (best_volume == 0) {
    return Status::unsupported("no OFM block fits the " + std::to_string(config.shram_kb) +
                               " KB SHRAM of " + config.name);
  }
  return best;
}

}  // namespace vnpu::compiler
