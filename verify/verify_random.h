// `vnpu verify --random N --seed S`: N constrained-random single-operator
// graphs (verify/random_operations.h), each compiled by compile_model, written
// and read back as `vnpu compile` would write it, and verified like any
// compiled model (verify/verify_model.h). Rows carry the case's number and
// description; a case whose operator stays on the CPU is listed as such and
// checks nothing.
#pragma once

#include <cstdint>

#include "core/status.h"
#include "verify/verify_model.h"

namespace vnpu::verify {

constexpr int kMaxRandomCases = 100000;

// invalid_input for a count outside 1..kMaxRandomCases.
Expected<VerifyReport> verify_random_operations(int count, uint64_t seed,
                                                const OpenedBackends& backends,
                                                const VerifyOptions& options);

}  // namespace vnpu::verify
