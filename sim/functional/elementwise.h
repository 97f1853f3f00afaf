// ELEMENTWISE: MUL ADD SUB MIN MAX LRELU ABS CLZ SHR SHL over the OFM shape.
//
// Operands: a = IFM - IFM zero point; b = IFM2 - IFM2 zero point, where IFM2
// is a feature map (broadcast along H/W/C where IFM2_BROADCAST says, i.e. its
// index 0 is used along that axis) or the 16-bit IFM2_SCALAR. operand_order
// swaps them: (A, B) = (b, a), else (a, b). Rules (docs/npu_semantics.md §5):
//  - ADD/SUB, scale_mode OPA/OPB 16-bit: A*OPA_SCALE +- B*OPB_SCALE.
//  - ADD/SUB, scale_mode OPA 32 (OPB 32 alike for B): A is rescaled by
//    OPA_SCALE with the IFM pre-shift P (20 for 8-bit, 15 for 16-bit IFMs):
//    DBL(A * 2^P, M, shift + P); B enters as B * 2^(P-1). This is TFLite's
//    ADD with left_shift P where the larger-scale input has multiplier 1/2.
//  - the sum is requantized by OFM_SCALE; for 8-bit IFMs in OPA/OPB16 mode
//    the double-rounding point sits 4 bits lower (TFLite's left_shift 20 is
//    2^4 above Vela's 2^15 operand scale).
//  - MUL: A*B requantized by OFM_SCALE; with 32-bit IFMs the multiplier is not
//    applied: (A*B) >> shift with the round mode (Q31 products, TFLite's
//    SaturatingRoundingDoublingHighMul for shift 31).
//  - MIN/MAX: of A and B, no scaling. ABS: |A|, LRELU: A >= 0 ? A : A scaled
//    by OFM_SCALE (alpha); both requantized by OFM_SCALE (ABS) as Vela sets it.
//  - CLZ: leading zeros of A as a 32-bit word. SHL: A << B (B in 0..31,
//    32-bit wrap). SHR: A >> B rounded by the OFM round mode. No scaling.
// The result goes through the output stage (zero point, activation, clamp).
#pragma once

#include "isa/register_state.h"
#include "sim/functional/exec_result.h"

namespace vnpu::sim {

// For 8-bit operands, each distinct operand pair's result is computed once
// per operation and reused (a pure function of the pair; same bytes).
ExecResult execute_elementwise(const isa::Operation& op, const NpuMemory& memory);

// Every element computed on its own: the oracle of the reuse's differential test.
ExecResult execute_elementwise_reference(const isa::Operation& op, const NpuMemory& memory);

}  // namespace vnpu::sim
