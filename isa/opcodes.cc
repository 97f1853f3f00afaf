// Names of the Ethos-U55 command-stream opcodes, as Arm's driver interface
// header and Vela spell them.
#include "isa/opcodes.h"

namespace vnpu::isa {

const char* cmd0_name(uint16_t opcode) {
  switch (static_cast<Cmd0>(opcode)) {
    case Cmd0::kOpStop:
      return "NPU_OP_STOP";
    case Cmd0::kOpIrq:
      return "NPU_OP_IRQ";
    case Cmd0::kOpConv:
      return "NPU_OP_CONV";
    case Cmd0::kOpDepthwise:
      return "NPU_OP_DEPTHWISE";
    case Cmd0::kOpPool:
      return "NPU_OP_POOL";
    case Cmd0::kOpElementwise:
      return "NPU_OP_ELEMENTWISE";
    case Cmd0::kOpDmaStart:
      return "NPU_OP_DMA_START";
    case Cmd0::kOpDmaWait:
      return "NPU_OP_DMA_WAIT";
    case Cmd0::kOpKernelWait:
      return "NPU_OP_KERNEL_WAIT";
    case Cmd0::kOpPmuMask:
      return "NPU_OP_PMU_MASK";
    case Cmd0::kIfmPadTop:
      return "NPU_SET_IFM_PAD_TOP";
    case Cmd0::kIfmPadLeft:
      return "NPU_SET_IFM_PAD_LEFT";
    case Cmd0::kIfmPadRight:
      return "NPU_SET_IFM_PAD_RIGHT";
    case Cmd0::kIfmPadBottom:
      return "NPU_SET_IFM_PAD_BOTTOM";
    case Cmd0::kIfmDepthM1:
      return "NPU_SET_IFM_DEPTH_M1";
    case Cmd0::kIfmPrecision:
      return "NPU_SET_IFM_PRECISION";
    case Cmd0::kIfmUpscale:
      return "NPU_SET_IFM_UPSCALE";
    case Cmd0::kIfmZeroPoint:
      return "NPU_SET_IFM_ZERO_POINT";
    case Cmd0::kIfmWidth0M1:
      return "NPU_SET_IFM_WIDTH0_M1";
    case Cmd0::kIfmHeight0M1:
      return "NPU_SET_IFM_HEIGHT0_M1";
    case Cmd0::kIfmHeight1M1:
      return "NPU_SET_IFM_HEIGHT1_M1";
    case Cmd0::kIfmIbEnd:
      return "NPU_SET_IFM_IB_END";
    case Cmd0::kIfmRegion:
      return "NPU_SET_IFM_REGION";
    case Cmd0::kOfmWidthM1:
      return "NPU_SET_OFM_WIDTH_M1";
    case Cmd0::kOfmHeightM1:
      return "NPU_SET_OFM_HEIGHT_M1";
    case Cmd0::kOfmDepthM1:
      return "NPU_SET_OFM_DEPTH_M1";
    case Cmd0::kOfmPrecision:
      return "NPU_SET_OFM_PRECISION";
    case Cmd0::kOfmBlkWidthM1:
      return "NPU_SET_OFM_BLK_WIDTH_M1";
    case Cmd0::kOfmBlkHeightM1:
      return "NPU_SET_OFM_BLK_HEIGHT_M1";
    case Cmd0::kOfmBlkDepthM1:
      return "NPU_SET_OFM_BLK_DEPTH_M1";
    case Cmd0::kOfmZeroPoint:
      return "NPU_SET_OFM_ZERO_POINT";
    case Cmd0::kOfmWidth0M1:
      return "NPU_SET_OFM_WIDTH0_M1";
    case Cmd0::kOfmHeight0M1:
      return "NPU_SET_OFM_HEIGHT0_M1";
    case Cmd0::kOfmHeight1M1:
      return "NPU_SET_OFM_HEIGHT1_M1";
    case Cmd0::kOfmRegion:
      return "NPU_SET_OFM_REGION";
    case Cmd0::kKernelWidthM1:
      return "NPU_SET_KERNEL_WIDTH_M1";
    case Cmd0::kKernelHeightM1:
      return "NPU_SET_KERNEL_HEIGHT_M1";
    case Cmd0::kKernelStride:
      return "NPU_SET_KERNEL_STRIDE";
    case Cmd0::kParallelMode:
      return "NPU_SET_PARALLEL_MODE";
    case Cmd0::kAccFormat:
      return "NPU_SET_ACC_FORMAT";
    case Cmd0::kActivation:
      return "NPU_SET_ACTIVATION";
    case Cmd0::kActivationMin:
      return "NPU_SET_ACTIVATION_MIN";
    case Cmd0::kActivationMax:
      return "NPU_SET_ACTIVATION_MAX";
    case Cmd0::kWeightRegion:
      return "NPU_SET_WEIGHT_REGION";
    case Cmd0::kScaleRegion:
      return "NPU_SET_SCALE_REGION";
    case Cmd0::kAbStart:
      return "NPU_SET_AB_START";
    case Cmd0::kBlockdep:
      return "NPU_SET_BLOCKDEP";
    case Cmd0::kDmaSrcRegion:
      return "NPU_SET_DMA0_SRC_REGION";
    case Cmd0::kDmaDstRegion:
      return "NPU_SET_DMA0_DST_REGION";
    case Cmd0::kDmaSize0:
      return "NPU_SET_DMA0_SIZE0";
    case Cmd0::kDmaSize1:
      return "NPU_SET_DMA0_SIZE1";
    case Cmd0::kIfm2Broadcast:
      return "NPU_SET_IFM2_BROADCAST";
    case Cmd0::kIfm2Scalar:
      return "NPU_SET_IFM2_SCALAR";
    case Cmd0::kIfm2Precision:
      return "NPU_SET_IFM2_PRECISION";
    case Cmd0::kIfm2ZeroPoint:
      return "NPU_SET_IFM2_ZERO_POINT";
    case Cmd0::kIfm2Width0M1:
      return "NPU_SET_IFM2_WIDTH0_M1";
    case Cmd0::kIfm2Height0M1:
      return "NPU_SET_IFM2_HEIGHT0_M1";
    case Cmd0::kIfm2Height1M1:
      return "NPU_SET_IFM2_HEIGHT1_M1";
    case Cmd0::kIfm2IbStart:
      return "NPU_SET_IFM2_IB_START";
    case Cmd0::kIfm2Region:
      return "NPU_SET_IFM2_REGION";
  }
  return nullptr;
}

namespace {

const char* user_defined_name(uint16_t opcode) {
  static constexpr const char* kNames[8] = {
      "NPU_SET_USER_DEFINED0", "NPU_SET_USER_DEFINED1", "NPU_SET_USER_DEFINED2",
      "NPU_SET_USER_DEFINED3", "NPU_SET_USER_DEFINED4", "NPU_SET_USER_DEFINED5",
      "NPU_SET_USER_DEFINED6", "NPU_SET_USER_DEFINED7",
  };
  const auto first = static_cast<uint16_t>(Cmd1::kUserDefined0);
  const auto last = static_cast<uint16_t>(Cmd1::kUserDefined7);
  return opcode >= first && opcode <= last ? kNames[opcode - first] : nullptr;
}

}  // namespace

const char* cmd1_name(uint16_t opcode) {
  switch (static_cast<Cmd1>(opcode)) {
    case Cmd1::kIfmBase0:
      return "NPU_SET_IFM_BASE0";
    case Cmd1::kIfmBase1:
      return "NPU_SET_IFM_BASE1";
    case Cmd1::kIfmBase2:
      return "NPU_SET_IFM_BASE2";
    case Cmd1::kIfmBase3:
      return "NPU_SET_IFM_BASE3";
    case Cmd1::kIfmStrideX:
      return "NPU_SET_IFM_STRIDE_X";
    case Cmd1::kIfmStrideY:
      return "NPU_SET_IFM_STRIDE_Y";
    case Cmd1::kIfmStrideC:
      return "NPU_SET_IFM_STRIDE_C";
    case Cmd1::kOfmBase0:
      return "NPU_SET_OFM_BASE0";
    case Cmd1::kOfmBase1:
      return "NPU_SET_OFM_BASE1";
    case Cmd1::kOfmBase2:
      return "NPU_SET_OFM_BASE2";
    case Cmd1::kOfmBase3:
      return "NPU_SET_OFM_BASE3";
    case Cmd1::kOfmStrideX:
      return "NPU_SET_OFM_STRIDE_X";
    case Cmd1::kOfmStrideY:
      return "NPU_SET_OFM_STRIDE_Y";
    case Cmd1::kOfmStrideC:
      return "NPU_SET_OFM_STRIDE_C";
    case Cmd1::kWeightBase:
      return "NPU_SET_WEIGHT_BASE";
    case Cmd1::kWeightLength:
      return "NPU_SET_WEIGHT_LENGTH";
    case Cmd1::kScaleBase:
      return "NPU_SET_SCALE_BASE";
    case Cmd1::kScaleLength:
      return "NPU_SET_SCALE_LENGTH";
    case Cmd1::kOfmScale:
      return "NPU_SET_OFM_SCALE";
    case Cmd1::kOpaScale:
      return "NPU_SET_OPA_SCALE";
    case Cmd1::kOpbScale:
      return "NPU_SET_OPB_SCALE";
    case Cmd1::kDmaSrc:
      return "NPU_SET_DMA0_SRC";
    case Cmd1::kDmaDst:
      return "NPU_SET_DMA0_DST";
    case Cmd1::kDmaLen:
      return "NPU_SET_DMA0_LEN";
    case Cmd1::kDmaSkip0:
      return "NPU_SET_DMA0_SKIP0";
    case Cmd1::kDmaSkip1:
      return "NPU_SET_DMA0_SKIP1";
    case Cmd1::kIfm2Base0:
      return "NPU_SET_IFM2_BASE0";
    case Cmd1::kIfm2Base1:
      return "NPU_SET_IFM2_BASE1";
    case Cmd1::kIfm2Base2:
      return "NPU_SET_IFM2_BASE2";
    case Cmd1::kIfm2Base3:
      return "NPU_SET_IFM2_BASE3";
    case Cmd1::kIfm2StrideX:
      return "NPU_SET_IFM2_STRIDE_X";
    case Cmd1::kIfm2StrideY:
      return "NPU_SET_IFM2_STRIDE_Y";
    case Cmd1::kIfm2StrideC:
      return "NPU_SET_IFM2_STRIDE_C";
    case Cmd1::kWeight1Base:
      return "NPU_SET_WEIGHT1_BASE";
    case Cmd1::kWeight1Length:
      return "NPU_SET_WEIGHT1_LENGTH";
    case Cmd1::kScale1Base:
      return "NPU_SET_SCALE1_BASE";
    case Cmd1::kScale1Length:
      return "NPU_SET_SCALE1_LENGTH";
    default:
      break;
  }
  return user_defined_name(opcode);
}

}  // namespace vnpu::isa
