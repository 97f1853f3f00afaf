/* Weak default hooks for a bare-metal, single-threaded, cacheless system
 * (include/vnpu_driver.h). An application with an OS or a data cache defines
 * the same functions; the linker then takes its versions. */
#include "include/vnpu_driver.h"

#ifndef VNPU_BARE_METAL_SEMAPHORES
#define VNPU_BARE_METAL_SEMAPHORES 9 /* 8 NPUs + a registry */
#endif

#define VNPU_WEAK __attribute__((weak))

struct bare_metal_semaphore {
  uint32_t count; /* given from the IRQ handler: atomic accesses only */
  bool in_use;
};

static struct bare_metal_semaphore semaphores[VNPU_BARE_METAL_SEMAPHORES];
static uint8_t mutex_placeholder;

VNPU_WEAK void* vnpu_mutex_create(void) { return &mutex_placeholder; }
VNPU_WEAK void vnpu_mutex_destroy(void* mutex) { (void)mutex; }
VNPU_WEAK int vnpu_mutex_lock(void* mutex) {
  (void)mutex;
  return 0;
}
VNPU_WEAK int vnpu_mutex_unlock(void* mutex) {
  (void)mutex;
  return 0;
}

VNPU_WEAK void* vnpu_semaphore_create(void) {
  for (int i = 0; i < VNPU_BARE_METAL_SEMAPHORES; ++i) {
    if (!semaphores[i].in_use) {
      semaphores[i].in_use = true;
      semaphores[i].count = 0;
      return &semaphores[i];
    }
  }
  return NULL;
}

VNPU_WEAK void vnpu_semaphore_destroy(void* semaphore) {
  if (semaphore != NULL) ((struct bare_metal_semaphore*)semaphore)->in_use = false;
}

/* Polls; each empty poll spends one unit of `timeout`. */
VNPU_WEAK int vnpu_semaphore_take(void* semaphore, uint64_t timeout) {
  struct bare_metal_semaphore* s = (struct bare_metal_semaphore*)semaphore;
  uint64_t polls = 0;
  for (;;) {
    uint32_t count = __atomic_load_n(&s->count, __ATOMIC_ACQUIRE);
    while (count != 0) {
      if (__atomic_compare_exchange_n(&s->count, &count, count - 1, false, __ATOMIC_ACQ_REL,
                                      __ATOMIC_ACQUIRE)) {
        return 0;
      }
    }
    if (timeout != VNPU_WAIT_FOREVER && polls++ >= timeout) return -1;
  }
}

VNPU_WEAK int vnpu_semaphore_give(void* semaphore) {
  struct bare_metal_semaphore* s = (struct bare_metal_semaphore*)semaphore;
  __atomic_add_fetch(&s->count, 1u, __ATOMIC_ACQ_REL);
  return 0;
}

VNPU_WEAK void vnpu_flush_dcache(const void* address, size_t bytes) {
  (void)address;
  (void)bytes;
}

VNPU_WEAK void vnpu_invalidate_dcache(const void* address, size_t bytes) {
  (void)address;
  (void)bytes;
}

VNPU_WEAK void vnpu_inference_begin(struct vnpu_driver* driver, void* user_arg) {
  (void)driver;
  (void)user_arg;
}

VNPU_WEAK void vnpu_inference_end(struct vnpu_driver* driver, void* user_arg) {
  (void)driver;
  (void)user_arg;
}
