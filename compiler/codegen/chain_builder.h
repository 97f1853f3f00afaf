// ChainBuilder: the register state of each NPU operation of an operator
// lowered to a chain of operations (lower_softmax.cc,
// lower_squared_difference.cc). The operations read and write NHWC feature
// maps of 8-, 16- or 32-bit elements in the arena (the operator's IFM, OFM
// and scratch buffer; an OFM is clamped to its type's range); each gets an OFM block from
// choose_block_config and an SHRAM layout sized for its element widths:
// 2 reserved banks, the double-buffered IFM block (ending at IFM_IB_END), the
// double-buffered IFM2 block (from IFM2_IB_START = IFM_IB_END), free banks,
// the int32 accumulators from AB_START to the end of the usable SHRAM (the top
// 2 banks, the lookup-table area, are left free on SHRAMs above 16 KB). When
// the chosen block's 32-bit buffers do not fit, the block is halved (depth,
// then height, then width, down to the OFM micro-block) until they do.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/codegen/lower_op.h"
#include "core/status.h"
#include "isa/accelerator_config.h"
#include "isa/opcodes.h"

namespace vnpu::compiler::detail {

// A feature map of the chain: height x width x depth, NHWC, in the arena, or
// a constant among the operator's constants in the flash (kConstantRegion:
// offset from placement.weights_offset, relocated by the scheduler).
struct ChainMap {
  uint64_t offset = 0;
  int32_t height = 1;
  int32_t width = 1;
  int32_t depth = 1;
  uint8_t bits = 32;  // 8, 16 or 32, signed
  int32_t zero_point = 0;
  uint8_t region = kArenaRegion;
  uint64_t row_bytes = 0;  // bytes from one row to the next; 0: width x depth elements
};

// The second operand of an elementwise operation: a feature map (broadcast
// along every axis where it has size 1 and the OFM does not) or a 16-bit
// scalar whose IFM2 precision is map.bits (32 unless given: a 32-bit operand
// makes MUL ignore OFM_SCALE's multiplier, npu_semantics.md §7). `first`: it
// is operand A (operand_order), e.g. C - x.
struct SecondOperand {
  ChainMap map;
  bool scalar = false;
  int32_t scalar_value = 0;
  bool first = false;
};

SecondOperand operand(const ChainMap& map, bool first = false);
SecondOperand scalar(int32_t value, bool first = false, uint8_t bits = 32);

struct ElementwiseSpec {
  isa::ElementwiseMode mode = isa::ElementwiseMode::kAdd;
  ChainMap ifm;
  SecondOperand ifm2;  // ignored by CLZ (the IFM is named instead)
  ChainMap ofm;
  uint32_t opa_scale = 1;  // IFM scale mode OPA/OPB 16
  uint32_t opb_scale = 1;
  isa::ScaleRegister ofm_scale{1, 0};
  isa::RoundMode round_mode = isa::RoundMode::kDbl;
  uint8_t activation_function = 0;  // 16: lookup table 0
  uint8_t clip_range = 0;           // 3: force int8
};

// An elementwise operation of `mode` with OFM_SCALE `ofm_scale` and the
// other fields at their defaults (DBL rounding, no table, the OFM's clip).
ElementwiseSpec elementwise_spec(isa::ElementwiseMode mode, const ChainMap& ifm, SecondOperand ifm2,
                                 const ChainMap& ofm, isa::ScaleRegister ofm_scale = {1, 0});

// `spec` with OFM rounding `mode` (a shift's: NATURAL or TRUNCATE).
ElementwiseSpec rounded(ElementwiseSpec spec, isa::RoundMode mode);

// Ok, or why `config` cannot run a chain: a chain keeps the top 2 KB of
// SHRAM (the lookup-table area) free, which a 16 KB SHRAM cannot spare.
Status check_chain_shram(const ir::Operator& op, const isa::AcceleratorConfig& config);

class ChainBuilder {
 public:
  ChainBuilder(const isa::AcceleratorConfig& config, std::string where);

  Status elementwise(const ElementwiseSpec& spec);
  // MAX or REDUCE_SUM over a 1 x kernel_width window, stride 1, no padding.
  // REDUCE_SUM into a one-channel OFM also sums every IFM channel.
  Status pool(isa::PoolingMode mode, const ChainMap& ifm, const ChainMap& ofm,
              int32_t kernel_width);

  // Operations so far: the index of the next one.
  size_t size() const { return chain_.size(); }
  std::vector<ChainedKickOff> take() { return std::move(chain_); }

 private:
  Expected<BlockConfig> block_for(const BlockProblem& problem, int32_t ifm_block_depth,
                                  int32_t ifm_bytes, int32_t ifm2_bytes) const;

  const isa::AcceleratorConfig& config_;
  std::string where_;
  std::vector<ChainedKickOff> chain_;
};

}  // namespace vnpu::compiler::detail
