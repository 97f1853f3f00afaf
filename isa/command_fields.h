// The bit layout of every command's parameter and payload: one table that the
// validating decoder checks, the disassembler prints and
// docs/isa_register_fields.md lists. Source: ethos-u-facts.md §2.2/§2.3 (Arm's
// ethosu55_interface.h `npu_set_*_t` structs).
//
// A field is `width` bits at `lsb` of the 16-bit parameter. Its `extent`
// (>= width) is how many bits the range check reads: reserved bits right above
// a numeric or enumerated field count as an out-of-range value ("region 9 out of
// range 0..7") rather than as loose reserved bits. Every parameter bit outside
// all extents is reserved and must be 0; so must payload bits above
// `payload_bits`.
//
// Parameter layouts (bit = word bit - 16; bits not listed must be 0):
//   0x000/0x001 NPU_OP_STOP/IRQ      mask[15:0]
//   0x002/0x003 NPU_OP_CONV/DEPTHWISE, 0x010 NPU_OP_DMA_START: no parameter
//   0x005 NPU_OP_POOL                pooling_mode[2:0]: 0 MAX, 1 AVERAGE, 2 REDUCE_SUM
//   0x006 NPU_OP_ELEMENTWISE         elementwise_mode[5:0]: 0 MUL .. 9 SHL
//   0x011 NPU_OP_DMA_WAIT k[3:0]; 0x012 NPU_OP_KERNEL_WAIT n[1:0]; 0x013 NPU_OP_PMU_MASK enable[0]
//   0x100..0x103 IFM_PAD_TOP/LEFT/RIGHT/BOTTOM  pad[6:0] / [6:0] / [7:0] / [7:0]
//   0x105 IFM_PRECISION, 0x185 IFM2_PRECISION   type[0] (1 signed), precision[3:2]
//         (0 8-bit, 1 16, 2 32, 3 64), format[7:6] (0 NHWC, 1 NHCWB16); IFM only:
//         scale_mode[9:8] (0 OPA_OPB_16, 1 OPA_32, 2 OPB_32), round_mode[15:14]
//         (0 DBL, 1 TRUNCATE, 2 NATURAL)
//   0x114 OFM_PRECISION              type[0], precision[2:1], format[7:6],
//                                    scale_mode[8] (1 global OFM_SCALE), round_mode[15:14]
//   0x107 IFM_UPSCALE mode[1:0] (0 NONE, 1 NEAREST, 2 ZEROS)
//   0x109/0x118/0x189 zero points, 0x181 IFM2_SCALAR, 0x126/0x127 ACTIVATION_MIN/MAX: [15:0]
//   0x104/0x10A-0x10C/0x111-0x113/0x11A-0x11C/0x120/0x121/0x132/0x133/0x18A-0x18C: [15:0]
//   0x115/0x116/0x117 OFM_BLK_WIDTH/HEIGHT/DEPTH_M1  [5:0] / [4:0] / [6:0]
//   0x10D IFM_IB_END, 0x12D AB_START, 0x18D IFM2_IB_START: [5:0] (KB); 0x12F BLOCKDEP [1:0]
//   0x10F/0x11F/0x128/0x129 IFM/OFM/WEIGHT/SCALE_REGION  region[2:0], custom_dma_cs[15] (0)
//   0x18F IFM2_REGION region[2:0]
//   0x122 KERNEL_STRIDE              stride_x_lsb[0], stride_y_lsb[1], weight_order[2],
//         dilation_x[3], dilation_y[4], decomposition[5] (1 = 4x4), stride_x_msb[6],
//         stride_y_msb[9]; stride = 1 + (lsb | msb << 1) in 1..3
//   0x123 PARALLEL_MODE [0]; 0x124 ACC_FORMAT [1:0] (0 I32, 1 I40, 2 F16)
//   0x125 ACTIVATION                 function[4:0] (0 RELU, 3 TANH, 4 SIGMOID, 16..23 LUT
//         0..7), clip_range[14:12] (0 OFM precision, 2 UINT8, 3 INT8, 5 INT16)
//   0x130/0x131 DMA0_SRC/DST_REGION  region[2:0], region_mode[8] (1 = SHRAM),
//         stride_mode[10:9] (0 1D, 1 2D, 2 3D), custom_dma_cs[15] (0)
//   0x180 IFM2_BROADCAST             h[0], w[1], c[2], operand_order[6], scalar[7]
// cmd1 (payload in word 1; parameter 0 unless listed):
//   0x000-0x006 / 0x010-0x016 / 0x080-0x086  IFM / OFM / IFM2 BASE0..3, STRIDE_X/Y/C
//   0x020-0x023 WEIGHT_BASE/LENGTH, SCALE_BASE/LENGTH (length 20 bits); 0x090-0x093 core 1
//   0x024/0x025 OFM/OPA_SCALE        param shift[5:0], payload multiplier
//   0x026 OPB_SCALE                  payload multiplier[15:0]
//   0x030-0x034 DMA0_SRC/DST/LEN/SKIP0/SKIP1; 0x0A0-0x0A7 USER_DEFINED0..7
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "isa/command.h"

namespace vnpu::isa {

enum class FieldKind : uint8_t {
  kUnsigned,  // a count, size or index
  kHex,       // a mask
  kSigned16,  // a 16-bit value the register file sign-extends for signed types
  kEnum,      // a code with named values; unnamed codes are out of range
};

struct FieldSpec {
  const char* name;
  uint8_t lsb = 0;
  uint8_t width = 16;
  uint8_t extent = 16;
  FieldKind kind = FieldKind::kUnsigned;
  uint32_t max_value = 0xFFFF;               // kUnsigned/kHex/kSigned16: largest valid value
  const char* const* value_names = nullptr;  // kEnum: name per code, nullptr = undefined code
  uint8_t value_count = 0;                   // kEnum: entries in value_names
  const char* note = nullptr;                // why values above max_value are refused

  // The field's bits over its extent.
  uint32_t read(uint16_t param) const {
    return (static_cast<uint32_t>(param) >> lsb) & ((1u << extent) - 1u);
  }
  bool is_valid(uint32_t value) const;
  // "NHCWB16" for an enum code, "" otherwise.
  const char* value_name(uint32_t value) const;
};

struct CommandSpec {
  bool is_cmd1 = false;
  uint16_t opcode = 0;
  std::vector<FieldSpec> fields;       // parameter fields, LSB first
  const char* payload_name = nullptr;  // cmd1: "addr", "length", "scale", ...
  uint8_t payload_bits = 32;           // cmd1: defined low bits of the payload
  const char* meaning = "";            // one line for the documentation table

  const char* name() const { return is_cmd1 ? cmd1_name(opcode) : cmd0_name(opcode); }
  uint16_t reserved_param_mask() const;
  uint32_t reserved_payload_mask() const;
};

// Every command of the U55 command stream: cmd0 then cmd1, each in opcode order.
const std::vector<CommandSpec>& command_specs();

// The spec of an opcode, or nullptr if it does not exist.
const CommandSpec* find_command_spec(bool is_cmd1, uint16_t opcode);

// The decoded parameter and payload for a listing: "region=1 custom_dma_cs=0",
// "format=NHCWB16 ...", "addr=0x00001f40". Values a field cannot hold print as
// "?N". Empty for a command without fields or spec.
std::string format_fields(const Command& command);

}  // namespace vnpu::isa
