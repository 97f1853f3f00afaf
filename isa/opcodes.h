// Ethos-U55 command-stream opcodes: the one definition every part uses.
//
// A command is one 32-bit word (cmd0: opcode in bits [9:0], control bits
// [15:14] = 0, 16-bit parameter in [31:16]) or two words (cmd1: control = 1,
// i.e. 0x4000 set, 16-bit parameter in [31:16], then a 32-bit payload word).
// cmd0 0x000-0x013 are operations; cmd0 0x100-0x18F and all cmd1 opcodes set
// registers. Source: docs/ARCHITECTURE.md §7 (from ../shared/reference/ethos-u-facts.md §2).
#pragma once

#include <cstdint>

namespace vnpu::isa {

constexpr uint32_t kOpcodeMask = 0x3FF;
constexpr uint32_t kControlShift = 14;
constexpr uint32_t kControlMask = 0x3;
constexpr uint32_t kCmd1Flag = 0x4000;  // control = 1: a 32-bit payload word follows

enum class Cmd0 : uint16_t {
  kOpStop = 0x000,
  kOpIrq = 0x001,
  kOpConv = 0x002,
  kOpDepthwise = 0x003,
  kOpPool = 0x005,
  kOpElementwise = 0x006,
  kOpDmaStart = 0x010,
  kOpDmaWait = 0x011,
  kOpKernelWait = 0x012,
  kOpPmuMask = 0x013,
  kIfmPadTop = 0x100,
  kIfmPadLeft = 0x101,
  kIfmPadRight = 0x102,
  kIfmPadBottom = 0x103,
  kIfmDepthM1 = 0x104,
  kIfmPrecision = 0x105,
  kIfmUpscale = 0x107,
  kIfmZeroPoint = 0x109,
  kIfmWidth0M1 = 0x10A,
  kIfmHeight0M1 = 0x10B,
  kIfmHeight1M1 = 0x10C,
  kIfmIbEnd = 0x10D,
  kIfmRegion = 0x10F,
  kOfmWidthM1 = 0x111,
  kOfmHeightM1 = 0x112,
  kOfmDepthM1 = 0x113,
  kOfmPrecision = 0x114,
  kOfmBlkWidthM1 = 0x115,
  kOfmBlkHeightM1 = 0x116,
  kOfmBlkDepthM1 = 0x117,
  kOfmZeroPoint = 0x118,
  kOfmWidth0M1 = 0x11A,
  kOfmHeight0M1 = 0x11B,
  kOfmHeight1M1 = 0x11C,
  kOfmRegion = 0x11F,
  kKernelWidthM1 = 0x120,
  kKernelHeightM1 = 0x121,
  kKernelStride = 0x122,
  kParallelMode = 0x123,
  kAccFormat = 0x124,
  kActivation = 0x125,
  kActivationMin = 0x126,
  kActivationMax = 0x127,
  kWeightRegion = 0x128,
  kScaleRegion = 0x129,
  kAbStart = 0x12D,
  kBlockdep = 0x12F,
  kDmaSrcRegion = 0x130,
  kDmaDstRegion = 0x131,
  kDmaSize0 = 0x132,
  kDmaSize1 = 0x133,
  kIfm2Broadcast = 0x180,
  kIfm2Scalar = 0x181,
  kIfm2Precision = 0x185,
  kIfm2ZeroPoint = 0x189,
  kIfm2Width0M1 = 0x18A,
  kIfm2Height0M1 = 0x18B,
  kIfm2Height1M1 = 0x18C,
  kIfm2IbStart = 0x18D,
  kIfm2Region = 0x18F,
};

enum class Cmd1 : uint16_t {
  kIfmBase0 = 0x000,
  kIfmBase1 = 0x001,
  kIfmBase2 = 0x002,
  kIfmBase3 = 0x003,
  kIfmStrideX = 0x004,
  kIfmStrideY = 0x005,
  kIfmStrideC = 0x006,
  kOfmBase0 = 0x010,
  kOfmBase1 = 0x011,
  kOfmBase2 = 0x012,
  kOfmBase3 = 0x013,
  kOfmStrideX = 0x014,
  kOfmStrideY = 0x015,
  kOfmStrideC = 0x016,
  kWeightBase = 0x020,
  kWeightLength = 0x021,
  kScaleBase = 0x022,
  kScaleLength = 0x023,
  kOfmScale = 0x024,
  kOpaScale = 0x025,
  kOpbScale = 0x026,
  kDmaSrc = 0x030,
  kDmaDst = 0x031,
  kDmaLen = 0x032,
  kDmaSkip0 = 0x033,
  kDmaSkip1 = 0x034,
  kIfm2Base0 = 0x080,
  kIfm2Base1 = 0x081,
  kIfm2Base2 = 0x082,
  kIfm2Base3 = 0x083,
  kIfm2StrideX = 0x084,
  kIfm2StrideY = 0x085,
  kIfm2StrideC = 0x086,
  kWeight1Base = 0x090,
  kWeight1Length = 0x091,
  kScale1Base = 0x092,
  kScale1Length = 0x093,
  kUserDefined0 = 0x0A0,
  kUserDefined1 = 0x0A1,
  kUserDefined2 = 0x0A2,
  kUserDefined3 = 0x0A3,
  kUserDefined4 = 0x0A4,
  kUserDefined5 = 0x0A5,
  kUserDefined6 = 0x0A6,
  kUserDefined7 = 0x0A7,
};

// Enumerations carried in register fields.
enum class PoolingMode : uint8_t { kMax = 0, kAverage = 1, kReduceSum = 2 };
enum class ElementwiseMode : uint8_t {
  kMul = 0, kAdd = 1, kSub = 2, kMin = 3, kMax = 4, kLrelu = 5, kAbs = 6, kClz = 7, kShr = 8,
  kShl = 9,
};
enum class DataFormat : uint8_t { kNhwc = 0, kNhcwb16 = 1 };
enum class RoundMode : uint8_t { kDbl = 0, kTruncate = 1, kNatural = 2 };
enum class AccFormat : uint8_t { kInt32 = 0, kInt40 = 1, kFloat16 = 2 };
enum class UpscaleMode : uint8_t { kNone = 0, kNearest = 1, kZeros = 2 };
enum class IfmScaleMode : uint8_t { kOpaOpb16 = 0, kOpa32 = 1, kOpb32 = 2 };
enum class WeightOrder : uint8_t { kDepthFirst = 0, kPartKernelFirst = 1 };

// "NPU_OP_CONV", "NPU_SET_IFM_BASE0", ...; nullptr for an opcode that does not exist.
// Read from the command table (isa/command_fields.h), which holds every name.
const char* cmd0_name(uint16_t opcode);
const char* cmd1_name(uint16_t opcode);

}  // namespace vnpu::isa
