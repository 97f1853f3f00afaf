#include "compiler/codegen/chain_builder.h"

#include "compiler/codegen/lowering_common.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

namespace vnpu::compiler::detail {
namespace {

constexpr int32_t kBankBytes = 1024;
constexpr int32_t kReservedOutputBanks = 2;
constexpr int32_t kLutBanks = 2;
constexpr int32_t kSubKernelMax = 8;
constexpr int32_t kAccumulatorBytes = 4;

int32_t round_up(int32_t value, int32_t step) { return (value + step - 1) / step * step; }
int32_t banks(int64_t bytes) { return static_cast<int32_t>((bytes + kBankBytes - 1) / kBankBytes); }

isa::FeatureMapState map_state(const ChainMap& m) {
  const uint64_t element = m.bits / 8u;
  isa::FeatureMapState fm;
  fm.region = m.region;
  fm.type = {true, m.bits};
  fm.format = isa::DataFormat::kNhwc;
  fm.zero_point = m.zero_point;
  fm.width0_m1 = static_cast<uint32_t>(m.width - 1);
  fm.height0_m1 = static_cast<uint32_t>(m.height - 1);
  fm.height1_m1 = static_cast<uint32_t>(m.height - 1);
  fm.tile_base = {m.offset, 0, 0, 0};
  fm.stride_c = element;
  fm.stride_x = static_cast<uint64_t>(m.depth) * element;
  fm.stride_y = m.row_bytes != 0
                    ? m.row_bytes
                    : static_cast<uint64_t>(m.width) * static_cast<uint64_t>(m.depth) * element;
  return fm;
}

void set_ofm(const ChainMap& ofm, const BlockConfig& block, isa::RegisterState* s) {
  static_cast<isa::FeatureMapState&>(s->ofm) = map_state(ofm);
  set_ofm_geometry(ofm.height, ofm.width, ofm.depth, block, s);
  s->acc_format = isa::AccFormat::kInt32;
  // The OFM type's range; a 32-bit OFM ignores it and saturates to int32
  // (npu_semantics.md §4), and keeps the int8 range Vela writes.
  s->activation.min = ofm.bits == 16 ? INT16_MIN : -128;
  s->activation.max = ofm.bits == 16 ? INT16_MAX : 127;
}

// The SHRAM layout of `block` for IFM/IFM2 elements of the given bytes (0: no
// IFM2 buffer), or nullopt when the buffers meet the accumulators.
std::optional<BlockConfig> lay_out(const BlockProblem& p, BlockConfig block,
                                   int32_t ifm_block_depth, int32_t ifm_bytes,
                                   int32_t ifm2_bytes, const isa::AcceleratorConfig& config) {
  const int32_t usable = config.shram_kb - kLutBanks;
  const int32_t ifm_h = round_up((block.height - 1) * p.stride_y +
                                     std::min(p.kernel_height, kSubKernelMax),
                                 config.ifm_ublock.height);
  const int32_t ifm_w = round_up((block.width - 1) * p.stride_x +
                                     std::min(p.kernel_width, kSubKernelMax),
                                 config.ifm_ublock.width);
  const int64_t area = int64_t{ifm_h} * ifm_w * (ifm_block_depth > 0 ? ifm_block_depth : block.depth);
  const int32_t ib_end = kReservedOutputBanks + 2 * banks(area * ifm_bytes);
  const int32_t ifm2_end = ib_end + 2 * banks(area * ifm2_bytes);
  const int32_t ab_start =
      usable - banks(int64_t{block.width} * block.height * block.depth * kAccumulatorBytes);
  if (ifm2_end > ab_start) return std::nullopt;
  block.ib_end = static_cast<uint32_t>(ib_end);
  block.ab_start = static_cast<uint32_t>(ab_start);
  return block;
}

// The next smaller block to try: depth, then height, then width halved (not
// below the OFM micro-block); false at the smallest.
bool shrink(const isa::AcceleratorConfig& config, BlockConfig* block) {
  const isa::Ublock& u = config.ofm_ublock;
  if (block->depth > u.depth) {
    block->depth = std::max(round_up(block->depth / 2, u.depth), u.depth);
  } else if (block->height > u.height) {
    block->height = std::max(round_up(block->height / 2, u.height), u.height);
  } else if (block->width > u.width) {
    block->width = std::max(round_up(block->width / 2, u.width), u.width);
  } else {
    return false;
  }
  return true;
}

}  // namespace

SecondOperand operand(const ChainMap& map, bool first) { return {map, false, 0, first}; }

SecondOperand scalar(int32_t value, bool first, uint8_t bits) {
  ChainMap precision;
  precision.bits = bits;
  return {precision, true, value, first};
}

Status check_chain_shram(const ir::Operator& op, const isa::AcceleratorConfig& config) {
  if (config.shram_kb > 16) return Status::ok();
  return Status::unsupported(op_prefix(op) +
                             "a chain keeps the top 2 KB of SHRAM (the lookup-table area) free, "
                             "which the 16 KB SHRAM of " +
                             config.name + " cannot spare");
}

ElementwiseSpec elementwise_spec(isa::ElementwiseMode mode, const ChainMap& ifm, SecondOperand ifm2,
                                 const ChainMap& ofm, isa::ScaleRegister ofm_scale) {
  ElementwiseSpec spec;
  spec.mode = mode;
  spec.ifm = ifm;
  spec.ifm2 = ifm2;
  spec.ofm = ofm;
  spec.ofm_scale = ofm_scale;
  return spec;
}

ElementwiseSpec rounded(ElementwiseSpec spec, isa::RoundMode mode) {
  spec.round_mode = mode;
  return spec;
}

ChainBuilder::ChainBuilder(const isa::AcceleratorConfig& config, std::string where)
    : config_(config), where_(std::move(where)) {}

Expected<BlockConfig> ChainBuilder::block_for(const BlockProblem& problem, int32_t ifm_block_depth,
                                              int32_t ifm_bytes, int32_t ifm2_bytes) const {
  if (config_.shram_kb <= 16) {
    return Status::unsupported(where_ + "the lookup table would overlap the accumulators in the " +
                               std::to_string(config_.shram_kb) + " KB SHRAM of " + config_.name);
  }
  Expected<BlockConfig> chosen = choose_block_config(problem, config_);
  if (!chosen) return Status::unsupported(where_ + chosen.status().message());
  BlockConfig block = *chosen;
  do {
    if (auto fitted = lay_out(problem, block, ifm_block_depth, ifm_bytes, ifm2_bytes, config_)) {
      return *fitted;
    }
  } while (shrink(config_, &block));
  return Status::unsupported(where_ + "no OFM block of " + std::to_string(problem.ofm_height) +
                             "x" + std::to_string(problem.ofm_width) + "x" +
                             std::to_string(problem.ofm_depth) + " fits its 32-bit buffers in " +
                             std::to_string(config_.shram_kb) + " KB SHRAM");
}

Status ChainBuilder::elementwise(const ElementwiseSpec& spec) {
  const bool unary = spec.mode == isa::ElementwiseMode::kClz;
  const SecondOperand ifm2 = unary ? operand(spec.ifm) : spec.ifm2;
  BlockProblem problem;
  problem.ofm_height = spec.ofm.height;
  problem.ofm_width = spec.ofm.width;
  problem.ofm_depth = spec.ofm.depth;
  problem.ifm_block_depth = 0;
  problem.kind = BlockProblem::Kind::kElementwise;
  Expected<BlockConfig> block =
      block_for(problem, 0, spec.ifm.bits / 8, unary || ifm2.scalar ? 0 : ifm2.map.bits / 8);
  if (!block) return block.status();

  ChainedKickOff k;
  isa::RegisterState& s = k.state;
  static_cast<isa::FeatureMapState&>(s.ifm) = map_state(spec.ifm);
  s.ifm.depth_m1 = static_cast<uint32_t>(spec.ifm.depth - 1);
  s.ifm.scale_mode = isa::IfmScaleMode::kOpaOpb16;
  s.ifm.round_mode = isa::RoundMode::kDbl;
  if (ifm2.scalar) {
    static_cast<isa::FeatureMapState&>(s.ifm2) = map_state(spec.ifm);
    s.ifm2.type = {true, ifm2.map.bits};
    s.ifm2.zero_point = 0;
    s.ifm2.scalar = true;
    s.ifm2.scalar_value = ifm2.scalar_value;
  } else {
    static_cast<isa::FeatureMapState&>(s.ifm2) = map_state(ifm2.map);
    s.ifm2.broadcast_h = ifm2.map.height == 1 && spec.ofm.height > 1;
    s.ifm2.broadcast_w = ifm2.map.width == 1 && spec.ofm.width > 1;
    s.ifm2.broadcast_c = ifm2.map.depth == 1 && spec.ofm.depth > 1;
  }
  s.ifm2.operand_swap = ifm2.first;
  s.ifm2.ib_start = block->ib_end;
  set_ofm(spec.ofm, *block, &s);
  s.ofm.global_scale = true;
  s.ofm.round_mode = spec.round_mode;
  s.opa_scale = {spec.opa_scale, 0};
  s.opb_scale = {spec.opb_scale, 0};
  s.ofm_scale = spec.ofm_scale;
  s.activation.function = spec.activation_function;
  s.activation.clip_range = spec.clip_range;
  k.opcode = isa::Cmd0::kOpElementwise;
  k.param = static_cast<uint16_t>(spec.mode);
  chain_.push_back(k);
  return Status::ok();
}

Status ChainBuilder::pool(isa::PoolingMode mode, const ChainMap& ifm, const ChainMap& ofm,
                          int32_t kernel_width) {
  BlockProblem problem;
  problem.ofm_height = ofm.height;
  problem.ofm_width = ofm.width;
  problem.ofm_depth = ofm.depth;
  problem.kernel_width = kernel_width;
  problem.ifm_block_depth = 0;
  problem.kind = BlockProblem::Kind::kPooling;
  problem.ifm_depth = ifm.depth;
  const bool all_channels = mode == isa::PoolingMode::kReduceSum && ofm.depth == 1;
  const int32_t ifm_block_depth = all_channels ? std::min(ifm.depth, 64) : 0;
  Expected<BlockConfig> block = block_for(problem, ifm_block_depth, ifm.bits / 8, 0);
  if (!block) return block.status();

  ChainedKickOff k;
  isa::RegisterState& s = k.state;
  static_cast<isa::FeatureMapState&>(s.ifm) = map_state(ifm);
  s.ifm.depth_m1 = static_cast<uint32_t>(ifm.depth - 1);
  s.ifm.round_mode = isa::RoundMode::kDbl;
  s.kernel.width_m1 = static_cast<uint32_t>(kernel_width - 1);
  s.kernel.height_m1 = 0;
  set_ofm(ofm, *block, &s);
  // MAX passes values unscaled (per-channel mode without a scale read);
  // REDUCE_SUM scales its sum by OFM_SCALE 1 >> 0, as Vela writes it.
  s.ofm.global_scale = mode == isa::PoolingMode::kReduceSum;
  s.ofm.round_mode = isa::RoundMode::kDbl;
  s.ofm_scale = {1, 0};
  k.opcode = isa::Cmd0::kOpPool;
  k.param = static_cast<uint16_t>(mode);
  chain_.push_back(k);
  return Status::ok();
}

}  // namespace vnpu::compiler::detail
