// RegisterFile: register-set commands into RegisterState (command_decoder.h
// documents the semantics; the fields' bit layout is isa/command_fields.h's).
#include "isa/command_decoder.h"

#include <cstddef>

#include "isa/command_fields.h"

namespace vnpu::isa {
namespace {

using namespace field;  // NOLINT: the register names read as the interface header's

bool flag_set(const FieldSpec& flag, uint16_t param) { return flag.get(param) != 0; }

uint8_t small(const FieldSpec& spec, uint16_t param) {
  return static_cast<uint8_t>(spec.get(param));
}

ElementType element_type(bool is_signed, uint32_t precision) {
  ElementType type;
  type.is_signed = is_signed;
  type.bits = static_cast<uint8_t>(8u << precision);
  return type;
}

// IFM and IFM2 precision: type, precision, format.
void set_input_precision(FeatureMapState& fm, uint16_t param) {
  fm.type = element_type(flag_set(kInputType, param), kInputPrecision.get(param));
  fm.format = static_cast<DataFormat>(kFormat.get(param));
}

int32_t extend16(uint16_t raw, bool is_signed) {
  return is_signed ? static_cast<int32_t>(static_cast<int16_t>(raw)) : static_cast<int32_t>(raw);
}

bool clamp_is_signed(const ActivationState& activation, const ElementType& ofm_type) {
  switch (activation.clip_range) {
    case 2:
      return false;  // FORCE_UINT8
    case 3:
    case 5:
      return true;  // FORCE_INT8, FORCE_INT16
    default:
      return ofm_type.is_signed;
  }
}

void set_dma_region(uint16_t param, uint8_t& region, bool& internal, uint8_t& stride_mode) {
  region = small(kDmaRegion, param);
  internal = flag_set(kDmaRegionMode, param);
  stride_mode = small(kDmaStrideMode, param);
}

void set_tile_base(FeatureMapState& fm, uint16_t index, uint32_t payload) {
  if (index < 4) {
    fm.tile_base[index] = payload;
  } else if (index == 4) {
    fm.stride_x = payload;
  } else if (index == 5) {
    fm.stride_y = payload;
  } else {
    fm.stride_c = payload;
  }
}

// A register that takes its whole parameter (cmd0) or payload (cmd1), and where it lands.
template <typename Opcode, typename Value>
struct WholeRegister {
  Opcode opcode;
  Value& (*target)(RegisterState&);
};

// Stores `value` if `opcode` is one of `table`'s registers.
template <typename Opcode, typename Value, size_t N>
bool assign_whole(const WholeRegister<Opcode, Value> (&table)[N], uint16_t opcode, uint32_t value,
                  RegisterState& state) {
  for (const WholeRegister<Opcode, Value>& whole : table) {
    if (static_cast<uint16_t>(whole.opcode) != opcode) continue;
    whole.target(state) = value;
    return true;
  }
  return false;
}

// The counts, sizes and KB offsets: the whole 16-bit parameter.
constexpr WholeRegister<Cmd0, uint32_t> kCountRegisters[] = {
    {Cmd0::kIfmDepthM1, [](RegisterState& s) -> uint32_t& { return s.ifm.depth_m1; }},
    {Cmd0::kIfmWidth0M1, [](RegisterState& s) -> uint32_t& { return s.ifm.width0_m1; }},
    {Cmd0::kIfmHeight0M1, [](RegisterState& s) -> uint32_t& { return s.ifm.height0_m1; }},
    {Cmd0::kIfmHeight1M1, [](RegisterState& s) -> uint32_t& { return s.ifm.height1_m1; }},
    {Cmd0::kIfmIbEnd, [](RegisterState& s) -> uint32_t& { return s.ifm.ib_end; }},
    {Cmd0::kOfmWidthM1, [](RegisterState& s) -> uint32_t& { return s.ofm.width_m1; }},
    {Cmd0::kOfmHeightM1, [](RegisterState& s) -> uint32_t& { return s.ofm.height_m1; }},
    {Cmd0::kOfmDepthM1, [](RegisterState& s) -> uint32_t& { return s.ofm.depth_m1; }},
    {Cmd0::kOfmBlkWidthM1, [](RegisterState& s) -> uint32_t& { return s.ofm.block_width_m1; }},
    {Cmd0::kOfmBlkHeightM1, [](RegisterState& s) -> uint32_t& { return s.ofm.block_height_m1; }},
    {Cmd0::kOfmBlkDepthM1, [](RegisterState& s) -> uint32_t& { return s.ofm.block_depth_m1; }},
    {Cmd0::kOfmWidth0M1, [](RegisterState& s) -> uint32_t& { return s.ofm.width0_m1; }},
    {Cmd0::kOfmHeight0M1, [](RegisterState& s) -> uint32_t& { return s.ofm.height0_m1; }},
    {Cmd0::kOfmHeight1M1, [](RegisterState& s) -> uint32_t& { return s.ofm.height1_m1; }},
    {Cmd0::kKernelWidthM1, [](RegisterState& s) -> uint32_t& { return s.kernel.width_m1; }},
    {Cmd0::kKernelHeightM1, [](RegisterState& s) -> uint32_t& { return s.kernel.height_m1; }},
    {Cmd0::kAbStart, [](RegisterState& s) -> uint32_t& { return s.ab_start; }},
    {Cmd0::kDmaSize0, [](RegisterState& s) -> uint32_t& { return s.dma.size0; }},
    {Cmd0::kDmaSize1, [](RegisterState& s) -> uint32_t& { return s.dma.size1; }},
    {Cmd0::kIfm2Width0M1, [](RegisterState& s) -> uint32_t& { return s.ifm2.width0_m1; }},
    {Cmd0::kIfm2Height0M1, [](RegisterState& s) -> uint32_t& { return s.ifm2.height0_m1; }},
    {Cmd0::kIfm2Height1M1, [](RegisterState& s) -> uint32_t& { return s.ifm2.height1_m1; }},
    {Cmd0::kIfm2IbStart, [](RegisterState& s) -> uint32_t& { return s.ifm2.ib_start; }},
};

// The addresses, lengths and skips: the whole 32-bit payload.
constexpr WholeRegister<Cmd1, uint64_t> kAddressRegisters[] = {
    {Cmd1::kWeightBase, [](RegisterState& s) -> uint64_t& { return s.weights.base; }},
    {Cmd1::kWeightLength, [](RegisterState& s) -> uint64_t& { return s.weights.length; }},
    {Cmd1::kScaleBase, [](RegisterState& s) -> uint64_t& { return s.scales.base; }},
    {Cmd1::kScaleLength, [](RegisterState& s) -> uint64_t& { return s.scales.length; }},
    {Cmd1::kDmaSrc, [](RegisterState& s) -> uint64_t& { return s.dma.src; }},
    {Cmd1::kDmaDst, [](RegisterState& s) -> uint64_t& { return s.dma.dst; }},
    {Cmd1::kDmaLen, [](RegisterState& s) -> uint64_t& { return s.dma.length; }},
    {Cmd1::kDmaSkip0, [](RegisterState& s) -> uint64_t& { return s.dma.skip0; }},
    {Cmd1::kDmaSkip1, [](RegisterState& s) -> uint64_t& { return s.dma.skip1; }},
    {Cmd1::kWeight1Base, [](RegisterState& s) -> uint64_t& { return s.weights1.base; }},
    {Cmd1::kWeight1Length, [](RegisterState& s) -> uint64_t& { return s.weights1.length; }},
    {Cmd1::kScale1Base, [](RegisterState& s) -> uint64_t& { return s.scales1.base; }},
    {Cmd1::kScale1Length, [](RegisterState& s) -> uint64_t& { return s.scales1.length; }},
};

}  // namespace

void RegisterFile::apply(const Command& command) {
  if (command.is_cmd1) {
    apply_cmd1(command.opcode, command.param, command.payload);
  } else if (!command.is_operation()) {
    apply_cmd0(command.opcode, command.param);
  }
}

void RegisterFile::apply_cmd0(uint16_t opcode, uint16_t param) {
  const auto op = static_cast<Cmd0>(opcode);
  if (assign_whole(kCountRegisters, opcode, param, state_)) return;
  if (opcode < static_cast<uint16_t>(Cmd0::kOfmWidthM1)) {
    apply_ifm(op, param);
  } else if (opcode < static_cast<uint16_t>(Cmd0::kKernelWidthM1)) {
    apply_ofm(op, param);
  } else if (opcode < static_cast<uint16_t>(Cmd0::kDmaSrcRegion)) {
    apply_kernel_and_streams(op, param);
  } else {
    apply_ifm2_and_dma(op, param);
  }
}

void RegisterFile::apply_ifm(Cmd0 opcode, uint16_t param) {
  IfmState& ifm = state_.ifm;
  switch (opcode) {
    case Cmd0::kIfmPadTop:
      ifm.pad_top = static_cast<uint8_t>(param);
      break;
    case Cmd0::kIfmPadLeft:
      ifm.pad_left = static_cast<uint8_t>(param);
      break;
    case Cmd0::kIfmPadRight:
      ifm.pad_right = static_cast<uint8_t>(param);
      break;
    case Cmd0::kIfmPadBottom:
      ifm.pad_bottom = static_cast<uint8_t>(param);
      break;
    case Cmd0::kIfmPrecision:
      set_input_precision(ifm, param);
      ifm.scale_mode = static_cast<IfmScaleMode>(kIfmScaleMode.get(param));
      ifm.round_mode = static_cast<RoundMode>(kRoundMode.get(param));
      break;
    case Cmd0::kIfmUpscale:
      ifm.upscale = static_cast<UpscaleMode>(kUpscaleMode.get(param));
      break;
    case Cmd0::kIfmZeroPoint:
      ifm_zero_point_ = param;
      break;
    case Cmd0::kIfmRegion:
      ifm.region = small(kRegion, param);
      break;
    default:
      break;
  }
}

void RegisterFile::apply_ofm(Cmd0 opcode, uint16_t param) {
  OfmState& ofm = state_.ofm;
  switch (opcode) {
    case Cmd0::kOfmPrecision:
      ofm.type = element_type(flag_set(kOfmType, param), kOfmPrecision.get(param));
      ofm.format = static_cast<DataFormat>(kFormat.get(param));
      ofm.global_scale = flag_set(kOfmScaleMode, param);
      ofm.round_mode = static_cast<RoundMode>(kRoundMode.get(param));
      break;
    case Cmd0::kOfmZeroPoint:
      ofm_zero_point_ = param;
      break;
    case Cmd0::kOfmRegion:
      ofm.region = small(kRegion, param);
      break;
    default:
      break;
  }
}

void RegisterFile::apply_kernel_and_streams(Cmd0 opcode, uint16_t param) {
  KernelState& kernel = state_.kernel;
  switch (opcode) {
    case Cmd0::kKernelStride:
      kernel.stride_x =
          static_cast<uint8_t>(1u + (kStrideXLsb.get(param) | kStrideXMsb.get(param) << 1));
      kernel.stride_y =
          static_cast<uint8_t>(1u + (kStrideYLsb.get(param) | kStrideYMsb.get(param) << 1));
      kernel.weight_order = static_cast<WeightOrder>(kWeightOrder.get(param));
      kernel.dilation_x = static_cast<uint8_t>(1u + kDilationX.get(param));
      kernel.dilation_y = static_cast<uint8_t>(1u + kDilationY.get(param));
      kernel.decomposition_4x4 = flag_set(kDecomposition, param);
      break;
    case Cmd0::kParallelMode:
      state_.parallel_mode = flag_set(kParallelMode, param);
      break;
    case Cmd0::kAccFormat:
      state_.acc_format = static_cast<AccFormat>(kAccFormat.get(param));
      break;
    case Cmd0::kActivation:
      state_.activation.function = small(kActivationFunction, param);
      state_.activation.clip_range = small(kActivationClipRange, param);
      break;
    case Cmd0::kActivationMin:
      activation_min_ = param;
      break;
    case Cmd0::kActivationMax:
      activation_max_ = param;
      break;
    case Cmd0::kWeightRegion:
      state_.weights.region = small(kRegion, param);
      break;
    case Cmd0::kScaleRegion:
      state_.scales.region = small(kRegion, param);
      break;
    case Cmd0::kBlockdep:
      state_.blockdep = static_cast<uint8_t>(param);
      break;
    default:
      break;
  }
}

void RegisterFile::apply_ifm2_and_dma(Cmd0 opcode, uint16_t param) {
  Ifm2State& ifm2 = state_.ifm2;
  DmaState& dma = state_.dma;
  switch (opcode) {
    case Cmd0::kDmaSrcRegion:
      set_dma_region(param, dma.src_region, dma.src_internal, dma.src_stride_mode);
      break;
    case Cmd0::kDmaDstRegion:
      set_dma_region(param, dma.dst_region, dma.dst_internal, dma.dst_stride_mode);
      break;
    case Cmd0::kIfm2Broadcast:
      ifm2.broadcast_h = flag_set(kBroadcastH, param);
      ifm2.broadcast_w = flag_set(kBroadcastW, param);
      ifm2.broadcast_c = flag_set(kBroadcastC, param);
      ifm2.operand_swap = flag_set(kOperandOrder, param);
      ifm2.scalar = flag_set(kBroadcastScalar, param);
      break;
    case Cmd0::kIfm2Scalar:
      ifm2_scalar_ = param;
      break;
    case Cmd0::kIfm2Precision:
      set_input_precision(ifm2, param);
      break;
    case Cmd0::kIfm2ZeroPoint:
      ifm2_zero_point_ = param;
      break;
    case Cmd0::kIfm2Region:
      ifm2.region = small(kIfm2Region, param);
      break;
    default:
      break;
  }
}

void RegisterFile::apply_cmd1(uint16_t opcode, uint16_t param, uint32_t payload) {
  // BASE0..3 and STRIDE_X/Y/C of a feature map, and the user registers, are
  // runs of consecutive opcodes from a 16-aligned first one.
  const auto index = static_cast<uint16_t>(opcode & 0xFu);
  switch (static_cast<Cmd1>(opcode & 0xFFF0u)) {
    case Cmd1::kIfmBase0:
      return set_tile_base(state_.ifm, index, payload);
    case Cmd1::kOfmBase0:
      return set_tile_base(state_.ofm, index, payload);
    case Cmd1::kIfm2Base0:
      return set_tile_base(state_.ifm2, index, payload);
    case Cmd1::kUserDefined0:
      state_.user_defined[index & 0x7u] = payload;
      return;
    default:
      break;
  }
  if (assign_whole(kAddressRegisters, opcode, payload, state_)) return;
  const uint8_t shift = small(kScaleShift, param);
  switch (static_cast<Cmd1>(opcode)) {
    case Cmd1::kOfmScale:
      state_.ofm_scale = {payload, shift};
      break;
    case Cmd1::kOpaScale:
      state_.opa_scale = {payload, shift};
      break;
    case Cmd1::kOpbScale:
      state_.opb_scale = {payload & 0xFFFFu, 0};
      break;
    default:
      break;
  }
}

RegisterState RegisterFile::state() const {
  RegisterState state = state_;
  state.ifm.zero_point = extend16(ifm_zero_point_, state.ifm.type.is_signed);
  state.ifm2.zero_point = extend16(ifm2_zero_point_, state.ifm2.type.is_signed);
  state.ifm2.scalar_value = extend16(ifm2_scalar_, state.ifm2.type.is_signed);
  state.ofm.zero_point = extend16(ofm_zero_point_, state.ofm.type.is_signed);
  const bool clamp_signed = clamp_is_signed(state.activation, state.ofm.type);
  state.activation.min = extend16(activation_min_, clamp_signed);
  state.activation.max = extend16(activation_max_, clamp_signed);
  return state;
}

Operation RegisterFile::kick_off(const Command& command) const {
  Operation operation;
  operation.kind = operation_kind(command.opcode).value_or(OperationKind::kStop);
  operation.param = command.param;
  operation.word_offset = command.word_offset;
  operation.state = state();
  return operation;
}

}  // namespace vnpu::isa
