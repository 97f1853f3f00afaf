/* The firmware inference runner: runs subgraph 0 of a compiled model (a .tflite
 * with ethos-u operators, from `vnpu compile` or Vela, or a plain int8 model)
 * read in place from memory (vnpu_model.h), with every non-constant tensor in a
 * caller's static arena. ethos-u operators go to the NPU through the C driver
 * (firmware/driver), every other operator to the CPU fallback kernels
 * (vnpu_kernels.h). Per-operator cycles: the NPU's PMU cycle counter for
 * ethos-u operators, the vnpu_runner_cpu_cycles() hook for the others.
 * Freestanding C11: no heap, libc only for memcpy/memmove/memset/memcmp and libm's
 * frexp/round/floor/isfinite (the requantization's set-up). */
#ifndef VNPU_RUNNER_H
#define VNPU_RUNNER_H

#include <stdbool.h>
#include <stdint.h>

#include "vnpu_kernels.h"
#include "vnpu_model.h"

#ifdef __cplusplus
extern "C" {
#endif

struct vnpu_driver;

typedef enum vnpu_run_status {
  VNPU_RUN_OK = 0,
  VNPU_RUN_BAD_MODEL,        /* the flatbuffer or a tensor/operator is malformed */
  VNPU_RUN_UNSUPPORTED,      /* an operator or type the runner has no kernel for */
  VNPU_RUN_ARENA_TOO_SMALL,  /* the tensors do not fit in the arena */
  VNPU_RUN_NO_NPU,           /* an ethos-u operator and no driver given */
  VNPU_RUN_NPU_FAILED        /* the driver returned an error (runner->npu_status) */
} vnpu_run_status;

#define VNPU_RUNNER_MAX_CHANNELS 2048u

typedef struct vnpu_runner {
  vnpu_model* model;
  struct vnpu_driver* npu;            /* NULL: no NPU, ethos-u operators fail */
  uint8_t* arena;
  uint32_t arena_size, arena_used;
  uint8_t* tensor_data[VNPU_MODEL_MAX_TENSORS]; /* constant data or an arena slot */
  uint64_t op_cycles[VNPU_MODEL_MAX_OPERATORS]; /* of the last invoke */
  bool op_on_npu[VNPU_MODEL_MAX_OPERATORS];
  int npu_status;                     /* the driver's vnpu_status after VNPU_RUN_NPU_FAILED */
  vnpu_multiplier multipliers[VNPU_RUNNER_MAX_CHANNELS]; /* per-operator scratch */
  char error[VNPU_MODEL_ERROR_SIZE];  /* what and where, after an error */
} vnpu_runner;

/* Loads and checks the model in `data` (kept in place), plans the arena and
 * checks every operator's tensors against its kernel (so that invoke can only
 * fail on the NPU). `npu` may be NULL. */
vnpu_run_status vnpu_runner_init(vnpu_runner* runner, vnpu_model* model, const uint8_t* data,
                                 uint32_t size, uint8_t* arena, uint32_t arena_size,
                                 struct vnpu_driver* npu);

/* Subgraph input / output `index`: its tensor (NULL past the end) and its bytes in the arena. */
const vnpu_tensor* vnpu_runner_input(const vnpu_runner* runner, uint32_t index, uint8_t** data);
const vnpu_tensor* vnpu_runner_output(const vnpu_runner* runner, uint32_t index, uint8_t** data);

/* Runs every operator in order; fills op_cycles and op_on_npu. */
vnpu_run_status vnpu_runner_invoke(vnpu_runner* runner);

/* Name of a status, and of a builtin operator code ("ethos-u" for the custom one). */
const char* vnpu_run_status_name(vnpu_run_status status);
const char* vnpu_runner_op_name(const vnpu_operator* op);

/* The CPU cycle counter: weak, returns 0; define your own (DWT->CYCCNT, a timer). */
uint64_t vnpu_runner_cpu_cycles(void);

#ifdef __cplusplus
}
#endif

#endif /* VNPU_RUNNER_H */
