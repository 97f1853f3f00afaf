/* Boot code for the firmware images on qemu-system-arm -machine mps3-an547: the
 * vector table (initial stack pointer, reset, a fault handler that exits with a
 * failure, SysTick), .data/.bss set-up, the FPU enabled, SysTick as the cycle counter, and Arm
 * semihosting for the output and the exit status (`-semihosting-config enable=on`). */
#include <stdint.h>

#include "semihosting.h"

extern uint32_t __data_start, __data_end, __data_load, __bss_start, __bss_end, __stack_top;
int main(void);
void reset_handler(void);

#define SYS_WRITE0 0x04u
#define SYS_EXIT 0x18u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define ADP_STOPPED_RUN_TIME_ERROR 0x20023u

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)
#define SYST_RELOAD 0x00FFFFFFu
#define CPACR (*(volatile uint32_t*)0xE000ED88u)

static volatile uint32_t systick_wraps;

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

uint64_t board_cycles(void) {
  uint32_t wraps, current;
  do { /* a wrap between the two reads shows as a changed count */
    wraps = systick_wraps;
    current = SYST_CVR;
  } while (wraps != systick_wraps);
  return (uint64_t)wraps * (SYST_RELOAD + 1u) + (SYST_RELOAD - current);
}

static void systick_handler(void) { systick_wraps = systick_wraps + 1u; }

static void fault_handler(void) {
  semihosting_write("vnpu firmware: FAIL (CPU fault)\n");
  semihosting_exit(1);
}

void reset_handler(void) {
  CPACR |= 0xFu << 20; /* CP10 and CP11 (the FPU and MVE): full access, before any FP code */
  __asm__ volatile("dsb\n\tisb" ::: "memory");
  uint32_t* source = &__data_load;
  for (uint32_t* word = &__data_start; word < &__data_end; ++word) *word = *source++;
  for (uint32_t* word = &__bss_start; word < &__bss_end; ++word) *word = 0;
  SYST_RVR = SYST_RELOAD;
  SYST_CVR = 0;
  SYST_CSR = 0x7u; /* processor clock, interrupt, enable */
  semihosting_exit(main());
}

typedef void (*vector)(void);

/* Initial SP, reset, NMI, HardFault, MemManage, BusFault, UsageFault, SecureFault,
 * 4 reserved, SVCall, DebugMonitor, reserved, PendSV, SysTick. */
__attribute__((section(".vectors"), used)) static const vector vectors[16] = {
    (vector)(uintptr_t)&__stack_top,
    reset_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    0,
    0,
    0,
    fault_handler,
    fault_handler,
    0,
    fault_handler,
    systick_handler};
