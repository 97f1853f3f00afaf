/* Shared by runner.c (the plan and the loop) and cpu_ops.c (the CPU operators). */
#ifndef VNPU_RUNNER_INTERNAL_H
#define VNPU_RUNNER_INTERNAL_H

#include "include/vnpu_runner.h"

/* Sets runner->error to "operator <index> (<name>): <problem>" and returns `status`. */
vnpu_run_status vnpu_runner_fail(vnpu_runner* runner, uint32_t op_index, vnpu_run_status status,
                                 const char* problem);

/* Checks operator `op_index` (a builtin) against its kernel and, when `execute`, runs it. */
vnpu_run_status vnpu_cpu_operator(vnpu_runner* runner, uint32_t op_index, bool execute);

#endif /* VNPU_RUNNER_INTERNAL_H */
