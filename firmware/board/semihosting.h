/* The board layer of the firmware images for qemu-system-arm -machine mps3-an547
 * (startup.c): Arm semihosting for output and the exit status, and a cycle
 * counter. */
#ifndef VNPU_BOARD_SEMIHOSTING_H
#define VNPU_BOARD_SEMIHOSTING_H

#include <stdint.h>

void semihosting_write(const char* text);
void semihosting_exit(int status) __attribute__((noreturn));

/* SysTick ticks since reset, 64-bit (the 24-bit counter's wraps counted by its
 * interrupt). SysTick runs on the processor clock; under QEMU with
 * `-icount shift=5` (32 ns per instruction, the AN547's 32 MHz clock) one tick
 * is one instruction, as QEMU counts them. */
uint64_t board_cycles(void);

#endif /* VNPU_BOARD_SEMIHOSTING_H */
