/* The inference image for qemu-system-arm -machine mps3-an547
 * (scripts/run_firmware_qemu.sh MODEL.tflite INPUT.npy OUTDIR): runs the model
 * linked in at vnpu_model_data with the input linked in at vnpu_input_data on the
 * firmware runner, CPU fallback only (QEMU's AN547 has no NPU), and prints over
 * semihosting one line per operator (its board_cycles() ticks), the output as
 * "output 0 type T shape D,D,.. hex ..." and "vnpu inference: PASS" (exit 0),
 * or the runner's error and "vnpu inference: FAIL" (exit 1). */
#include <stdint.h>
#include <string.h>

#include "../board/semihosting.h"
#include "../runner/include/vnpu_runner.h"

#ifndef VNPU_ARENA_SIZE
#define VNPU_ARENA_SIZE (2u * 1024u * 1024u)
#endif

extern const uint8_t vnpu_model_data[], vnpu_model_end[];
extern const uint8_t vnpu_input_data[], vnpu_input_end[];

static vnpu_model model;
static vnpu_runner runner;
__attribute__((section(".arena"), aligned(16))) static uint8_t arena[VNPU_ARENA_SIZE];

uint64_t vnpu_runner_cpu_cycles(void) { return board_cycles(); }

static void write_line(const char* a, int64_t number, const char* b) {
  char line[VNPU_MODEL_ERROR_SIZE + 64];
  uint32_t length = 0;
  line[0] = '\0';
  vnpu_error_append(line, &length, a);
  if (number >= 0) vnpu_error_append_int(line, &length, number);
  vnpu_error_append(line, &length, b);
  semihosting_write(line);
}

static int fail(const char* what, const char* detail) {
  write_line(what, -1, detail);
  semihosting_write("\nvnpu inference: FAIL\n");
  return 1;
}

/* "output 0 type 9 shape 1,12 hex 80ff..." in lines of at most 64 bytes. */
static void write_output(uint32_t index, const vnpu_tensor* tensor, const uint8_t* data) {
  static const char kHex[] = "0123456789abcdef";
  write_line("output ", index, " type ");
  write_line("", tensor->type, " shape ");
  for (uint32_t d = 0; d < tensor->rank; ++d) write_line(d == 0 ? "" : ",", tensor->dims[d], "");
  semihosting_write("\n");
  for (uint32_t at = 0; at < tensor->bytes; at += 64u) {
    char line[2 * 64 + 16] = "hex ";
    uint32_t length = 4;
    for (uint32_t i = at; i < tensor->bytes && i < at + 64u; ++i) {
      line[length++] = kHex[data[i] >> 4];
      line[length++] = kHex[data[i] & 15u];
    }
    line[length++] = '\n';
    line[length] = '\0';
    semihosting_write(line);
  }
}

int main(void) {
  const uint32_t model_size = (uint32_t)(vnpu_model_end - vnpu_model_data);
  const uint32_t input_size = (uint32_t)(vnpu_input_end - vnpu_input_data);
  const vnpu_run_status status =
      vnpu_runner_init(&runner, &model, vnpu_model_data, model_size, arena, sizeof arena, NULL);
  if (status != VNPU_RUN_OK) return fail(vnpu_run_status_name(status), runner.error);
  write_line("model ", model_size, " bytes, ");
  write_line("", model.operator_count, " operators, arena ");
  write_line("", runner.arena_used, " bytes\n");
  uint8_t* input = NULL;
  const vnpu_tensor* input_tensor = vnpu_runner_input(&runner, 0, &input);
  if (input_tensor == NULL || input_tensor->bytes != input_size) {
    return fail("input: ", "its size differs from the model's input 0");
  }
  memcpy(input, vnpu_input_data, input_size);
  if (vnpu_runner_invoke(&runner) != VNPU_RUN_OK) return fail("invoke: ", runner.error);
  uint64_t total = 0;
  for (uint32_t o = 0; o < model.operator_count; ++o) {
    write_line("operator ", o, " ");
    write_line(vnpu_runner_op_name(&model.operators[o]), -1, runner.op_on_npu[o] ? " npu " : " cpu ");
    write_line("", (int64_t)runner.op_cycles[o], " cycles\n");
    total += runner.op_cycles[o];
  }
  write_line("total ", (int64_t)total, " cycles\n");
  for (uint32_t i = 0; i < model.output_count; ++i) {
    uint8_t* data = NULL;
    const vnpu_tensor* tensor = vnpu_runner_output(&runner, i, &data);
    write_output(i, tensor, data);
  }
  semihosting_write("vnpu inference: PASS\n");
  return 0;
}
