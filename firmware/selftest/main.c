/* The firmware self-test, run on a Cortex-M55 under qemu-system-arm
 * (scripts/run_firmware_qemu.sh): the driver's payload validation on an
 * embedded COP1 payload (the good payload, every header corruption below,
 * every truncation), then whole invokes (a good run, a fault, a timeout) and a
 * reserve/release through the driver's bare-metal default hooks, against a
 * register file in RAM (QEMU's AN547 has no NPU) that raises the IRQ when
 * CMD.run is written. Prints one line per part and
 * "vnpu selftest: PASS" or "FAIL" over semihosting; the exit status says the
 * same. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../driver/include/vnpu_driver.h"
#include "../board/semihosting.h"

#define CONFIG_U55_256 0x00003008u /* the ethos-u55-256 preset's CONFIG */
#define ID_1_0_6 0x10060000u
#define STREAM_WORDS 3u

/* magic, OPTIMIZER_CONFIG + CONFIG + ID, 3 NOPs, COMMAND_STREAM, the stream
 * at word 8 (a 16-byte boundary): the layout Vela writes. */
__attribute__((aligned(16))) static const uint32_t good_payload[8 + STREAM_WORDS] = {
    VNPU_COP1_MAGIC, VNPU_ACTION_OPTIMIZER_CONFIG,
    CONFIG_U55_256,  ID_1_0_6,
    VNPU_ACTION_NOP, VNPU_ACTION_NOP,
    VNPU_ACTION_NOP, VNPU_ACTION_COMMAND_STREAM | STREAM_WORDS << 16,
    0x00010105u,     0x00000124u,
    0xFFFF0000u};

struct corruption {
  const char* what;
  uint32_t word;
  uint32_t value;
  vnpu_status expected;
};

static const struct corruption corruptions[] = {
    {"fourcc", 0, 0x31504F44u, VNPU_ERROR_PAYLOAD_MAGIC},
    {"version", 0, 0x32504F43u, VNPU_ERROR_PAYLOAD_VERSION},
    {"unknown action", 1, 0x00000006u, VNPU_ERROR_PAYLOAD_ACTION},
    {"MACs/cycle", 2, 0x00003007u, VNPU_ERROR_CONFIG_MISMATCH},
    {"SHRAM size", 2, 0x00001808u, VNPU_ERROR_CONFIG_MISMATCH},
    {"stream version", 2, 0x00003018u, VNPU_ERROR_CONFIG_MISMATCH},
    {"product", 2, 0x10003008u, VNPU_ERROR_CONFIG_MISMATCH},
    {"custom DMA", 2, 0x08003008u, VNPU_ERROR_CONFIG_MISMATCH},
    {"arch major", 3, 0x20060000u, VNPU_ERROR_ARCH_MISMATCH},
    {"arch minor", 3, 0x10160000u, VNPU_ERROR_ARCH_MISMATCH},
    {"stream too long", 7, VNPU_ACTION_COMMAND_STREAM | (STREAM_WORDS + 1) << 16,
     VNPU_ERROR_PAYLOAD_TRUNCATED},
    {"data after the stream", 7, VNPU_ACTION_COMMAND_STREAM | (STREAM_WORDS - 1) << 16,
     VNPU_ERROR_PAYLOAD_ACTION},
    {"empty stream", 7, VNPU_ACTION_COMMAND_STREAM, VNPU_ERROR_PAYLOAD_NO_STREAM},
};

static void write_number(uint32_t value) {
  char digits[11];
  size_t at = sizeof(digits) - 1;
  digits[at] = '\0';
  do {
    digits[--at] = (char)('0' + value % 10u);
    value /= 10u;
  } while (value != 0 && at > 0);
  semihosting_write(&digits[at]);
}

static vnpu_status validate(const void* bytes, size_t size) {
  struct vnpu_payload payload;
  const vnpu_status parsed = vnpu_parse_payload(bytes, size, &payload);
  if (parsed != VNPU_OK) return parsed;
  return vnpu_check_payload_config(&payload, CONFIG_U55_256, ID_1_0_6);
}

/* Returns the number of failed checks, printing each failure. */
static uint32_t test_payload_validation(uint32_t* checks) {
  __attribute__((aligned(16))) static uint32_t copy[8 + STREAM_WORDS];
  uint32_t failures = 0;
  *checks = 0;
  ++*checks;
  if (validate(good_payload, sizeof(good_payload)) != VNPU_OK) {
    semihosting_write("  good payload refused\n");
    ++failures;
  }
  for (size_t i = 0; i < sizeof(corruptions) / sizeof(corruptions[0]); ++i) {
    memcpy(copy, good_payload, sizeof(copy));
    copy[corruptions[i].word] = corruptions[i].value;
    const vnpu_status status = validate(copy, sizeof(copy));
    ++*checks;
    if (status != corruptions[i].expected) {
      semihosting_write("  corruption not refused as expected: ");
      semihosting_write(corruptions[i].what);
      semihosting_write(", got ");
      semihosting_write(vnpu_status_name(status));
      semihosting_write("\n");
      ++failures;
    }
  }
  for (size_t length = 0; length < sizeof(good_payload); ++length) {
    ++*checks;
    if (validate(good_payload, length) == VNPU_OK) {
      semihosting_write("  truncated payload accepted, length ");
      write_number((uint32_t)length);
      semihosting_write("\n");
      ++failures;
    }
  }
  return failures;
}

/* ---- invokes against a register file in RAM ---------------------------- */

struct ram_npu {
  uint32_t registers[0x400 / 4];
  uint32_t run_status; /* STATUS after CMD.run */
  bool raise_irq;      /* whether CMD.run raises the IRQ */
  uint32_t resets;
  struct vnpu_driver* driver;
};

static uint32_t ram_read32(void* context, uint32_t offset) {
  const struct ram_npu* npu = (const struct ram_npu*)context;
  if (offset == VNPU_REG_ID) return ID_1_0_6;
  if (offset == VNPU_REG_CONFIG) return CONFIG_U55_256;
  return npu->registers[offset / 4];
}

static void ram_write32(void* context, uint32_t offset, uint32_t value) {
  struct ram_npu* npu = (struct ram_npu*)context;
  if (offset == VNPU_REG_RESET) {
    ++npu->resets;
    npu->registers[VNPU_REG_STATUS / 4] = 0;
    npu->registers[VNPU_REG_PROT / 4] = value & 3u;
    return;
  }
  npu->registers[offset / 4] = value;
  if (offset == VNPU_REG_CMD && (value & VNPU_CMD_CLEAR_IRQ) != 0) {
    npu->registers[VNPU_REG_STATUS / 4] &= ~VNPU_STATUS_IRQ_RAISED;
  }
  if (offset == VNPU_REG_CMD && (value & VNPU_CMD_RUN) != 0) {
    npu->registers[VNPU_REG_STATUS / 4] = npu->run_status;
    if (npu->raise_irq) vnpu_irq_handler(npu->driver); /* the interrupt, taken at once */
  }
}

static const struct vnpu_hal_ops ram_npu_ops = {ram_read32, ram_write32};

static uint32_t expect(const char* what, vnpu_status got, vnpu_status want) {
  if (got == want) return 0;
  semihosting_write("  ");
  semihosting_write(what);
  semihosting_write(": ");
  semihosting_write(vnpu_status_name(got));
  semihosting_write(" instead of ");
  semihosting_write(vnpu_status_name(want));
  semihosting_write("\n");
  return 1;
}

static uint32_t test_invokes(void) {
  static struct ram_npu npu;
  static struct vnpu_driver driver;
  __attribute__((aligned(16))) static uint8_t arena[256];
  const uint64_t base_addr[2] = {(uint64_t)(uintptr_t)good_payload, (uint64_t)(uintptr_t)arena};
  const size_t base_size[2] = {sizeof(good_payload), sizeof(arena)};
  const struct vnpu_hal hal = {&ram_npu_ops, &npu};
  const uint32_t ok_status = VNPU_STATUS_IRQ_RAISED | VNPU_STATUS_CMD_END_REACHED;
  uint32_t failures = 0;

  npu.driver = &driver;
  npu.run_status = ok_status;
  npu.raise_irq = true;
  failures += expect("init", vnpu_init(&driver, hal, NULL, 0, false, true), VNPU_OK);
  failures += expect(
      "invoke",
      vnpu_invoke(&driver, good_payload, sizeof(good_payload), base_addr, base_size, 2, NULL),
      VNPU_OK);
  const uint32_t resets_before_fault = npu.resets;
  npu.run_status = VNPU_STATUS_IRQ_RAISED | VNPU_STATUS_CMD_PARSE_ERROR;
  failures += expect(
      "invoke with cmd_parse_error",
      vnpu_invoke(&driver, good_payload, sizeof(good_payload), base_addr, base_size, 2, NULL),
      VNPU_ERROR_CMD_PARSE);
  /* The fault's soft reset, and the power request's of the next invoke. */
  npu.run_status = ok_status;
  failures += expect(
      "invoke after the fault",
      vnpu_invoke(&driver, good_payload, sizeof(good_payload), base_addr, base_size, 2, NULL),
      VNPU_OK);
  if (npu.resets < resets_before_fault + 3) {
    semihosting_write("  no soft reset after the fault\n");
    ++failures;
  }

  /* No IRQ: the bare-metal semaphore's polls run out (one timeout unit each). */
  npu.raise_irq = false;
  failures += expect(
      "invoke_async without an IRQ",
      vnpu_invoke_async(&driver, good_payload, sizeof(good_payload), base_addr, base_size, 2, NULL),
      VNPU_OK);
  const uint32_t resets_before_timeout = npu.resets;
  failures += expect("wait for 1000 polls", vnpu_wait(&driver, 1000), VNPU_ERROR_TIMEOUT);
  if (npu.resets != resets_before_timeout + 1) {
    semihosting_write("  no soft reset after the timeout\n");
    ++failures;
  }
  npu.raise_irq = true;
  failures += expect(
      "invoke after the timeout",
      vnpu_invoke(&driver, good_payload, sizeof(good_payload), base_addr, base_size, 2, NULL),
      VNPU_OK);

  /* One NPU in a registry, through the bare-metal mutex and semaphore. */
  static struct vnpu_registry registry;
  struct vnpu_driver* reserved = NULL;
  struct vnpu_driver* second = NULL;
  failures += expect("registry init", vnpu_registry_init(&registry), VNPU_OK);
  failures += expect("registry add", vnpu_registry_add(&registry, &driver), VNPU_OK);
  failures += expect("reserve", vnpu_reserve_driver(&registry, 0, &reserved), VNPU_OK);
  failures += expect("reserve while held", vnpu_reserve_driver(&registry, 100, &second),
                     VNPU_ERROR_TIMEOUT);
  failures += expect("release", vnpu_release_driver(&registry, reserved), VNPU_OK);
  failures += expect("registry deinit", vnpu_registry_deinit(&registry), VNPU_OK);
  if (reserved != &driver) {
    semihosting_write("  reserve gave another driver\n");
    ++failures;
  }
  failures += expect("deinit", vnpu_deinit(&driver), VNPU_OK);
  return failures;
}

int main(void) {
  semihosting_write("vnpu selftest: Cortex-M55, firmware driver ");
  write_number(VNPU_DRIVER_VERSION_MAJOR);
  semihosting_write(".");
  write_number(VNPU_DRIVER_VERSION_MINOR);
  semihosting_write(".");
  write_number(VNPU_DRIVER_VERSION_PATCH);
  semihosting_write("\n");

  uint32_t checks = 0;
  const uint32_t payload_failures = test_payload_validation(&checks);
  semihosting_write("vnpu selftest: payload validation ");
  write_number(checks - payload_failures);
  semihosting_write("/");
  write_number(checks);
  semihosting_write(" checks passed\n");

  const uint32_t invoke_failures = test_invokes();
  semihosting_write("vnpu selftest: invoke, fault + reset, timeout + reset, reserve/release: ");
  semihosting_write(invoke_failures == 0 ? "ok\n" : "FAILED\n");

  const bool pass = payload_failures == 0 && invoke_failures == 0;
  semihosting_write(pass ? "vnpu selftest: PASS\n" : "vnpu selftest: FAIL\n");
  return pass ? 0 : 1;
}
