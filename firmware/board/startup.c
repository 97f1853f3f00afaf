/* Boot code for the self-test on qemu-system-arm -machine mps3-an547: the
 * vector table (initial stack pointer, reset, and a fault handler that exits
 * with a failure), .data/.bss set-up, and Arm semihosting for the output and
 * the exit status (`-semihosting-config enable=on`). */
#include <stdint.h>

#include "semihosting.h"

extern uint32_t __data_start, __data_end, __data_load, __bss_start, __bss_end, __stack_top;
int main(void);
void reset_handler(void);

#define SYS_WRITE0 0x04u
#define SYS_EXIT 0x18u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define ADP_STOPPED_RUN_TIME_ERROR 0x20023u

static uint32_t semihosting_call(uint32_t operation, const void* argument) {
  register uint32_t r0 __asm__("r0") = operation;
  register const void* r1 __asm__("r1") = argument;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void semihosting_write(const char* text) { (void)semihosting_call(SYS_WRITE0, text); }

void semihosting_exit(int status) {
  /* 32-bit SYS_EXIT takes the reason itself: application exit = status 0. */
  const uintptr_t reason = status == 0 ? ADP_STOPPED_APPLICATION_EXIT : ADP_STOPPED_RUN_TIME_ERROR;
  (void)semihosting_call(SYS_EXIT, (const void*)reason);
  for (;;) {
  }
}

static void fault_handler(void) {
  semihosting_write("vnpu selftest: FAIL (CPU fault)\n");
  semihosting_exit(1);
}

void reset_handler(void) {
  uint32_t* source = &__data_load;
  for (uint32_t* word = &__data_start; word < &__data_end; ++word) *word = *source++;
  for (uint32_t* word = &__bss_start; word < &__bss_end; ++word) *word = 0;
  semihosting_exit(main());
}

typedef void (*vector)(void);

/* Initial SP, reset, NMI, HardFault, MemManage, BusFault, UsageFault, SecureFault. */
__attribute__((section(".vectors"), used)) static const vector vectors[8] = {
    (vector)(uintptr_t)&__stack_top,
    reset_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler};
