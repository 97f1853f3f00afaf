/* Arm semihosting, the self-test's only output (startup.c). */
#ifndef VNPU_SELFTEST_SEMIHOSTING_H
#define VNPU_SELFTEST_SEMIHOSTING_H

void semihosting_write(const char* text);
void semihosting_exit(int status) __attribute__((noreturn));

#endif /* VNPU_SELFTEST_SEMIHOSTING_H */
