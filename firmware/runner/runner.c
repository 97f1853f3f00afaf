/* The runner's plan (arena slots) and loop (vnpu_runner.h). */
#include <string.h>

#include "runner_internal.h"
#include "../driver/include/vnpu_driver.h"
#include "../driver/include/vnpu_pmu.h"

__attribute__((weak)) uint64_t vnpu_runner_cpu_cycles(void) { return 0; }

const char* vnpu_run_status_name(vnpu_run_status status) {
  switch (status) {
    case VNPU_RUN_OK: return "ok";
    case VNPU_RUN_BAD_MODEL: return "bad model";
    case VNPU_RUN_UNSUPPORTED: return "unsupported";
    case VNPU_RUN_ARENA_TOO_SMALL: return "arena too small";
    case VNPU_RUN_NO_NPU: return "no NPU";
    case VNPU_RUN_NPU_FAILED: return "NPU failed";
  }
  return "unknown status";
}

const char* vnpu_runner_op_name(const vnpu_operator* op) {
  if (op->ethos_u) return "ethos-u";
  switch (op->builtin) {
    case VNPU_OP_ADD: return "ADD";
    case VNPU_OP_AVERAGE_POOL_2D: return "AVERAGE_POOL_2D";
    case VNPU_OP_CONV_2D: return "CONV_2D";
    case VNPU_OP_DEPTHWISE_CONV_2D: return "DEPTHWISE_CONV_2D";
    case VNPU_OP_DEQUANTIZE: return "DEQUANTIZE";
    case VNPU_OP_FULLY_CONNECTED: return "FULLY_CONNECTED";
    case VNPU_OP_RESHAPE: return "RESHAPE";
    case VNPU_OP_SOFTMAX: return "SOFTMAX";
    case VNPU_OP_CUSTOM: return "CUSTOM";
    case VNPU_OP_QUANTIZE: return "QUANTIZE";
    default: return "operator";
  }
}

vnpu_run_status vnpu_runner_fail(vnpu_runner* runner, uint32_t op_index, vnpu_run_status status,
                                 const char* problem) {
  uint32_t length = 0;
  vnpu_error_append(runner->error, &length, "operator ");
  vnpu_error_append_int(runner->error, &length, op_index);
  vnpu_error_append(runner->error, &length, " (");
  vnpu_error_append(runner->error, &length,
                    vnpu_runner_op_name(&runner->model->operators[op_index]));
  vnpu_error_append(runner->error, &length, "): ");
  vnpu_error_append(runner->error, &length, problem);
  return status;
}

/* Lifetime of every tensor in operator steps: [first, last]; graph inputs from
 * -1, graph outputs to operator_count. */
static void tensor_lifetimes(const vnpu_model* m, int32_t* first, int32_t* last) {
  for (uint32_t t = 0; t < m->tensor_count; ++t) {
    first[t] = INT32_MAX;
    last[t] = -2;
  }
  for (uint32_t i = 0; i < m->input_count; ++i) first[m->inputs[i]] = -1;
  for (uint32_t i = 0; i < m->output_count; ++i) last[m->outputs[i]] = (int32_t)m->operator_count;
  for (uint32_t o = 0; o < m->operator_count; ++o) {
    const vnpu_operator* op = &m->operators[o];
    for (uint32_t i = 0; i < (uint32_t)op->input_count + op->output_count; ++i) {
      const int32_t t = i < op->input_count ? op->inputs[i] : op->outputs[i - op->input_count];
      if (t < 0) continue;
      if ((int32_t)o < first[t]) first[t] = (int32_t)o;
      if ((int32_t)o > last[t]) last[t] = (int32_t)o;
    }
  }
}

static uint64_t slot_size(const vnpu_model* m, uint32_t t) {
  return ((uint64_t)m->tensors[t].bytes + 15u) & ~(uint64_t)15u;
}

/* First fit: the lowest 16-aligned offset that overlaps no placed tensor alive
 * at the same time (the offline plan's tensors were placed first). */
static uint64_t place_tensor(const vnpu_model* m, const uint64_t* offsets, const int32_t* first,
                             const int32_t* last, uint32_t t) {
  const uint64_t size = slot_size(m, t);
  uint64_t candidate = 0;
  bool moved = true;
  while (moved) {
    moved = false;
    for (uint32_t other = 0; other < m->tensor_count; ++other) {
      if (other == t || offsets[other] == UINT64_MAX || first[other] > last[t] ||
          first[t] > last[other]) {
        continue;
      }
      const uint64_t end = offsets[other] + slot_size(m, other);
      if (candidate < end && offsets[other] < candidate + size) {
        candidate = end;
        moved = true;
      }
    }
  }
  return candidate;
}

static vnpu_run_status arena_too_small(vnpu_runner* r, uint32_t t, uint64_t bytes) {
  uint32_t length = 0;
  vnpu_error_append(r->error, &length, "arena: tensor ");
  vnpu_error_append_int(r->error, &length, t);
  vnpu_error_append(r->error, &length, " needs the arena to be at least ");
  vnpu_error_append_int(r->error, &length, (int64_t)bytes);
  vnpu_error_append(r->error, &length, " bytes");
  return VNPU_RUN_ARENA_TOO_SMALL;
}

/* Arena slots: the offline plan's offsets where the model has one, first fit for the rest. */
static vnpu_run_status plan_arena(vnpu_runner* r) {
  static int32_t first[VNPU_MODEL_MAX_TENSORS], last[VNPU_MODEL_MAX_TENSORS];
  static uint64_t offsets[VNPU_MODEL_MAX_TENSORS];
  const vnpu_model* m = r->model;
  tensor_lifetimes(m, first, last);
  r->arena_used = 0;
  const uintptr_t misalignment = (uintptr_t)r->arena & 15u;
  const uint32_t skip = misalignment == 0u ? 0u : (uint32_t)(16u - misalignment);
  const uint64_t usable = r->arena_size > skip ? r->arena_size - skip : 0u;
  for (uint32_t pass = 0; pass < 2u; ++pass) {
    for (uint32_t t = 0; t < m->tensor_count; ++t) {
      const bool fixed = m->has_offline_plan && m->offline_offsets[t] >= 0;
      if (pass == 0u) {
        offsets[t] = UINT64_MAX;
        r->tensor_data[t] = (uint8_t*)(uintptr_t)m->tensors[t].data;
      }
      if (m->tensors[t].data != NULL || last[t] < -1 || fixed != (pass == 0u)) continue;
      offsets[t] = fixed ? (uint64_t)m->offline_offsets[t] : place_tensor(m, offsets, first, last, t);
      const uint64_t end = offsets[t] + m->tensors[t].bytes;
      if (end > usable) return arena_too_small(r, t, end + skip);
      r->tensor_data[t] = r->arena + skip + offsets[t];
      if (end > r->arena_used) r->arena_used = (uint32_t)end;
    }
  }
  return VNPU_RUN_OK;
}

static bool arena_slots_overlap(const vnpu_runner* r, int32_t a, int32_t b) {
  if (a < 0 || b < 0 || a == b) return false;
  const vnpu_model* m = r->model;
  if (m->tensors[a].data != NULL || m->tensors[b].data != NULL) return false; /* constants */
  const uintptr_t start_a = (uintptr_t)r->tensor_data[a], start_b = (uintptr_t)r->tensor_data[b];
  return m->tensors[a].bytes != 0u && m->tensors[b].bytes != 0u && start_a != 0u && start_b != 0u &&
         start_a < start_b + m->tensors[b].bytes && start_b < start_a + m->tensors[a].bytes;
}

/* An offline plan may not put a CPU operator's output over another of its
 * operands: the kernels read and write distinct buffers (as the host runtime,
 * driver/cpu/cpu_runtime.cc, refuses it). ethos-u operators are the compiler's
 * business (Vela puts feature maps inside its scratch tensor). A RESHAPE may
 * alias its input exactly (it copies only when they differ, as TFLM's). */
static vnpu_run_status check_cpu_operands_apart(vnpu_runner* r) {
  const vnpu_model* m = r->model;
  for (uint32_t o = 0; o < m->operator_count; ++o) {
    const vnpu_operator* op = &m->operators[o];
    if (op->ethos_u) continue;
    for (uint32_t k = 0; k < op->output_count; ++k) {
      for (uint32_t i = 0; i < (uint32_t)op->input_count + op->output_count; ++i) {
        const int32_t other = i < op->input_count ? op->inputs[i] : op->outputs[i - op->input_count];
        if (i == (uint32_t)op->input_count + k || !arena_slots_overlap(r, op->outputs[k], other)) {
          continue;
        }
        if (op->builtin == VNPU_OP_RESHAPE && r->tensor_data[op->outputs[k]] == r->tensor_data[other]) {
          continue;
        }
        return vnpu_runner_fail(r, o, VNPU_RUN_BAD_MODEL,
                                "the offline memory plan puts an output over another operand");
      }
    }
  }
  return VNPU_RUN_OK;
}

vnpu_run_status vnpu_runner_init(vnpu_runner* runner, vnpu_model* model, const uint8_t* data,
                                 uint32_t size, uint8_t* arena, uint32_t arena_size,
                                 struct vnpu_driver* npu) {
  runner->model = model;
  runner->npu = npu;
  runner->arena = arena;
  runner->arena_size = arena_size;
  runner->npu_status = 0;
  runner->error[0] = '\0';
  if (!vnpu_model_load(model, data, size)) {
    memcpy(runner->error, model->error, sizeof runner->error);
    return VNPU_RUN_BAD_MODEL;
  }
  vnpu_run_status status = plan_arena(runner);
  if (status == VNPU_RUN_OK) status = check_cpu_operands_apart(runner);
  for (uint32_t o = 0; status == VNPU_RUN_OK && o < model->operator_count; ++o) {
    const vnpu_operator* op = &model->operators[o];
    if (op->ethos_u) {
      if (op->input_count == 0u || op->inputs[0] < 0 ||
          model->tensors[op->inputs[0]].data == NULL) {
        return vnpu_runner_fail(runner, o, VNPU_RUN_BAD_MODEL,
                                "input 0 must be the constant command stream");
      }
      if (npu == NULL) status = vnpu_runner_fail(runner, o, VNPU_RUN_NO_NPU, "no NPU driver");
    } else {
      status = vnpu_cpu_operator(runner, o, false);
    }
  }
  return status;
}

static const vnpu_tensor* graph_tensor(const vnpu_runner* r, const int32_t* list, uint32_t count,
                                       uint32_t index, uint8_t** data) {
  if (index >= count) return NULL;
  *data = r->tensor_data[list[index]];
  return &r->model->tensors[list[index]];
}

const vnpu_tensor* vnpu_runner_input(const vnpu_runner* runner, uint32_t index, uint8_t** data) {
  return graph_tensor(runner, runner->model->inputs, runner->model->input_count, index, data);
}

const vnpu_tensor* vnpu_runner_output(const vnpu_runner* runner, uint32_t index, uint8_t** data) {
  return graph_tensor(runner, runner->model->outputs, runner->model->output_count, index, data);
}

/* An ethos-u operator: input 0 is the COP1 payload; the base pointers (regions)
 * are the remaining inputs, then the outputs, at most 8 (as Vela lays them out,
 * driver/npu/ethos_u_operator.cc). */
static vnpu_run_status run_ethos_u(vnpu_runner* r, uint32_t o) {
  const vnpu_operator* op = &r->model->operators[o];
  uint64_t base[8];
  size_t base_size[8];
  int count = 0;
  for (uint32_t i = 1; i < (uint32_t)op->input_count + op->output_count && count < 8; ++i) {
    const int32_t t = i < op->input_count ? op->inputs[i] : op->outputs[i - op->input_count];
    base[count] = t < 0 ? 0u : (uint64_t)(uintptr_t)r->tensor_data[t];
    base_size[count] = t < 0 ? 0u : r->model->tensors[t].bytes;
    ++count;
  }
  const vnpu_tensor* payload = &r->model->tensors[op->inputs[0]];
  uint64_t cycles = 0;
  (void)vnpu_pmu_enable(r->npu);
  (void)vnpu_pmu_reset_counters(r->npu);
  (void)vnpu_pmu_enable_counters(r->npu, VNPU_PMCNTEN_CYCLE_COUNTER);
  const vnpu_status status = vnpu_invoke(r->npu, payload->data, payload->bytes, base, base_size,
                                         count, NULL);
  if (status != VNPU_OK) {
    r->npu_status = (int)status;
    return vnpu_runner_fail(r, o, VNPU_RUN_NPU_FAILED, vnpu_status_name(status));
  }
  (void)vnpu_pmu_read_cycle_counter(r->npu, &cycles);
  r->op_cycles[o] = cycles;
  r->op_on_npu[o] = true;
  return VNPU_RUN_OK;
}

vnpu_run_status vnpu_runner_invoke(vnpu_runner* runner) {
  for (uint32_t o = 0; o < runner->model->operator_count; ++o) {
    vnpu_run_status status;
    if (runner->model->operators[o].ethos_u) {
      status = run_ethos_u(runner, o);
    } else {
      const uint64_t start = vnpu_runner_cpu_cycles();
      status = vnpu_cpu_operator(runner, o, true);
      runner->op_cycles[o] = vnpu_runner_cpu_cycles() - start;
      runner->op_on_npu[o] = false;
    }
    if (status != VNPU_RUN_OK) return status;
  }
  return VNPU_RUN_OK;
}
