// CommandBuilder::set_state: every register of a RegisterState, in the order
// Vela's register command stream generator writes an operation's registers.
#include "isa/command_encoder.h"
#include "isa/command_fields.h"

namespace vnpu::isa {
namespace {

uint16_t low16(int64_t value) {
  return static_cast<uint16_t>(static_cast<uint64_t>(value) & 0xFFFFu);
}
uint16_t low16(uint64_t value) { return static_cast<uint16_t>(value & 0xFFFFu); }
uint32_t low32(uint64_t value) { return static_cast<uint32_t>(value & 0xFFFFFFFFu); }

Cmd1 cmd1_at(Cmd1 first, int index) {
  return static_cast<Cmd1>(static_cast<uint16_t>(static_cast<int>(first) + index));
}

}  // namespace

void CommandBuilder::set_feature_map_common(const FeatureMapState& fm, Cmd0 region, Cmd1 base0,
                                            Cmd0 width0, Cmd0 height0, Cmd0 height1,
                                            Cmd0 zero_point) {
  set(region, field::kRegion.param(fm.region));
  for (int i = 0; i < 4; ++i) set(cmd1_at(base0, i), low32(fm.tile_base[static_cast<size_t>(i)]));
  set(height0, low16(uint64_t{fm.height0_m1}));
  set(height1, low16(uint64_t{fm.height1_m1}));
  set(width0, low16(uint64_t{fm.width0_m1}));
  set(cmd1_at(base0, 6), low32(fm.stride_c));
  set(cmd1_at(base0, 5), low32(fm.stride_y));
  set(cmd1_at(base0, 4), low32(fm.stride_x));
  set(zero_point, low16(int64_t{fm.zero_point}));
}

void CommandBuilder::set_ifm(const IfmState& ifm) {
  set_feature_map_common(ifm, Cmd0::kIfmRegion, Cmd1::kIfmBase0, Cmd0::kIfmWidth0M1,
                         Cmd0::kIfmHeight0M1, Cmd0::kIfmHeight1M1, Cmd0::kIfmZeroPoint);
  set(Cmd0::kIfmDepthM1, low16(uint64_t{ifm.depth_m1}));
  set(Cmd0::kIfmPrecision, ifm_precision_param(ifm));
  set(Cmd0::kIfmUpscale, static_cast<uint16_t>(ifm.upscale));
  set(Cmd0::kIfmPadTop, ifm.pad_top);
  set(Cmd0::kIfmPadLeft, ifm.pad_left);
  set(Cmd0::kIfmPadBottom, ifm.pad_bottom);
  set(Cmd0::kIfmPadRight, ifm.pad_right);
}

void CommandBuilder::set_ofm(const OfmState& ofm) {
  set_feature_map_common(ofm, Cmd0::kOfmRegion, Cmd1::kOfmBase0, Cmd0::kOfmWidth0M1,
                         Cmd0::kOfmHeight0M1, Cmd0::kOfmHeight1M1, Cmd0::kOfmZeroPoint);
  set(Cmd0::kOfmWidthM1, low16(uint64_t{ofm.width_m1}));
  set(Cmd0::kOfmHeightM1, low16(uint64_t{ofm.height_m1}));
  set(Cmd0::kOfmDepthM1, low16(uint64_t{ofm.depth_m1}));
  set(Cmd0::kOfmPrecision, ofm_precision_param(ofm));
}

void CommandBuilder::set_kernel_and_streams(const RegisterState& state) {
  set(Cmd0::kKernelWidthM1, low16(uint64_t{state.kernel.width_m1}));
  set(Cmd0::kKernelHeightM1, low16(uint64_t{state.kernel.height_m1}));
  set(Cmd0::kKernelStride, kernel_stride_param(state.kernel));
  set(Cmd0::kWeightRegion, field::kRegion.param(state.weights.region));
  set(Cmd1::kWeightBase, low32(state.weights.base));
  set(Cmd1::kWeightLength, low32(state.weights.length));
  set(Cmd0::kScaleRegion, field::kRegion.param(state.scales.region));
  set(Cmd1::kScaleBase, low32(state.scales.base));
  set(Cmd1::kScaleLength, low32(state.scales.length));
  set(Cmd1::kWeight1Base, low32(state.weights1.base));
  set(Cmd1::kWeight1Length, low32(state.weights1.length));
  set(Cmd1::kScale1Base, low32(state.scales1.base));
  set(Cmd1::kScale1Length, low32(state.scales1.length));
  set(Cmd1::kOfmScale, state.ofm_scale.multiplier, state.ofm_scale.shift);
  set(Cmd1::kOpaScale, state.opa_scale.multiplier, state.opa_scale.shift);
  set(Cmd1::kOpbScale, state.opb_scale.multiplier);
  set(Cmd0::kActivation, activation_param(state.activation));
  set(Cmd0::kActivationMin, low16(int64_t{state.activation.min}));
  set(Cmd0::kActivationMax, low16(int64_t{state.activation.max}));
}

void CommandBuilder::set_ifm2(const Ifm2State& ifm2) {
  set(Cmd0::kIfm2Broadcast, ifm2_broadcast_param(ifm2));
  set(Cmd0::kIfm2Scalar, low16(int64_t{ifm2.scalar_value}));
  set_feature_map_common(ifm2, Cmd0::kIfm2Region, Cmd1::kIfm2Base0, Cmd0::kIfm2Width0M1,
                         Cmd0::kIfm2Height0M1, Cmd0::kIfm2Height1M1, Cmd0::kIfm2ZeroPoint);
  set(Cmd0::kIfm2Precision, ifm2_precision_param(ifm2));
}

void CommandBuilder::set_dma(const DmaState& dma) {
  set(Cmd0::kDmaSrcRegion, dma_region_param(dma.src_region, dma.src_internal, dma.src_stride_mode));
  set(Cmd1::kDmaSrc, low32(dma.src));
  set(Cmd0::kDmaDstRegion, dma_region_param(dma.dst_region, dma.dst_internal, dma.dst_stride_mode));
  set(Cmd1::kDmaDst, low32(dma.dst));
  set(Cmd1::kDmaLen, low32(dma.length));
  set(Cmd0::kDmaSize0, low16(uint64_t{dma.size0}));
  set(Cmd1::kDmaSkip0, low32(dma.skip0));
  set(Cmd0::kDmaSize1, low16(uint64_t{dma.size1}));
  set(Cmd1::kDmaSkip1, low32(dma.skip1));
}

void CommandBuilder::set_state(const RegisterState& state) {
  set(Cmd0::kParallelMode, state.parallel_mode ? 1 : 0);
  set_ifm(state.ifm);
  set_ofm(state.ofm);
  set_kernel_and_streams(state);
  set(Cmd0::kOfmBlkHeightM1, low16(uint64_t{state.ofm.block_height_m1}));
  set(Cmd0::kOfmBlkWidthM1, low16(uint64_t{state.ofm.block_width_m1}));
  set(Cmd0::kOfmBlkDepthM1, low16(uint64_t{state.ofm.block_depth_m1}));
  set(Cmd0::kIfmIbEnd, low16(uint64_t{state.ifm.ib_end}));
  set(Cmd0::kAbStart, low16(uint64_t{state.ab_start}));
  set(Cmd0::kIfm2IbStart, low16(uint64_t{state.ifm2.ib_start}));
  set(Cmd0::kAccFormat, static_cast<uint16_t>(state.acc_format));
  set_ifm2(state.ifm2);
  set(Cmd0::kBlockdep, state.blockdep);
  set_dma(state.dma);
  for (int i = 0; i < 8; ++i) {
    set(cmd1_at(Cmd1::kUserDefined0, i), state.user_defined[static_cast<size_t>(i)]);
  }
}

}  // namespace vnpu::isa
