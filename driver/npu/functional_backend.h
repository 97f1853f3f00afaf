// Runs the `ethos-u` custom operator (a COP1 payload holding an Ethos-U55
// command stream) on the functional NPU model through its register shim
// (driver/npu/functional_device.h) and the driver's one invoke path
// (driver/npu/npu_invoke.h), the way TensorFlow Lite Micro's ethos-u kernel
// drives the real NPU:
//  - the payload is validated before anything runs: the "COP1" magic, the
//    driver actions, and the accelerator configuration it was compiled for
//    against the NPU's (a mismatch is an error naming both);
//  - base pointers BASEP0..7 map to the operator's tensors after the payload,
//    in order, then its outputs (Vela: 0 flash/weights, 1 scratch = the arena,
//    2 fast scratch, then the model's inputs and outputs), truncated to 8;
//  - a fault the NPU raises (STATUS cmd_parse_error, bus error, weight-decoder
//    fault) stops the inference with the faulting command's word offset.
#pragma once

#include "driver/cpu/cpu_op.h"
#include "isa/accelerator_config.h"

namespace vnpu::driver::npu {

cpu::NpuPrepare functional_npu_prepare(const isa::AcceleratorConfig& config);

}  // namespace vnpu::driver::npu
