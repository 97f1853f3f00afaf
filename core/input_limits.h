// Resource limits on what an untrusted input (a model file, a .npy file) can
// make vnpu allocate: every limit in one place, each a named constant
// (docs/ARCHITECTURE.md, "Input limits"). A limit is policy, not a hardware
// fact: an input beyond it is rejected with a one-line invalid_input error
// that names the limit, instead of an allocation that exhausts the machine.
#pragma once

#include <cstdint>

namespace vnpu {

// What the .tflite reader copies out of a file: at most kCopyBudgetFactor bytes
// per file byte plus kCopyBudgetSlackBytes (for tiny files), counting IR
// structures too. Real models need about one byte per file byte.
constexpr uint64_t kCopyBudgetFactor = 8;
constexpr uint64_t kCopyBudgetSlackBytes = uint64_t{1} << 20;

// One tensor of a .tflite file (TFLite's own sizes are 32-bit in many places).
constexpr int64_t kMaxTensorBytes = int64_t{1} << 31;

// All tensors of a .tflite file together (constants and activations, every
// subgraph, as declared). The largest shared model declares about 0.5 MiB.
constexpr int64_t kMaxModelTensorBytes = int64_t{1} << 30;

// The CPU runtime's activation arena (what plan_memory places).
constexpr int64_t kMaxArenaBytes = int64_t{1} << 30;

// Multiply-accumulates of the operators a CPU runtime runs, summed over the graph
// (ir::mac_count), checked before any operator is prepared: a small file can
// declare a valid convolution of 10^12 MACs, hours of work. The largest shared
// model (ic_resnet8) needs 12.5 million (2^23.6); 2^34 is tens of seconds on the fast kernels.
constexpr int64_t kMaxCpuMacs = int64_t{1} << 34;

// Scratch of one fast CPU kernel (the padded image of the GEMM convolution, the
// row buffer of the depthwise one). Above it the operator runs the reference
// kernel, which needs none: the same result, slower.
constexpr int64_t kMaxKernelScratchBytes = int64_t{1} << 28;

// One output tensor of an ethos-u operator: what the NPU backend lets a
// command stream write, checked before the arena is planned.
constexpr int64_t kMaxNpuOutputBytes = kMaxArenaBytes;

}  // namespace vnpu
