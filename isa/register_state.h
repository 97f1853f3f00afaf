// The architectural state of the NPU's command processor: every register a
// register-set command writes, decoded into typed fields. A kick-off command
// (NPU_OP_CONV, ...) snapshots this state into an Operation; the executors
// (functional model, SystemC model, RTL) read only Operations, never raw words.
//
// Field meanings and bit layouts are specified in docs/ARCHITECTURE.md §7;
// the decoder (isa/command_decoder.h) is the only code that maps words to fields
// and the encoder (isa/command_encoder.h) the only code that maps back.
#pragma once

#include <array>
#include <cstdint>

#include "isa/command_fields.h"
#include "isa/opcodes.h"

namespace vnpu::isa {

// Element type of a feature map: signedness and width in bits (8, 16, 32, 64).
struct ElementType {
  bool is_signed = false;
  uint8_t bits = 8;
};

// Tile geometry and addressing shared by IFM, IFM2 and OFM.
// A feature map lives in up to four tiles: columns x < width0 belong to tiles
// 0 (y < height0) and 2 (below); columns x >= width0 to tiles 1 (y < height1)
// and 3 (below). Byte address of (y, x, c) = region base + tile base + tile-relative
// y * stride_y + x * stride_x + c offset (NHWC: c * stride_c; NHCWB16:
// (c / 16) * stride_c + (c % 16) * element bytes).
struct FeatureMapState {
  uint8_t region = 0;  // base pointer index BASEP[region]
  ElementType type;
  DataFormat format = DataFormat::kNhwc;
  int32_t zero_point = 0;  // 16-bit field, sign-extended for signed types
  uint32_t width0_m1 = 0;
  uint32_t height0_m1 = 0;
  uint32_t height1_m1 = 0;
  std::array<uint64_t, 4> tile_base{};
  uint64_t stride_x = 0;
  uint64_t stride_y = 0;
  uint64_t stride_c = 0;
};

struct IfmState : FeatureMapState {
  uint32_t depth_m1 = 0;
  UpscaleMode upscale = UpscaleMode::kNone;
  IfmScaleMode scale_mode = IfmScaleMode::kOpaOpb16;  // elementwise input scaling
  RoundMode round_mode = RoundMode::kDbl;
  uint8_t pad_top = 0;     // 7 bits
  uint8_t pad_left = 0;    // 7 bits
  uint8_t pad_right = 0;   // 8 bits
  uint8_t pad_bottom = 0;  // 8 bits
  uint32_t ib_end = 0;     // SHRAM KB
};

struct Ifm2State : FeatureMapState {
  bool broadcast_h = false;
  bool broadcast_w = false;
  bool broadcast_c = false;
  bool operand_swap = false;  // operand_order: IFM2 is operand A
  bool scalar = false;        // use `scalar_value` instead of an IFM2 feature map
  int32_t scalar_value = 0;   // 16-bit field, sign-extended for signed types
  uint32_t ib_start = 0;      // SHRAM KB
};

struct OfmState : FeatureMapState {
  uint32_t width_m1 = 0;
  uint32_t height_m1 = 0;
  uint32_t depth_m1 = 0;
  bool global_scale = false;  // scale_mode: 1 = OFM_SCALE register, 0 = per-channel scale stream
  RoundMode round_mode = RoundMode::kDbl;
  uint32_t block_width_m1 = 0;   // OFM block (block config), 6 bits
  uint32_t block_height_m1 = 0;  // 5 bits
  uint32_t block_depth_m1 = 0;   // 7 bits
};

struct KernelState {
  uint32_t width_m1 = 0;   // dilated extent - 1
  uint32_t height_m1 = 0;  // dilated extent - 1
  uint8_t stride_x = 1;    // 1..3 (LSB + MSB fields; the decoder refuses 4, as U55 does)
  uint8_t stride_y = 1;
  uint8_t dilation_x = 1;  // 1..2
  uint8_t dilation_y = 1;
  WeightOrder weight_order = WeightOrder::kDepthFirst;
  bool decomposition_4x4 = false;
};

// A stream the operation reads from memory (weights or scale/bias).
struct StreamState {
  uint8_t region = 0;
  uint64_t base = 0;
  uint64_t length = 0;
};

struct ScaleRegister {
  uint32_t multiplier = 0;  // payload
  uint8_t shift = 0;        // 6-bit right shift (OFM_SCALE, OPA_SCALE); unused for OPB
};

struct ActivationState {
  uint8_t function = 0;    // 0 none (clamp), 3 tanh, 4 sigmoid, 16-23 LUT table 0-7
  uint8_t clip_range = 0;  // 3 bits
  int32_t min = 0;         // 16-bit fields, sign-extended for a signed OFM
  int32_t max = 0;
};

struct DmaState {
  uint8_t src_region = 0;
  bool src_internal = false;  // region_mode 1: SHRAM; region then holds a core mask
  uint8_t src_stride_mode = 0;
  uint8_t dst_region = 0;
  bool dst_internal = false;
  uint8_t dst_stride_mode = 0;
  uint64_t src = 0;
  uint64_t dst = 0;
  uint64_t length = 0;
  uint32_t size0 = 0;
  uint32_t size1 = 0;
  uint64_t skip0 = 0;
  uint64_t skip1 = 0;
};

struct RegisterState {
  IfmState ifm;
  Ifm2State ifm2;
  OfmState ofm;
  KernelState kernel;
  StreamState weights;
  StreamState weights1;  // second core (U65); unused on U55
  StreamState scales;
  StreamState scales1;
  ScaleRegister ofm_scale;
  ScaleRegister opa_scale;
  ScaleRegister opb_scale;
  ActivationState activation;
  AccFormat acc_format = AccFormat::kInt32;
  uint32_t ab_start = 0;  // SHRAM KB
  uint8_t blockdep = 0;
  DmaState dma;
  bool parallel_mode = false;
  std::array<uint32_t, 8> user_defined{};
};

enum class OperationKind : uint8_t {
  kConv,
  kDepthwise,
  kPool,
  kElementwise,
  kDmaStart,
  kDmaWait,
  kKernelWait,
  kPmuMask,
  kIrq,
  kStop,
};

// One kick-off command with the register state it started with.
struct Operation {
  OperationKind kind = OperationKind::kStop;
  uint16_t param = 0;        // pooling mode, elementwise mode, wait count, IRQ/stop mask, PMU enable
  uint32_t word_offset = 0;  // position of the kick-off command in the stream, in 32-bit words
  RegisterState state;

  PoolingMode pooling_mode() const {
    return static_cast<PoolingMode>(field::kPoolingMode.get(param));
  }
  ElementwiseMode elementwise_mode() const {
    return static_cast<ElementwiseMode>(field::kElementwiseMode.get(param));
  }
};

}  // namespace vnpu::isa
