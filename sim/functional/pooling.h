// POOL: MAX, AVERAGE and REDUCE_SUM over the kernel window.
//
// Values are IFM - IFM zero point; padding positions are skipped (not counted).
//  - MAX: the largest value in the window.
//  - AVERAGE with global scaling (OFM_PRECISION scale_mode 1, what Vela emits
//    without padding): the window sum requantized by OFM_SCALE (Vela puts
//    ~2^shift / (kernel elements) there). With per-channel mode (Vela's choice
//    when there is padding) the NPU divides by the number of non-padding
//    elements itself, rounding half away from zero as TFLite's AVERAGE_POOL_2D.
//  - REDUCE_SUM: the window sum; with a one-channel OFM, summed over every IFM
//    channel as well (Vela's lowering of softmax and MEAN), otherwise per channel.
// MAX and REDUCE_SUM requantize with OFM_SCALE only in global scaling mode.
#pragma once

#include "isa/register_state.h"
#include "sim/functional/exec_result.h"

namespace vnpu::sim {

ExecResult execute_pooling(const isa::Operation& op, const NpuMemory& memory);

}  // namespace vnpu::sim
