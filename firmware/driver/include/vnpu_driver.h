/*
 * vnpu firmware driver: runs COP1 payloads (vnpu_payload.h) on one or more
 * NPUs, in the shape of Arm's ethos-u-core-driver (init, reserve, invoke,
 * wait, IRQ handler, weak OS and cache hooks), written for this project.
 * Freestanding C11: no heap, no libc beyond memcpy/memset, callable from C
 * and C++. The register map is vnpu_registers.h, the hardware layer
 * vnpu_hal.h, the PMU vnpu_pmu.h.
 *
 * Lifecycle of one NPU:
 *   vnpu_init(&drv, vnpu_hal_mmio(BASE), fast_mem, fast_size, secure, priv)
 *       reads ID and CONFIG once, soft-resets the NPU, gates its clock/power
 *   vnpu_invoke(&drv, payload, size, base_addr, base_size, n, user_arg)
 *       = vnpu_invoke_async + vnpu_wait(&drv, VNPU_INFERENCE_TIMEOUT)
 *   vnpu_deinit(&drv)
 * Several NPUs: put each in a vnpu_registry; threads take one with
 * vnpu_reserve_driver() and give it back with vnpu_release_driver().
 *
 * What an invoke does, in order (the golden sequence of
 * tests/firmware/driver/invoke_sequence_test.cc):
 *   1. validate, touching no register: the payload (magic, version, actions,
 *      lengths), its CONFIG/ID against the NPU's, at most 8 base pointers,
 *      16-byte alignment of the stream and of every base pointer, region 2
 *      within the fast memory when one is configured
 *   2. vnpu_flush_dcache() on the stream and on each base pointer in the flush
 *      mask (the whole cache when the sizes are unknown)
 *   3. power: the first request soft-resets the NPU (RESET, wait for
 *      STATUS.reset_status to clear, check PROT, program QCONFIG, REGIONCFG,
 *      AXI_LIMIT0..3) and clears CMD.clock_q_enable/power_q_enable
 *   4. vnpu_inference_begin(); QBASE, QBASE_HI, QSIZE, BASEP0..n-1 (lo, hi);
 *      CMD = run, keeping the clock/power bits
 * and the IRQ handler: CMD = clear_irq; STATUS decoded into OK or the named
 * fault; on a fault a soft reset. vnpu_wait(): take the IRQ semaphore
 * (timeout: soft reset, VNPU_ERROR_TIMEOUT), vnpu_invalidate_dcache() on the
 * base pointers in the invalidate mask after a good run, vnpu_inference_end(),
 * release power.
 *
 * Threads: one thread uses a driver at a time (the one that reserved it); the
 * IRQ handler may run concurrently with it. The registry is thread-safe
 * through the mutex and semaphore hooks.
 */
#ifndef VNPU_DRIVER_H
#define VNPU_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vnpu_hal.h"
#include "vnpu_payload.h"
#include "vnpu_registers.h"
#include "vnpu_status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VNPU_DRIVER_VERSION_MAJOR 0
#define VNPU_DRIVER_VERSION_MINOR 1
#define VNPU_DRIVER_VERSION_PATCH 0

/* Timeouts are in the OS hooks' unit (vnpu_semaphore_take). */
#define VNPU_WAIT_FOREVER UINT64_MAX
#ifndef VNPU_INFERENCE_TIMEOUT
#define VNPU_INFERENCE_TIMEOUT VNPU_WAIT_FOREVER /* of vnpu_invoke(); override at build time */
#endif

enum vnpu_job_state { VNPU_JOB_IDLE = 0, VNPU_JOB_RUNNING, VNPU_JOB_DONE, VNPU_JOB_TIMED_OUT };

struct vnpu_registry;

/* Driver-owned; fields are read by the driver only (state and result
 * atomically, because the IRQ handler writes them). */
struct vnpu_job {
  uint32_t state;  /* enum vnpu_job_state */
  uint32_t result; /* vnpu_status of the run, set by the IRQ handler */
  uint64_t base_addr[VNPU_BASE_POINTERS];
  size_t base_size[VNPU_BASE_POINTERS];
  int num_base_addr;
  bool sizes_known;
  void* user_arg;
};

struct vnpu_driver {
  struct vnpu_hal hal;
  struct vnpu_registry* registry; /* the registry holding it, or NULL */
  struct vnpu_driver* next;       /* in its registry */
  struct vnpu_job job;
  void* irq_semaphore;
  uint64_t fast_memory;
  size_t fast_memory_size;
  uint32_t config_register; /* CONFIG, read at init */
  uint32_t id_register;     /* ID, read at init */
  uint32_t power_requests;
  uint32_t fault_status; /* STATUS at the last fault, for diagnostics */
  uint8_t flush_mask;    /* base pointers flushed before a run (bit i = BASEP i) */
  uint8_t invalidate_mask;
  bool secure;
  bool privileged;
  bool reserved;
  bool initialized;
};

struct vnpu_hw_info {
  uint32_t config_register;
  uint32_t id_register;
  uint32_t macs_per_cycle;
  uint32_t shram_kb;
  uint32_t cmd_stream_version;
  uint32_t product; /* 0 = Ethos-U55 */
  uint32_t arch_major, arch_minor, arch_patch;
  bool custom_dma;
};

/* ---- One NPU ---------------------------------------------------------- */

/* Binds `driver` to the NPU behind `hal`. `fast_memory` (16-byte aligned, or
 * NULL) replaces region 2 of every invocation that has one. */
vnpu_status vnpu_init(struct vnpu_driver* driver, struct vnpu_hal hal, const void* fast_memory,
                      size_t fast_memory_size, bool secure, bool privileged);
/* VNPU_ERROR_BUSY while an inference runs or while a registry holds the
 * driver (vnpu_registry_deinit() first). */
vnpu_status vnpu_deinit(struct vnpu_driver* driver);

vnpu_status vnpu_invoke(struct vnpu_driver* driver, const void* payload, size_t payload_size,
                        const uint64_t* base_addr, const size_t* base_size, int num_base_addr,
                        void* user_arg);
/* Validates and starts; on VNPU_OK the caller must vnpu_wait(). `base_size`
 * may be NULL (the caches are then flushed whole). The arrays are copied. */
vnpu_status vnpu_invoke_async(struct vnpu_driver* driver, const void* payload, size_t payload_size,
                              const uint64_t* base_addr, const size_t* base_size, int num_base_addr,
                              void* user_arg);
vnpu_status vnpu_wait(struct vnpu_driver* driver, uint64_t timeout);

/* The NPU's interrupt: call it from the IRQ vector (or the device model). */
void vnpu_irq_handler(struct vnpu_driver* driver);

vnpu_status vnpu_soft_reset(struct vnpu_driver* driver);
/* Reference-counted: the first request soft-resets and ungates clock and
 * power (CMD.clock_q_enable = power_q_enable = 0); the last release gates
 * them again. */
vnpu_status vnpu_request_power(struct vnpu_driver* driver);
vnpu_status vnpu_release_power(struct vnpu_driver* driver);

vnpu_status vnpu_get_hw_info(const struct vnpu_driver* driver, struct vnpu_hw_info* info);
/* Defaults: flush every base pointer, invalidate every base pointer. */
vnpu_status vnpu_set_cache_masks(struct vnpu_driver* driver, uint8_t flush_mask,
                                 uint8_t invalidate_mask);

/* ---- Several NPUs ------------------------------------------------------- */

/* An explicit object rather than Arm's hidden global list, so that two
 * systems (two tests) can live side by side. */
struct vnpu_registry {
  struct vnpu_driver* drivers;
  void* mutex;
  void* free_drivers; /* counting semaphore: one count per free driver */
};

vnpu_status vnpu_registry_init(struct vnpu_registry* registry);
/* Lets go of every driver (VNPU_ERROR_BUSY while one is reserved); call it
 * when no thread uses the registry any more. */
vnpu_status vnpu_registry_deinit(struct vnpu_registry* registry);
vnpu_status vnpu_registry_add(struct vnpu_registry* registry, struct vnpu_driver* driver);
/* Waits up to `timeout` for a free driver (VNPU_ERROR_TIMEOUT otherwise). */
vnpu_status vnpu_reserve_driver(struct vnpu_registry* registry, uint64_t timeout,
                                struct vnpu_driver** driver);
vnpu_status vnpu_release_driver(struct vnpu_registry* registry, struct vnpu_driver* driver);

/* ---- Hooks: weak defaults in hooks.c, replace them for your OS --------- */

/* Bare-metal defaults: the mutex is a no-op (one thread); semaphores come
 * from a static pool of VNPU_BARE_METAL_SEMAPHORES counters and take() polls,
 * counting one timeout unit per poll. Return 0 on success, -1 on failure or
 * timeout. */
void* vnpu_mutex_create(void);
void vnpu_mutex_destroy(void* mutex);
int vnpu_mutex_lock(void* mutex);
int vnpu_mutex_unlock(void* mutex);
void* vnpu_semaphore_create(void); /* count 0 */
void vnpu_semaphore_destroy(void* semaphore);
int vnpu_semaphore_take(void* semaphore, uint64_t timeout);
int vnpu_semaphore_give(void* semaphore);

/* Cache maintenance around a run (defaults: no-ops, for cacheless cores).
 * `address` NULL means the whole cache. */
void vnpu_flush_dcache(const void* address, size_t bytes);
void vnpu_invalidate_dcache(const void* address, size_t bytes);

void vnpu_inference_begin(struct vnpu_driver* driver, void* user_arg);
void vnpu_inference_end(struct vnpu_driver* driver, void* user_arg);

#ifdef __cplusplus
}
#endif

#endif /* VNPU_DRIVER_H */
