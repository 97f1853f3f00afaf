// The one table of the Ethos-U55 command stream: every command's opcode, name,
// parameter fields (bit position, width, kind, enumerated value names) and
// payload. Generic code reads it: the validating decoder checks it, the
// disassembler prints it, the encoder (isa/command_encoder.cc) places fields
// with it, the register file (isa/register_file.cc) reads fields with it, the
// opcode names (cmd0_name, cmd1_name) and every enumerated-value name
// (operation summaries, estimator labels) come from it, and
// docs/isa_register_fields.md lists it.
//
// A field is `width` bits at `lsb` of the 16-bit parameter. Its `extent`
// (>= width) is how many bits the range check reads: reserved bits right above
// a numeric or enumerated field count as an out-of-range value ("region 9 out of
// range 0..7") rather than as loose reserved bits. Every parameter bit outside
// all extents is reserved and must be 0; so must payload bits above
// `payload_bits`.
//
// Source: ethos-u-facts.md §2.2/§2.3 (Arm's ethosu55_interface.h `npu_set_*_t`
// structs); bit positions are those of the 16-bit parameter (word bit - 16).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "isa/command.h"

namespace vnpu::isa {

enum class FieldKind : uint8_t {
  kUnsigned,  // a count, size or index
  kHex,       // a mask
  kSigned16,  // a 16-bit value the register file sign-extends for signed types
  kEnum,      // a code with named values; unnamed codes are out of range
};

struct FieldSpec {
  const char* name = "";
  uint8_t lsb = 0;
  uint8_t width = 16;
  uint8_t extent = 16;
  FieldKind kind = FieldKind::kUnsigned;
  uint32_t max_value = 0xFFFF;               // kUnsigned/kHex/kSigned16: largest valid value
  const char* const* value_names = nullptr;  // kEnum: name per code, nullptr = undefined code
  uint8_t value_count = 0;                   // kEnum: entries in value_names
  const char* note = nullptr;                // why values above max_value are refused

  // The field's bits over its extent (what validation and listings read).
  constexpr uint32_t read(uint16_t param) const {
    return (static_cast<uint32_t>(param) >> lsb) & ((1u << extent) - 1u);
  }
  // The field's own `width` bits (what the register file reads).
  constexpr uint32_t get(uint16_t param) const {
    return (static_cast<uint32_t>(param) >> lsb) & ((1u << width) - 1u);
  }
  // `value` truncated to the field's width, at its position (what the encoder writes).
  constexpr uint32_t put(uint32_t value) const { return (value & ((1u << width) - 1u)) << lsb; }
  // The parameter of a command whose only field this is.
  constexpr uint16_t param(uint32_t value) const { return static_cast<uint16_t>(put(value)); }
  bool is_valid(uint32_t value) const;
  // "NHCWB16" for a defined enum code, "" otherwise.
  const char* value_name(uint32_t value) const;
};

// A read-only run of table entries.
template <typename T>
struct TableView {
  const T* first = nullptr;
  size_t count = 0;
  const T* begin() const { return first; }
  const T* end() const { return first + count; }
  size_t size() const { return count; }
  bool empty() const { return count == 0; }
  const T& operator[](size_t i) const { return first[i]; }
};

struct CommandSpec {
  bool is_cmd1 = false;
  uint16_t opcode = 0;
  const char* mnemonic = "";           // "NPU_SET_IFM_PRECISION", as Arm and Vela spell it
  TableView<FieldSpec> fields;         // parameter fields, LSB first
  const char* payload_name = nullptr;  // cmd1: "addr", "length", "scale", ...
  uint8_t payload_bits = 32;           // cmd1: defined low bits of the payload
  const char* meaning = "";            // one line for the documentation table

  const char* name() const { return mnemonic; }
  uint16_t reserved_param_mask() const;
  uint32_t reserved_payload_mask() const;
};

namespace field {

// Names of enumerated codes, by code (nullptr: an undefined code).
inline constexpr const char* kTypeNames[] = {"unsigned", "signed"};
inline constexpr const char* kPrecisionNames[] = {"8-bit", "16-bit", "32-bit", "64-bit"};
inline constexpr const char* kFormatNames[] = {"NHWC", "NHCWB16"};
inline constexpr const char* kIfmScaleModeNames[] = {"OPA_OPB_16", "OPA_32", "OPB_32"};
inline constexpr const char* kOfmScaleModeNames[] = {"PER_CHANNEL", "GLOBAL"};
inline constexpr const char* kRoundModeNames[] = {"DBL", "TRUNCATE", "NATURAL"};
inline constexpr const char* kUpscaleNames[] = {"NONE", "NEAREST", "ZEROS"};
inline constexpr const char* kPoolingNames[] = {"MAX", "AVERAGE", "REDUCE_SUM"};
inline constexpr const char* kElementwiseNames[] = {"MUL",   "ADD", "SUB", "MIN", "MAX",
                                                    "LRELU", "ABS", "CLZ", "SHR", "SHL"};
inline constexpr const char* kWeightOrderNames[] = {"DEPTH_FIRST", "PART_KERNEL_FIRST"};
inline constexpr const char* kDecompositionNames[] = {"D8X8", "D4X4"};
inline constexpr const char* kAccFormatNames[] = {"I32", "I40", "F16"};
inline constexpr const char* kActivationNames[] = {
    "RELU",    nullptr,   nullptr,   "TANH",    "SIGMOID", nullptr,   nullptr,   nullptr,
    nullptr,   nullptr,   nullptr,   nullptr,   nullptr,   nullptr,   nullptr,   nullptr,
    "TABLE_0", "TABLE_1", "TABLE_2", "TABLE_3", "TABLE_4", "TABLE_5", "TABLE_6", "TABLE_7"};
inline constexpr const char* kClipRangeNames[] = {"OFM_PRECISION", nullptr, "FORCE_UINT8",
                                                  "FORCE_INT8",    nullptr, "FORCE_INT16"};
inline constexpr const char* kRegionModeNames[] = {"EXTERNAL", "INTERNAL"};
inline constexpr const char* kStrideModeNames[] = {"D1", "D2", "D3"};
inline constexpr const char* kOperandOrderNames[] = {"ORDER_B", "ORDER_A"};
inline constexpr const char* kParallelModeNames[] = {"SINGLE_CORE", "DUAL_CORE_DEPTH"};

// `width` bits at `lsb`, range-checked over `extent` bits.
constexpr FieldSpec number(const char* name, uint8_t lsb, uint8_t width, uint8_t extent) {
  FieldSpec spec;
  spec.name = name;
  spec.lsb = lsb;
  spec.width = width;
  spec.extent = extent;
  spec.max_value = (1u << width) - 1u;
  return spec;
}

// A number alone in the parameter: every bit above it counts as overflow.
constexpr FieldSpec number(const char* name, uint8_t width) { return number(name, 0, width, 16); }

constexpr FieldSpec flag(const char* name, uint8_t lsb) { return number(name, lsb, 1, 1); }

constexpr FieldSpec full16(const char* name, FieldKind kind) {
  FieldSpec spec;
  spec.name = name;
  spec.kind = kind;
  return spec;
}

template <size_t N>
constexpr FieldSpec code(const char* name, uint8_t lsb, uint8_t width, uint8_t extent,
                         const char* const (&names)[N]) {
  FieldSpec spec = number(name, lsb, width, extent);
  spec.kind = FieldKind::kEnum;
  spec.value_names = names;
  spec.value_count = static_cast<uint8_t>(N);
  return spec;
}

constexpr FieldSpec no_custom_dma() {
  FieldSpec spec = number("custom_dma_cs", 15, 1, 1);
  spec.max_value = 0;
  spec.note = "the NPU has no custom DMA (CONFIG.custom_dma = 0)";
  return spec;
}

// Operations.
inline constexpr FieldSpec kMask = full16("mask", FieldKind::kHex);
inline constexpr FieldSpec kPoolingMode = code("pooling_mode", 0, 3, 16, kPoolingNames);
inline constexpr FieldSpec kElementwiseMode = code("elementwise_mode", 0, 6, 16, kElementwiseNames);
inline constexpr FieldSpec kDmaWaitCount = number("k", 4);
inline constexpr FieldSpec kKernelWaitCount = number("n", 2);
inline constexpr FieldSpec kPmuEnable = number("enable", 1);

// Feature maps (IFM, IFM2, OFM) and their SHRAM buffers.
inline constexpr FieldSpec kPadTopLeft = number("pad", 7);
inline constexpr FieldSpec kPadRightBottom = number("pad", 8);
inline constexpr FieldSpec kDepthM1 = number("depth_m1", 16);
inline constexpr FieldSpec kWidthM1 = number("width_m1", 16);
inline constexpr FieldSpec kHeightM1 = number("height_m1", 16);
inline constexpr FieldSpec kZeroPoint = full16("zero_point", FieldKind::kSigned16);
inline constexpr FieldSpec kInputType = code("activation_type", 0, 1, 1, kTypeNames);
inline constexpr FieldSpec kInputPrecision = code("activation_precision", 2, 2, 2, kPrecisionNames);
inline constexpr FieldSpec kFormat = code("activation_format", 6, 2, 2, kFormatNames);
inline constexpr FieldSpec kIfmScaleMode = code("scale_mode", 8, 2, 2, kIfmScaleModeNames);
inline constexpr FieldSpec kRoundMode = code("round_mode", 14, 2, 2, kRoundModeNames);
inline constexpr FieldSpec kOfmType = kInputType;
inline constexpr FieldSpec kOfmPrecision = code("activation_precision", 1, 2, 2, kPrecisionNames);
inline constexpr FieldSpec kOfmScaleMode = code("scale_mode", 8, 1, 1, kOfmScaleModeNames);
inline constexpr FieldSpec kUpscaleMode = code("mode", 0, 2, 16, kUpscaleNames);
inline constexpr FieldSpec kIbEnd = number("ib_end", 6);
inline constexpr FieldSpec kIfm2IbStart = number("ib_start", 6);
inline constexpr FieldSpec kBlockWidthM1 = number("width_m1", 6);
inline constexpr FieldSpec kBlockHeightM1 = number("height_m1", 5);
inline constexpr FieldSpec kBlockDepthM1 = number("depth_m1", 7);
// Region 0..7 (reserved bits above it, up to the extent, read as overflow).
inline constexpr FieldSpec kRegion = number("region", 0, 3, 15);
inline constexpr FieldSpec kIfm2Region = number("region", 0, 3, 16);
inline constexpr FieldSpec kCustomDmaCs = no_custom_dma();

// Kernel; stride = 1 + (lsb | msb << 1), dilation = 1 + bit.
inline constexpr FieldSpec kStrideXLsb = flag("stride_x_lsb", 0);
inline constexpr FieldSpec kStrideYLsb = flag("stride_y_lsb", 1);
inline constexpr FieldSpec kWeightOrder = code("weight_order", 2, 1, 1, kWeightOrderNames);
inline constexpr FieldSpec kDilationX = flag("dilation_x", 3);
inline constexpr FieldSpec kDilationY = flag("dilation_y", 4);
inline constexpr FieldSpec kDecomposition = code("decomposition", 5, 1, 1, kDecompositionNames);
inline constexpr FieldSpec kStrideXMsb = flag("stride_x_msb", 6);
inline constexpr FieldSpec kStrideYMsb = flag("stride_y_msb", 9);

// Accumulator, activation, SHRAM layout, block dependency.
inline constexpr FieldSpec kParallelMode = code("parallel_mode", 0, 1, 16, kParallelModeNames);
inline constexpr FieldSpec kAccFormat = code("acc_format", 0, 2, 16, kAccFormatNames);
inline constexpr FieldSpec kActivationFunction =
    code("activation_function", 0, 5, 12, kActivationNames);
inline constexpr FieldSpec kActivationClipRange =
    code("activation_clip_range", 12, 3, 3, kClipRangeNames);
inline constexpr FieldSpec kClipBoundary = full16("clip_boundary", FieldKind::kSigned16);
inline constexpr FieldSpec kAbStart = number("ab_start", 6);
inline constexpr FieldSpec kBlockdep = number("blockdep", 2);

// DMA.
inline constexpr FieldSpec kDmaRegion = number("region", 0, 3, 8);
inline constexpr FieldSpec kDmaRegionMode = code("region_mode", 8, 1, 1, kRegionModeNames);
inline constexpr FieldSpec kDmaStrideMode = code("stride_mode", 9, 2, 2, kStrideModeNames);
inline constexpr FieldSpec kDmaSize = number("size", 16);

// IFM2 operand.
inline constexpr FieldSpec kBroadcastH = flag("broadcast_h", 0);
inline constexpr FieldSpec kBroadcastW = flag("broadcast_w", 1);
inline constexpr FieldSpec kBroadcastC = flag("broadcast_c", 2);
inline constexpr FieldSpec kOperandOrder = code("operand_order", 6, 1, 1, kOperandOrderNames);
inline constexpr FieldSpec kBroadcastScalar = flag("broadcast_scalar", 7);
inline constexpr FieldSpec kScalar = full16("scalar", FieldKind::kSigned16);

// cmd1 parameter: the right shift of OFM_SCALE and OPA_SCALE.
inline constexpr FieldSpec kScaleShift = number("shift", 6);

}  // namespace field

// Every command of the U55 command stream: cmd0 then cmd1, each in opcode order.
TableView<CommandSpec> command_specs();

// The spec of an opcode, or nullptr if it does not exist.
const CommandSpec* find_command_spec(bool is_cmd1, uint16_t opcode);

// The name of a field's code ("NHCWB16"), or "?" for a code the field does not define.
const char* code_name(const FieldSpec& field, uint32_t value);

// The decoded parameter and payload for a listing: "region=1 custom_dma_cs=0",
// "format=NHCWB16 ...", "addr=0x00001f40". Values a field cannot hold print as
// "?N". Empty for a command without fields or spec.
std::string format_fields(const Command& command);

}  // namespace vnpu::isa
