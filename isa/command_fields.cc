// The command field table (see command_fields.h). Bit positions are those of
// the 16-bit parameter, i.e. word-0 bit = 16 + lsb.
#include "isa/command_fields.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

namespace vnpu::isa {
namespace {

constexpr const char* kType[] = {"unsigned", "signed"};
constexpr const char* kPrecision[] = {"8-bit", "16-bit", "32-bit", "64-bit"};
constexpr const char* kFormat[] = {"NHWC", "NHCWB16"};
constexpr const char* kIfmScaleMode[] = {"OPA_OPB_16", "OPA_32", "OPB_32"};
constexpr const char* kOfmScaleMode[] = {"PER_CHANNEL", "GLOBAL"};
constexpr const char* kRoundMode[] = {"DBL", "TRUNCATE", "NATURAL"};
constexpr const char* kUpscale[] = {"NONE", "NEAREST", "ZEROS"};
constexpr const char* kPooling[] = {"MAX", "AVERAGE", "REDUCE_SUM"};
constexpr const char* kElementwise[] = {"MUL",   "ADD", "SUB", "MIN", "MAX",
                                        "LRELU", "ABS", "CLZ", "SHR", "SHL"};
constexpr const char* kWeightOrder[] = {"DEPTH_FIRST", "PART_KERNEL_FIRST"};
constexpr const char* kDecomposition[] = {"D8X8", "D4X4"};
constexpr const char* kAccFormat[] = {"I32", "I40", "F16"};
constexpr const char* kActivation[] = {
    "RELU",    nullptr,   nullptr,   "TANH",    "SIGMOID", nullptr,   nullptr,   nullptr,
    nullptr,   nullptr,   nullptr,   nullptr,   nullptr,   nullptr,   nullptr,   nullptr,
    "TABLE_0", "TABLE_1", "TABLE_2", "TABLE_3", "TABLE_4", "TABLE_5", "TABLE_6", "TABLE_7"};
constexpr const char* kClipRange[] = {"OFM_PRECISION", nullptr, "FORCE_UINT8",
                                      "FORCE_INT8",    nullptr, "FORCE_INT16"};
constexpr const char* kRegionMode[] = {"EXTERNAL", "INTERNAL"};
constexpr const char* kStrideMode[] = {"D1", "D2", "D3"};
constexpr const char* kOperandOrder[] = {"ORDER_B", "ORDER_A"};
constexpr const char* kParallelMode[] = {"SINGLE_CORE", "DUAL_CORE_DEPTH"};

FieldSpec number(const char* name, uint8_t lsb, uint8_t width, uint8_t extent) {
  FieldSpec field{name};
  field.lsb = lsb;
  field.width = width;
  field.extent = extent;
  field.max_value = (1u << width) - 1u;
  return field;
}

// A number alone in the parameter: every bit above it counts as overflow.
FieldSpec number(const char* name, uint8_t width) { return number(name, 0, width, 16); }

FieldSpec flag(const char* name, uint8_t lsb) { return number(name, lsb, 1, 1); }

FieldSpec full16(const char* name, FieldKind kind) {
  FieldSpec field{name};
  field.kind = kind;
  return field;
}

template <size_t N>
FieldSpec code(const char* name, uint8_t lsb, uint8_t width, uint8_t extent,
               const char* const (&names)[N]) {
  FieldSpec field = number(name, lsb, width, extent);
  field.kind = FieldKind::kEnum;
  field.value_names = names;
  field.value_count = static_cast<uint8_t>(N);
  return field;
}

FieldSpec custom_dma_cs() {
  FieldSpec field = number("custom_dma_cs", 15, 1, 1);
  field.max_value = 0;
  field.note = "the NPU has no custom DMA (CONFIG.custom_dma = 0)";
  return field;
}

FieldSpec stride_msb(const char* name, uint8_t lsb) { return flag(name, lsb); }

// region:3 then reserved bits up to `extent`, and custom_dma_cs at bit 15 when asked.
std::vector<FieldSpec> region_fields(uint8_t extent, bool with_custom_dma) {
  std::vector<FieldSpec> fields = {number("region", 0, 3, extent)};
  if (with_custom_dma) fields.push_back(custom_dma_cs());
  return fields;
}

std::vector<FieldSpec> ifm_precision_fields(bool with_scaling) {
  std::vector<FieldSpec> fields = {code("activation_type", 0, 1, 1, kType),
                                   code("activation_precision", 2, 2, 2, kPrecision),
                                   code("activation_format", 6, 2, 2, kFormat)};
  if (with_scaling) {
    fields.push_back(code("scale_mode", 8, 2, 2, kIfmScaleMode));
    fields.push_back(code("round_mode", 14, 2, 2, kRoundMode));
  }
  return fields;
}

std::vector<FieldSpec> ofm_precision_fields() {
  return {code("activation_type", 0, 1, 1, kType),
          code("activation_precision", 1, 2, 2, kPrecision),
          code("activation_format", 6, 2, 2, kFormat), code("scale_mode", 8, 1, 1, kOfmScaleMode),
          code("round_mode", 14, 2, 2, kRoundMode)};
}

std::vector<FieldSpec> kernel_stride_fields() {
  return {flag("stride_x_lsb", 0),
          flag("stride_y_lsb", 1),
          code("weight_order", 2, 1, 1, kWeightOrder),
          flag("dilation_x", 3),
          flag("dilation_y", 4),
          code("decomposition", 5, 1, 1, kDecomposition),
          stride_msb("stride_x_msb", 6),
          stride_msb("stride_y_msb", 9)};
}

std::vector<FieldSpec> dma_region_fields() {
  return {number("region", 0, 3, 8), code("region_mode", 8, 1, 1, kRegionMode),
          code("stride_mode", 9, 2, 2, kStrideMode), custom_dma_cs()};
}

std::vector<FieldSpec> ifm2_broadcast_fields() {
  return {flag("broadcast_h", 0), flag("broadcast_w", 1), flag("broadcast_c", 2),
          code("operand_order", 6, 1, 1, kOperandOrder), flag("broadcast_scalar", 7)};
}

CommandSpec op0(Cmd0 opcode, std::vector<FieldSpec> fields, const char* meaning) {
  CommandSpec spec;
  spec.opcode = static_cast<uint16_t>(opcode);
  spec.fields = std::move(fields);
  spec.meaning = meaning;
  return spec;
}

CommandSpec op1(Cmd1 opcode, const char* payload_name, uint8_t payload_bits, const char* meaning,
                std::vector<FieldSpec> fields = {}) {
  CommandSpec spec;
  spec.is_cmd1 = true;
  spec.opcode = static_cast<uint16_t>(opcode);
  spec.fields = std::move(fields);
  spec.payload_name = payload_name;
  spec.payload_bits = payload_bits;
  spec.meaning = meaning;
  return spec;
}

std::vector<CommandSpec> make_operation_specs() {
  return {
      op0(Cmd0::kOpStop, {full16("mask", FieldKind::kHex)}, "end of stream: stop, raise IRQ"),
      op0(Cmd0::kOpIrq, {full16("mask", FieldKind::kHex)}, "raise an interrupt"),
      op0(Cmd0::kOpConv, {}, "start a convolution"),
      op0(Cmd0::kOpDepthwise, {}, "start a depthwise convolution"),
      op0(Cmd0::kOpPool, {code("pooling_mode", 0, 3, 16, kPooling)}, "start a pooling"),
      op0(Cmd0::kOpElementwise, {code("elementwise_mode", 0, 6, 16, kElementwise)},
          "start an elementwise operation"),
      op0(Cmd0::kOpDmaStart, {}, "start the DMA0 transfer"),
      op0(Cmd0::kOpDmaWait, {number("k", 4)}, "wait until <= k DMA jobs are outstanding"),
      op0(Cmd0::kOpKernelWait, {number("n", 2)}, "wait until <= n kernel jobs are outstanding"),
      op0(Cmd0::kOpPmuMask, {number("enable", 1)}, "gate PMU counting"),
  };
}

std::vector<CommandSpec> make_ifm_ofm_specs() {
  return {
      op0(Cmd0::kIfmPadTop, {number("pad", 7)}, "IFM top padding"),
      op0(Cmd0::kIfmPadLeft, {number("pad", 7)}, "IFM left padding"),
      op0(Cmd0::kIfmPadRight, {number("pad", 8)}, "IFM right padding"),
      op0(Cmd0::kIfmPadBottom, {number("pad", 8)}, "IFM bottom padding"),
      op0(Cmd0::kIfmDepthM1, {number("depth_m1", 16)}, "IFM channels - 1"),
      op0(Cmd0::kIfmPrecision, ifm_precision_fields(true), "IFM type, format, input scaling"),
      op0(Cmd0::kIfmUpscale, {code("mode", 0, 2, 16, kUpscale)}, "IFM 2x upscaling"),
      op0(Cmd0::kIfmZeroPoint, {full16("zero_point", FieldKind::kSigned16)}, "IFM zero point"),
      op0(Cmd0::kIfmWidth0M1, {number("width_m1", 16)}, "IFM tile 0/2 width - 1"),
      op0(Cmd0::kIfmHeight0M1, {number("height_m1", 16)}, "IFM tile 0 height - 1"),
      op0(Cmd0::kIfmHeight1M1, {number("height_m1", 16)}, "IFM tile 1 height - 1"),
      op0(Cmd0::kIfmIbEnd, {number("ib_end", 6)}, "end of the IFM buffer in SHRAM, KB"),
      op0(Cmd0::kIfmRegion, region_fields(15, true), "IFM base pointer index"),
      op0(Cmd0::kOfmWidthM1, {number("width_m1", 16)}, "OFM width - 1"),
      op0(Cmd0::kOfmHeightM1, {number("height_m1", 16)}, "OFM height - 1"),
      op0(Cmd0::kOfmDepthM1, {number("depth_m1", 16)}, "OFM channels - 1"),
      op0(Cmd0::kOfmPrecision, ofm_precision_fields(), "OFM type, format, scaling source"),
      op0(Cmd0::kOfmBlkWidthM1, {number("width_m1", 6)}, "OFM block width - 1"),
      op0(Cmd0::kOfmBlkHeightM1, {number("height_m1", 5)}, "OFM block height - 1"),
      op0(Cmd0::kOfmBlkDepthM1, {number("depth_m1", 7)}, "OFM block depth - 1"),
      op0(Cmd0::kOfmZeroPoint, {full16("zero_point", FieldKind::kSigned16)}, "OFM zero point"),
      op0(Cmd0::kOfmWidth0M1, {number("width_m1", 16)}, "OFM tile 0/2 width - 1"),
      op0(Cmd0::kOfmHeight0M1, {number("height_m1", 16)}, "OFM tile 0 height - 1"),
      op0(Cmd0::kOfmHeight1M1, {number("height_m1", 16)}, "OFM tile 1 height - 1"),
      op0(Cmd0::kOfmRegion, region_fields(15, true), "OFM base pointer index"),
  };
}

std::vector<CommandSpec> make_kernel_misc_specs() {
  return {
      op0(Cmd0::kKernelWidthM1, {number("width_m1", 16)}, "dilated kernel width - 1"),
      op0(Cmd0::kKernelHeightM1, {number("height_m1", 16)}, "dilated kernel height - 1"),
      op0(Cmd0::kKernelStride, kernel_stride_fields(),
          "stride - 1 (LSB + MSB), dilation - 1, traversal"),
      op0(Cmd0::kParallelMode, {code("parallel_mode", 0, 1, 16, kParallelMode)},
          "dual-core mode (U65)"),
      op0(Cmd0::kAccFormat, {code("acc_format", 0, 2, 16, kAccFormat)}, "accumulator format"),
      op0(Cmd0::kActivation,
          {code("activation_function", 0, 5, 12, kActivation),
           code("activation_clip_range", 12, 3, 3, kClipRange)},
          "activation function / LUT, clip range"),
      op0(Cmd0::kActivationMin, {full16("clip_boundary", FieldKind::kSigned16)}, "clamp minimum"),
      op0(Cmd0::kActivationMax, {full16("clip_boundary", FieldKind::kSigned16)}, "clamp maximum"),
      op0(Cmd0::kWeightRegion, region_fields(15, true), "weight stream base pointer index"),
      op0(Cmd0::kScaleRegion, region_fields(15, true), "scale stream base pointer index"),
      op0(Cmd0::kAbStart, {number("ab_start", 6)}, "start of the accumulator buffer, KB"),
      op0(Cmd0::kBlockdep, {number("blockdep", 2)}, "overlap with the previous kernel op"),
      op0(Cmd0::kDmaSrcRegion, dma_region_fields(), "DMA source region and mode"),
      op0(Cmd0::kDmaDstRegion, dma_region_fields(), "DMA destination region and mode"),
      op0(Cmd0::kDmaSize0, {number("size", 16)}, "DMA 2nd dimension (U65)"),
      op0(Cmd0::kDmaSize1, {number("size", 16)}, "DMA 3rd dimension (U65)"),
      op0(Cmd0::kIfm2Broadcast, ifm2_broadcast_fields(), "IFM2 broadcast, operand order, scalar"),
      op0(Cmd0::kIfm2Scalar, {full16("scalar", FieldKind::kSigned16)}, "IFM2 scalar operand"),
      op0(Cmd0::kIfm2Precision, ifm_precision_fields(false), "IFM2 type and format"),
      op0(Cmd0::kIfm2ZeroPoint, {full16("zero_point", FieldKind::kSigned16)}, "IFM2 zero point"),
      op0(Cmd0::kIfm2Width0M1, {number("width_m1", 16)}, "IFM2 tile 0/2 width - 1"),
      op0(Cmd0::kIfm2Height0M1, {number("height_m1", 16)}, "IFM2 tile 0 height - 1"),
      op0(Cmd0::kIfm2Height1M1, {number("height_m1", 16)}, "IFM2 tile 1 height - 1"),
      op0(Cmd0::kIfm2IbStart, {number("ib_start", 6)}, "start of the IFM2 buffer, KB"),
      op0(Cmd0::kIfm2Region, region_fields(16, false), "IFM2 base pointer index"),
  };
}

constexpr const char* kIfmMeanings[] = {"IFM tile 0 base, bytes", "IFM tile 1 base, bytes",
                                        "IFM tile 2 base, bytes", "IFM tile 3 base, bytes",
                                        "IFM x stride, bytes",    "IFM y stride, bytes",
                                        "IFM c stride, bytes"};
constexpr const char* kOfmMeanings[] = {"OFM tile 0 base, bytes", "OFM tile 1 base, bytes",
                                        "OFM tile 2 base, bytes", "OFM tile 3 base, bytes",
                                        "OFM x stride, bytes",    "OFM y stride, bytes",
                                        "OFM c stride, bytes"};
constexpr const char* kIfm2Meanings[] = {"IFM2 tile 0 base, bytes", "IFM2 tile 1 base, bytes",
                                         "IFM2 tile 2 base, bytes", "IFM2 tile 3 base, bytes",
                                         "IFM2 x stride, bytes",    "IFM2 y stride, bytes",
                                         "IFM2 c stride, bytes"};

// BASE0..3 then STRIDE_X/Y/C of one feature map, at consecutive cmd1 opcodes.
void append_feature_map_cmd1(std::vector<CommandSpec>& specs, Cmd1 base0,
                             const char* const (&meanings)[7]) {
  for (uint16_t i = 0; i < 7; ++i) {
    const auto opcode = static_cast<Cmd1>(static_cast<uint16_t>(base0) + i);
    specs.push_back(op1(opcode, i < 4 ? "addr" : "stride", 32, meanings[i]));
  }
}

std::vector<CommandSpec> make_cmd1_specs() {
  std::vector<CommandSpec> specs;
  specs.reserve(48);
  append_feature_map_cmd1(specs, Cmd1::kIfmBase0, kIfmMeanings);
  append_feature_map_cmd1(specs, Cmd1::kOfmBase0, kOfmMeanings);
  const std::vector<FieldSpec> shift = {number("shift", 6)};
  const std::vector<CommandSpec> rest = {
      op1(Cmd1::kWeightBase, "addr", 32, "weight stream offset"),
      op1(Cmd1::kWeightLength, "length", 32, "weight stream bytes"),
      op1(Cmd1::kScaleBase, "addr", 32, "scale stream offset"),
      op1(Cmd1::kScaleLength, "length", 20, "scale stream bytes"),
      op1(Cmd1::kOfmScale, "scale", 32, "global OFM multiplier, right shift", shift),
      op1(Cmd1::kOpaScale, "scale", 32, "operand A multiplier, right shift", shift),
      op1(Cmd1::kOpbScale, "scale", 16, "operand B multiplier"),
      op1(Cmd1::kDmaSrc, "addr", 32, "DMA source offset"),
      op1(Cmd1::kDmaDst, "addr", 32, "DMA destination offset"),
      op1(Cmd1::kDmaLen, "length", 32, "DMA bytes"),
      op1(Cmd1::kDmaSkip0, "skip", 32, "DMA 2D skip (U65)"),
      op1(Cmd1::kDmaSkip1, "skip", 32, "DMA 3D skip (U65)"),
  };
  specs.insert(specs.end(), rest.begin(), rest.end());
  append_feature_map_cmd1(specs, Cmd1::kIfm2Base0, kIfm2Meanings);
  specs.push_back(op1(Cmd1::kWeight1Base, "addr", 32, "core 1 weight stream offset (U65)"));
  specs.push_back(op1(Cmd1::kWeight1Length, "length", 32, "core 1 weight stream bytes (U65)"));
  specs.push_back(op1(Cmd1::kScale1Base, "addr", 32, "core 1 scale stream offset (U65)"));
  specs.push_back(op1(Cmd1::kScale1Length, "length", 20, "core 1 scale stream bytes (U65)"));
  for (uint16_t i = 0; i < 8; ++i) {
    const auto opcode = static_cast<Cmd1>(static_cast<uint16_t>(Cmd1::kUserDefined0) + i);
    specs.push_back(op1(opcode, "value", 32, "user register"));
  }
  return specs;
}

std::vector<CommandSpec> make_specs() {
  std::vector<CommandSpec> specs = make_operation_specs();
  for (auto part : {make_ifm_ofm_specs(), make_kernel_misc_specs(), make_cmd1_specs()}) {
    specs.insert(specs.end(), part.begin(), part.end());
  }
  return specs;
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

uint16_t CommandSpec::reserved_param_mask() const {
  uint32_t used = 0;
  for (const FieldSpec& field : fields) used |= ((1u << field.extent) - 1u) << field.lsb;
  return static_cast<uint16_t>(~used & 0xFFFFu);
}

uint32_t CommandSpec::reserved_payload_mask() const {
  if (!is_cmd1 || payload_bits >= 32) return 0;
  return ~((1u << payload_bits) - 1u);
}

const std::vector<CommandSpec>& command_specs() {
  static const std::vector<CommandSpec> kSpecs = make_specs();
  return kSpecs;
}

const CommandSpec* find_command_spec(bool is_cmd1, uint16_t opcode) {
  const std::vector<CommandSpec>& specs = command_specs();
  auto it = std::find_if(specs.begin(), specs.end(), [&](const CommandSpec& spec) {
    return spec.is_cmd1 == is_cmd1 && spec.opcode == opcode;
  });
  return it == specs.end() ? nullptr : &*it;
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
