// The command table (see command_fields.h): one row per command, its fields
// taken from the named field constants there.
#include "isa/command_fields.h"

#include <array>
#include <cinttypes>
#include <cstdio>

namespace vnpu::isa {
namespace {

using namespace field;  // NOLINT: the table below reads as the interface header does

// Parameter layouts shared by several commands.
constexpr FieldSpec kMaskFields[] = {kMask};
constexpr FieldSpec kPoolingFields[] = {kPoolingMode};
constexpr FieldSpec kElementwiseFields[] = {kElementwiseMode};
constexpr FieldSpec kDmaWaitFields[] = {kDmaWaitCount};
constexpr FieldSpec kKernelWaitFields[] = {kKernelWaitCount};
constexpr FieldSpec kPmuMaskFields[] = {kPmuEnable};
constexpr FieldSpec kPadTopLeftFields[] = {kPadTopLeft};
constexpr FieldSpec kPadRightBottomFields[] = {kPadRightBottom};
constexpr FieldSpec kDepthFields[] = {kDepthM1};
constexpr FieldSpec kWidthFields[] = {kWidthM1};
constexpr FieldSpec kHeightFields[] = {kHeightM1};
constexpr FieldSpec kZeroPointFields[] = {kZeroPoint};
constexpr FieldSpec kIfmPrecisionFields[] = {kInputType, kInputPrecision, kFormat, kIfmScaleMode,
                                             kRoundMode};
constexpr FieldSpec kIfm2PrecisionFields[] = {kInputType, kInputPrecision, kFormat};
constexpr FieldSpec kOfmPrecisionFields[] = {kOfmType, kOfmPrecision, kFormat, kOfmScaleMode,
                                             kRoundMode};
constexpr FieldSpec kUpscaleFields[] = {kUpscaleMode};
constexpr FieldSpec kIbEndFields[] = {kIbEnd};
constexpr FieldSpec kIfm2IbStartFields[] = {kIfm2IbStart};
constexpr FieldSpec kRegionFields[] = {kRegion, kCustomDmaCs};
constexpr FieldSpec kIfm2RegionFields[] = {kIfm2Region};
constexpr FieldSpec kBlockWidthFields[] = {kBlockWidthM1};
constexpr FieldSpec kBlockHeightFields[] = {kBlockHeightM1};
constexpr FieldSpec kBlockDepthFields[] = {kBlockDepthM1};
constexpr FieldSpec kKernelStrideFields[] = {kStrideXLsb, kStrideYLsb, kWeightOrder,
                                             kDilationX,  kDilationY,  kDecomposition,
                                             kStrideXMsb, kStrideYMsb};
constexpr FieldSpec kParallelModeFields[] = {kParallelMode};
constexpr FieldSpec kAccFormatFields[] = {kAccFormat};
constexpr FieldSpec kActivationFields[] = {kActivationFunction, kActivationClipRange};
constexpr FieldSpec kClipBoundaryFields[] = {kClipBoundary};
constexpr FieldSpec kAbStartFields[] = {kAbStart};
constexpr FieldSpec kBlockdepFields[] = {kBlockdep};
constexpr FieldSpec kDmaRegionFields[] = {kDmaRegion, kDmaRegionMode, kDmaStrideMode, kCustomDmaCs};
constexpr FieldSpec kDmaSizeFields[] = {kDmaSize};
constexpr FieldSpec kBroadcastFields[] = {kBroadcastH, kBroadcastW, kBroadcastC, kOperandOrder,
                                          kBroadcastScalar};
constexpr FieldSpec kScalarFields[] = {kScalar};
constexpr FieldSpec kShiftFields[] = {kScaleShift};

template <size_t N>
constexpr TableView<FieldSpec> list(const FieldSpec (&fields)[N]) {
  return {fields, N};
}

constexpr CommandSpec op0(Cmd0 opcode, const char* name, TableView<FieldSpec> fields,
                          const char* meaning) {
  CommandSpec spec;
  spec.opcode = static_cast<uint16_t>(opcode);
  spec.mnemonic = name;
  spec.fields = fields;
  spec.meaning = meaning;
  return spec;
}

constexpr CommandSpec op1(Cmd1 opcode, const char* name, const char* payload_name,
                          uint8_t payload_bits, const char* meaning,
                          TableView<FieldSpec> fields = {}) {
  CommandSpec spec;
  spec.is_cmd1 = true;
  spec.opcode = static_cast<uint16_t>(opcode);
  spec.mnemonic = name;
  spec.fields = fields;
  spec.payload_name = payload_name;
  spec.payload_bits = payload_bits;
  spec.meaning = meaning;
  return spec;
}

constexpr CommandSpec kCommands[] = {
    op0(Cmd0::kOpStop, "NPU_OP_STOP", list(kMaskFields), "end of stream: stop, raise IRQ"),
    op0(Cmd0::kOpIrq, "NPU_OP_IRQ", list(kMaskFields), "raise an interrupt"),
    op0(Cmd0::kOpConv, "NPU_OP_CONV", {}, "start a convolution"),
    op0(Cmd0::kOpDepthwise, "NPU_OP_DEPTHWISE", {}, "start a depthwise convolution"),
    op0(Cmd0::kOpPool, "NPU_OP_POOL", list(kPoolingFields), "start a pooling"),
    op0(Cmd0::kOpElementwise, "NPU_OP_ELEMENTWISE", list(kElementwiseFields),
        "start an elementwise operation"),
    op0(Cmd0::kOpDmaStart, "NPU_OP_DMA_START", {}, "start the DMA0 transfer"),
    op0(Cmd0::kOpDmaWait, "NPU_OP_DMA_WAIT", list(kDmaWaitFields),
        "wait until <= k DMA jobs are outstanding"),
    op0(Cmd0::kOpKernelWait, "NPU_OP_KERNEL_WAIT", list(kKernelWaitFields),
        "wait until <= n kernel jobs are outstanding"),
    op0(Cmd0::kOpPmuMask, "NPU_OP_PMU_MASK", list(kPmuMaskFields), "gate PMU counting"),
    op0(Cmd0::kIfmPadTop, "NPU_SET_IFM_PAD_TOP", list(kPadTopLeftFields), "IFM top padding"),
    op0(Cmd0::kIfmPadLeft, "NPU_SET_IFM_PAD_LEFT", list(kPadTopLeftFields), "IFM left padding"),
    op0(Cmd0::kIfmPadRight, "NPU_SET_IFM_PAD_RIGHT", list(kPadRightBottomFields),
        "IFM right padding"),
    op0(Cmd0::kIfmPadBottom, "NPU_SET_IFM_PAD_BOTTOM", list(kPadRightBottomFields),
        "IFM bottom padding"),
    op0(Cmd0::kIfmDepthM1, "NPU_SET_IFM_DEPTH_M1", list(kDepthFields), "IFM channels - 1"),
    op0(Cmd0::kIfmPrecision, "NPU_SET_IFM_PRECISION", list(kIfmPrecisionFields),
        "IFM type, format, input scaling"),
    op0(Cmd0::kIfmUpscale, "NPU_SET_IFM_UPSCALE", list(kUpscaleFields), "IFM 2x upscaling"),
    op0(Cmd0::kIfmZeroPoint, "NPU_SET_IFM_ZERO_POINT", list(kZeroPointFields), "IFM zero point"),
    op0(Cmd0::kIfmWidth0M1, "NPU_SET_IFM_WIDTH0_M1", list(kWidthFields), "IFM tile 0/2 width - 1"),
    op0(Cmd0::kIfmHeight0M1, "NPU_SET_IFM_HEIGHT0_M1", list(kHeightFields),
        "IFM tile 0 height - 1"),
    op0(Cmd0::kIfmHeight1M1, "NPU_SET_IFM_HEIGHT1_M1", list(kHeightFields),
        "IFM tile 1 height - 1"),
    op0(Cmd0::kIfmIbEnd, "NPU_SET_IFM_IB_END", list(kIbEndFields),
        "end of the IFM buffer in SHRAM, KB"),
    op0(Cmd0::kIfmRegion, "NPU_SET_IFM_REGION", list(kRegionFields), "IFM base pointer index"),
    op0(Cmd0::kOfmWidthM1, "NPU_SET_OFM_WIDTH_M1", list(kWidthFields), "OFM width - 1"),
    op0(Cmd0::kOfmHeightM1, "NPU_SET_OFM_HEIGHT_M1", list(kHeightFields), "OFM height - 1"),
    op0(Cmd0::kOfmDepthM1, "NPU_SET_OFM_DEPTH_M1", list(kDepthFields), "OFM channels - 1"),
    op0(Cmd0::kOfmPrecision, "NPU_SET_OFM_PRECISION", list(kOfmPrecisionFields),
        "OFM type, format, scaling source"),
    op0(Cmd0::kOfmBlkWidthM1, "NPU_SET_OFM_BLK_WIDTH_M1", list(kBlockWidthFields),
        "OFM block width - 1"),
    op0(Cmd0::kOfmBlkHeightM1, "NPU_SET_OFM_BLK_HEIGHT_M1", list(kBlockHeightFields),
        "OFM block height - 1"),
    op0(Cmd0::kOfmBlkDepthM1, "NPU_SET_OFM_BLK_DEPTH_M1", list(kBlockDepthFields),
        "OFM block depth - 1"),
    op0(Cmd0::kOfmZeroPoint, "NPU_SET_OFM_ZERO_POINT", list(kZeroPointFields), "OFM zero point"),
    op0(Cmd0::kOfmWidth0M1, "NPU_SET_OFM_WIDTH0_M1", list(kWidthFields), "OFM tile 0/2 width - 1"),
    op0(Cmd0::kOfmHeight0M1, "NPU_SET_OFM_HEIGHT0_M1", list(kHeightFields),
        "OFM tile 0 height - 1"),
    op0(Cmd0::kOfmHeight1M1, "NPU_SET_OFM_HEIGHT1_M1", list(kHeightFields),
        "OFM tile 1 height - 1"),
    op0(Cmd0::kOfmRegion, "NPU_SET_OFM_REGION", list(kRegionFields), "OFM base pointer index"),
    op0(Cmd0::kKernelWidthM1, "NPU_SET_KERNEL_WIDTH_M1", list(kWidthFields),
        "dilated kernel width - 1"),
    op0(Cmd0::kKernelHeightM1, "NPU_SET_KERNEL_HEIGHT_M1", list(kHeightFields),
        "dilated kernel height - 1"),
    op0(Cmd0::kKernelStride, "NPU_SET_KERNEL_STRIDE", list(kKernelStrideFields),
        "stride - 1 (LSB + MSB), dilation - 1, traversal"),
    op0(Cmd0::kParallelMode, "NPU_SET_PARALLEL_MODE", list(kParallelModeFields),
        "dual-core mode (U65)"),
    op0(Cmd0::kAccFormat, "NPU_SET_ACC_FORMAT", list(kAccFormatFields), "accumulator format"),
    op0(Cmd0::kActivation, "NPU_SET_ACTIVATION", list(kActivationFields),
        "activation function / LUT, clip range"),
    op0(Cmd0::kActivationMin, "NPU_SET_ACTIVATION_MIN", list(kClipBoundaryFields), "clamp minimum"),
    op0(Cmd0::kActivationMax, "NPU_SET_ACTIVATION_MAX", list(kClipBoundaryFields), "clamp maximum"),
    op0(Cmd0::kWeightRegion, "NPU_SET_WEIGHT_REGION", list(kRegionFields),
        "weight stream base pointer index"),
    op0(Cmd0::kScaleRegion, "NPU_SET_SCALE_REGION", list(kRegionFields),
        "scale stream base pointer index"),
    op0(Cmd0::kAbStart, "NPU_SET_AB_START", list(kAbStartFields),
        "start of the accumulator buffer, KB"),
    op0(Cmd0::kBlockdep, "NPU_SET_BLOCKDEP", list(kBlockdepFields),
        "overlap with the previous kernel op"),
    op0(Cmd0::kDmaSrcRegion, "NPU_SET_DMA0_SRC_REGION", list(kDmaRegionFields),
        "DMA source region and mode"),
    op0(Cmd0::kDmaDstRegion, "NPU_SET_DMA0_DST_REGION", list(kDmaRegionFields),
        "DMA destination region and mode"),
    op0(Cmd0::kDmaSize0, "NPU_SET_DMA0_SIZE0", list(kDmaSizeFields), "DMA 2nd dimension (U65)"),
    op0(Cmd0::kDmaSize1, "NPU_SET_DMA0_SIZE1", list(kDmaSizeFields), "DMA 3rd dimension (U65)"),
    op0(Cmd0::kIfm2Broadcast, "NPU_SET_IFM2_BROADCAST", list(kBroadcastFields),
        "IFM2 broadcast, operand order, scalar"),
    op0(Cmd0::kIfm2Scalar, "NPU_SET_IFM2_SCALAR", list(kScalarFields), "IFM2 scalar operand"),
    op0(Cmd0::kIfm2Precision, "NPU_SET_IFM2_PRECISION", list(kIfm2PrecisionFields),
        "IFM2 type and format"),
    op0(Cmd0::kIfm2ZeroPoint, "NPU_SET_IFM2_ZERO_POINT", list(kZeroPointFields), "IFM2 zero point"),
    op0(Cmd0::kIfm2Width0M1, "NPU_SET_IFM2_WIDTH0_M1", list(kWidthFields),
        "IFM2 tile 0/2 width - 1"),
    op0(Cmd0::kIfm2Height0M1, "NPU_SET_IFM2_HEIGHT0_M1", list(kHeightFields),
        "IFM2 tile 0 height - 1"),
    op0(Cmd0::kIfm2Height1M1, "NPU_SET_IFM2_HEIGHT1_M1", list(kHeightFields),
        "IFM2 tile 1 height - 1"),
    op0(Cmd0::kIfm2IbStart, "NPU_SET_IFM2_IB_START", list(kIfm2IbStartFields),
        "start of the IFM2 buffer, KB"),
    op0(Cmd0::kIfm2Region, "NPU_SET_IFM2_REGION", list(kIfm2RegionFields),
        "IFM2 base pointer index"),
    op1(Cmd1::kIfmBase0, "NPU_SET_IFM_BASE0", "addr", 32, "IFM tile 0 base, bytes"),
    op1(Cmd1::kIfmBase1, "NPU_SET_IFM_BASE1", "addr", 32, "IFM tile 1 base, bytes"),
    op1(Cmd1::kIfmBase2, "NPU_SET_IFM_BASE2", "addr", 32, "IFM tile 2 base, bytes"),
    op1(Cmd1::kIfmBase3, "NPU_SET_IFM_BASE3", "addr", 32, "IFM tile 3 base, bytes"),
    op1(Cmd1::kIfmStrideX, "NPU_SET_IFM_STRIDE_X", "stride", 32, "IFM x stride, bytes"),
    op1(Cmd1::kIfmStrideY, "NPU_SET_IFM_STRIDE_Y", "stride", 32, "IFM y stride, bytes"),
    op1(Cmd1::kIfmStrideC, "NPU_SET_IFM_STRIDE_C", "stride", 32, "IFM c stride, bytes"),
    op1(Cmd1::kOfmBase0, "NPU_SET_OFM_BASE0", "addr", 32, "OFM tile 0 base, bytes"),
    op1(Cmd1::kOfmBase1, "NPU_SET_OFM_BASE1", "addr", 32, "OFM tile 1 base, bytes"),
    op1(Cmd1::kOfmBase2, "NPU_SET_OFM_BASE2", "addr", 32, "OFM tile 2 base, bytes"),
    op1(Cmd1::kOfmBase3, "NPU_SET_OFM_BASE3", "addr", 32, "OFM tile 3 base, bytes"),
    op1(Cmd1::kOfmStrideX, "NPU_SET_OFM_STRIDE_X", "stride", 32, "OFM x stride, bytes"),
    op1(Cmd1::kOfmStrideY, "NPU_SET_OFM_STRIDE_Y", "stride", 32, "OFM y stride, bytes"),
    op1(Cmd1::kOfmStrideC, "NPU_SET_OFM_STRIDE_C", "stride", 32, "OFM c stride, bytes"),
    op1(Cmd1::kWeightBase, "NPU_SET_WEIGHT_BASE", "addr", 32, "weight stream offset"),
    op1(Cmd1::kWeightLength, "NPU_SET_WEIGHT_LENGTH", "length", 32, "weight stream bytes"),
    op1(Cmd1::kScaleBase, "NPU_SET_SCALE_BASE", "addr", 32, "scale stream offset"),
    op1(Cmd1::kScaleLength, "NPU_SET_SCALE_LENGTH", "length", 20, "scale stream bytes"),
    op1(Cmd1::kOfmScale, "NPU_SET_OFM_SCALE", "scale", 32, "global OFM multiplier, right shift",
        list(kShiftFields)),
    op1(Cmd1::kOpaScale, "NPU_SET_OPA_SCALE", "scale", 32, "operand A multiplier, right shift",
        list(kShiftFields)),
    op1(Cmd1::kOpbScale, "NPU_SET_OPB_SCALE", "scale", 16, "operand B multiplier"),
    op1(Cmd1::kDmaSrc, "NPU_SET_DMA0_SRC", "addr", 32, "DMA source offset"),
    op1(Cmd1::kDmaDst, "NPU_SET_DMA0_DST", "addr", 32, "DMA destination offset"),
    op1(Cmd1::kDmaLen, "NPU_SET_DMA0_LEN", "length", 32, "DMA bytes"),
    op1(Cmd1::kDmaSkip0, "NPU_SET_DMA0_SKIP0", "skip", 32, "DMA 2D skip (U65)"),
    op1(Cmd1::kDmaSkip1, "NPU_SET_DMA0_SKIP1", "skip", 32, "DMA 3D skip (U65)"),
    op1(Cmd1::kIfm2Base0, "NPU_SET_IFM2_BASE0", "addr", 32, "IFM2 tile 0 base, bytes"),
    op1(Cmd1::kIfm2Base1, "NPU_SET_IFM2_BASE1", "addr", 32, "IFM2 tile 1 base, bytes"),
    op1(Cmd1::kIfm2Base2, "NPU_SET_IFM2_BASE2", "addr", 32, "IFM2 tile 2 base, bytes"),
    op1(Cmd1::kIfm2Base3, "NPU_SET_IFM2_BASE3", "addr", 32, "IFM2 tile 3 base, bytes"),
    op1(Cmd1::kIfm2StrideX, "NPU_SET_IFM2_STRIDE_X", "stride", 32, "IFM2 x stride, bytes"),
    op1(Cmd1::kIfm2StrideY, "NPU_SET_IFM2_STRIDE_Y", "stride", 32, "IFM2 y stride, bytes"),
    op1(Cmd1::kIfm2StrideC, "NPU_SET_IFM2_STRIDE_C", "stride", 32, "IFM2 c stride, bytes"),
    op1(Cmd1::kWeight1Base, "NPU_SET_WEIGHT1_BASE", "addr", 32,
        "core 1 weight stream offset (U65)"),
    op1(Cmd1::kWeight1Length, "NPU_SET_WEIGHT1_LENGTH", "length", 32,
        "core 1 weight stream bytes (U65)"),
    op1(Cmd1::kScale1Base, "NPU_SET_SCALE1_BASE", "addr", 32, "core 1 scale stream offset (U65)"),
    op1(Cmd1::kScale1Length, "NPU_SET_SCALE1_LENGTH", "length", 20,
        "core 1 scale stream bytes (U65)"),
    op1(Cmd1::kUserDefined0, "NPU_SET_USER_DEFINED0", "value", 32, "user register"),
    op1(Cmd1::kUserDefined1, "NPU_SET_USER_DEFINED1", "value", 32, "user register"),
    op1(Cmd1::kUserDefined2, "NPU_SET_USER_DEFINED2", "value", 32, "user register"),
    op1(Cmd1::kUserDefined3, "NPU_SET_USER_DEFINED3", "value", 32, "user register"),
    op1(Cmd1::kUserDefined4, "NPU_SET_USER_DEFINED4", "value", 32, "user register"),
    op1(Cmd1::kUserDefined5, "NPU_SET_USER_DEFINED5", "value", 32, "user register"),
    op1(Cmd1::kUserDefined6, "NPU_SET_USER_DEFINED6", "value", 32, "user register"),
    op1(Cmd1::kUserDefined7, "NPU_SET_USER_DEFINED7", "value", 32, "user register"),
};

constexpr size_t kCommandCount = sizeof(kCommands) / sizeof(kCommands[0]);

// Every opcode's row (or nullptr), cmd0 then cmd1, for constant-time lookups.
using OpcodeIndex = std::array<const CommandSpec*, 2 * (kOpcodeMask + 1)>;

OpcodeIndex make_index() {
  OpcodeIndex index{};
  for (const CommandSpec& spec : kCommands) {
    index[(spec.is_cmd1 ? kOpcodeMask + 1 : 0) + spec.opcode] = &spec;
  }
  return index;
}

void append_field(std::string& out, const FieldSpec& field, uint16_t param) {
  const uint32_t value = field.read(param);
  char text[64];
  if (!field.is_valid(value)) {
    std::snprintf(text, sizeof(text), "%s=?%" PRIu32, field.name, value);
  } else if (field.kind == FieldKind::kEnum) {
    std::snprintf(text, sizeof(text), "%s=%s", field.name, field.value_name(value));
  } else if (field.kind == FieldKind::kHex) {
    std::snprintf(text, sizeof(text), "%s=0x%04" PRIx32, field.name, value);
  } else if (field.kind == FieldKind::kSigned16 && value >= 0x8000u) {
    std::snprintf(text, sizeof(text), "%s=%" PRIu32 "|%d", field.name, value,
                  static_cast<int>(value) - 0x10000);
  } else {
    std::snprintf(text, sizeof(text), "%s=%" PRIu32, field.name, value);
  }
  if (!out.empty()) out += ' ';
  out += text;
}

}  // namespace

bool FieldSpec::is_valid(uint32_t value) const {
  if (kind != FieldKind::kEnum) return value <= max_value;
  return value < value_count && value_names[value] != nullptr;
}

const char* FieldSpec::value_name(uint32_t value) const {
  if (kind != FieldKind::kEnum || !is_valid(value)) return "";
  return value_names[value];
}

const char* code_name(const FieldSpec& field, uint32_t value) {
  return field.kind == FieldKind::kEnum && field.is_valid(value) ? field.value_names[value] : "?";
}

uint16_t CommandSpec::reserved_param_mask() const {
  uint32_t used = 0;
  for (const FieldSpec& field : fields) used |= ((1u << field.extent) - 1u) << field.lsb;
  return static_cast<uint16_t>(~used & 0xFFFFu);
}

uint32_t CommandSpec::reserved_payload_mask() const {
  if (!is_cmd1 || payload_bits >= 32) return 0;
  return ~((1u << payload_bits) - 1u);
}

TableView<CommandSpec> command_specs() { return {kCommands, kCommandCount}; }

const CommandSpec* find_command_spec(bool is_cmd1, uint16_t opcode) {
  static const OpcodeIndex kIndex = make_index();
  if (opcode > kOpcodeMask) return nullptr;
  return kIndex[(is_cmd1 ? kOpcodeMask + 1 : 0) + opcode];
}

const char* cmd0_name(uint16_t opcode) {
  const CommandSpec* spec = find_command_spec(false, opcode);
  return spec == nullptr ? nullptr : spec->name();
}

const char* cmd1_name(uint16_t opcode) {
  const CommandSpec* spec = find_command_spec(true, opcode);
  return spec == nullptr ? nullptr : spec->name();
}

std::string format_fields(const Command& command) {
  const CommandSpec* spec = find_command_spec(command.is_cmd1, command.opcode);
  std::string out;
  if (spec == nullptr) return out;
  for (const FieldSpec& field : spec->fields) append_field(out, field, command.param);
  if (spec->is_cmd1) {
    char text[48];
    std::snprintf(text, sizeof(text), "%s=0x%08" PRIx32 " (%" PRIu32 ")", spec->payload_name,
                  command.payload, command.payload);
    if (!out.empty()) out += ' ';
    out += text;
  }
  return out;
}

}  // namespace vnpu::isa
