/* One NPU: init, invoke, wait, the IRQ handler, power (include/vnpu_driver.h). */
#include <string.h>

#include "device.h"
#include "include/vnpu_driver.h"

#define ALIGNMENT_MASK 0xFu  /* the NPU needs 16-byte aligned streams and regions */
#define FAST_MEMORY_REGION 2 /* Vela's scratch-fast region */

/* The job state is shared with the IRQ handler: GCC/Clang atomic builtins on a
 * plain field, so the public struct stays valid C++ as well. */
static uint32_t load_state(const struct vnpu_driver* driver) {
  return __atomic_load_n(&driver->job.state, __ATOMIC_ACQUIRE);
}

static void store_state(struct vnpu_driver* driver, uint32_t state) {
  __atomic_store_n(&driver->job.state, state, __ATOMIC_RELEASE);
}

static bool swap_state(struct vnpu_driver* driver, uint32_t expected, uint32_t desired) {
  return __atomic_compare_exchange_n(&driver->job.state, &expected, desired, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

vnpu_status vnpu_init(struct vnpu_driver* driver, struct vnpu_hal hal, const void* fast_memory,
                      size_t fast_memory_size, bool secure, bool privileged) {
  if (driver == NULL || hal.ops == NULL || hal.ops->read32 == NULL || hal.ops->write32 == NULL) {
    return VNPU_ERROR_INVALID_ARGUMENT;
  }
  if (((uintptr_t)fast_memory & ALIGNMENT_MASK) != 0) return VNPU_ERROR_ALIGNMENT;
  if ((fast_memory == NULL) != (fast_memory_size == 0)) return VNPU_ERROR_INVALID_ARGUMENT;
  memset(driver, 0, sizeof(*driver));
  driver->hal = hal;
  driver->fast_memory = (uint64_t)(uintptr_t)fast_memory;
  driver->fast_memory_size = fast_memory_size;
  driver->secure = secure;
  driver->privileged = privileged;
  driver->flush_mask = 0xFF;
  driver->invalidate_mask = 0xFF;
  driver->irq_semaphore = vnpu_semaphore_create();
  if (driver->irq_semaphore == NULL) return VNPU_ERROR_OS;
  driver->id_register = vnpu_device_read(driver, VNPU_REG_ID);
  driver->config_register = vnpu_device_read(driver, VNPU_REG_CONFIG);
  const vnpu_status reset = vnpu_device_soft_reset(driver);
  if (reset != VNPU_OK) {
    vnpu_semaphore_destroy(driver->irq_semaphore);
    driver->irq_semaphore = NULL;
    return reset;
  }
  vnpu_device_set_power_gating(driver, true);
  driver->initialized = true;
  return VNPU_OK;
}

vnpu_status vnpu_deinit(struct vnpu_driver* driver) {
  if (driver == NULL || !driver->initialized) return VNPU_ERROR_INVALID_ARGUMENT;
  if (load_state(driver) != VNPU_JOB_IDLE || driver->registry != NULL) return VNPU_ERROR_BUSY;
  vnpu_semaphore_destroy(driver->irq_semaphore);
  driver->irq_semaphore = NULL;
  driver->initialized = false;
  return VNPU_OK;
}

vnpu_status vnpu_soft_reset(struct vnpu_driver* driver) {
  if (driver == NULL || !driver->initialized) return VNPU_ERROR_INVALID_ARGUMENT;
  const vnpu_status reset = vnpu_device_soft_reset(driver);
  /* A reset gates clock and power again unless someone holds a request. */
  vnpu_device_set_power_gating(driver, driver->power_requests == 0);
  return reset;
}

vnpu_status vnpu_request_power(struct vnpu_driver* driver) {
  if (driver == NULL || !driver->initialized) return VNPU_ERROR_INVALID_ARGUMENT;
  if (driver->power_requests++ == 0) {
    const vnpu_status reset = vnpu_soft_reset(driver);
    if (reset != VNPU_OK) {
      driver->power_requests--;
      return reset;
    }
  }
  return VNPU_OK;
}

vnpu_status vnpu_release_power(struct vnpu_driver* driver) {
  if (driver == NULL || !driver->initialized || driver->power_requests == 0) {
    return VNPU_ERROR_INVALID_ARGUMENT;
  }
  if (--driver->power_requests == 0) vnpu_device_set_power_gating(driver, true);
  return VNPU_OK;
}

vnpu_status vnpu_get_hw_info(const struct vnpu_driver* driver, struct vnpu_hw_info* info) {
  if (driver == NULL || info == NULL || !driver->initialized) return VNPU_ERROR_INVALID_ARGUMENT;
  const uint32_t config = driver->config_register;
  const uint32_t id = driver->id_register;
  info->config_register = config;
  info->id_register = id;
  info->macs_per_cycle = 1u << VNPU_CONFIG_MACS_PER_CC(config);
  info->shram_kb = VNPU_CONFIG_SHRAM_KB(config);
  info->cmd_stream_version = VNPU_CONFIG_CMD_STREAM_VERSION(config);
  info->product = VNPU_CONFIG_PRODUCT(config);
  info->custom_dma = VNPU_CONFIG_CUSTOM_DMA(config) != 0;
  info->arch_major = VNPU_ID_ARCH_MAJOR(id);
  info->arch_minor = VNPU_ID_ARCH_MINOR(id);
  info->arch_patch = VNPU_ID_ARCH_PATCH(id);
  return VNPU_OK;
}

vnpu_status vnpu_set_cache_masks(struct vnpu_driver* driver, uint8_t flush_mask,
                                 uint8_t invalidate_mask) {
  if (driver == NULL) return VNPU_ERROR_INVALID_ARGUMENT;
  driver->flush_mask = flush_mask;
  driver->invalidate_mask = invalidate_mask;
  return VNPU_OK;
}

/* Everything an invocation must satisfy, checked before any register write. */
static vnpu_status validate_invocation(const struct vnpu_driver* driver,
                                       const struct vnpu_payload* payload,
                                       const uint64_t* base_addr, const size_t* base_size,
                                       int num_base_addr) {
  const vnpu_status config =
      vnpu_check_payload_config(payload, driver->config_register, driver->id_register);
  if (config != VNPU_OK) return config;
  if (num_base_addr < 0 || (num_base_addr > 0 && base_addr == NULL)) {
    return VNPU_ERROR_INVALID_ARGUMENT;
  }
  if (num_base_addr > VNPU_BASE_POINTERS) return VNPU_ERROR_BASE_POINTER_COUNT;
  if (((uintptr_t)payload->command_stream & ALIGNMENT_MASK) != 0) return VNPU_ERROR_ALIGNMENT;
  for (int i = 0; i < num_base_addr; ++i) {
    if ((base_addr[i] & ALIGNMENT_MASK) != 0) return VNPU_ERROR_ALIGNMENT;
  }
  if (driver->fast_memory_size != 0 && num_base_addr > FAST_MEMORY_REGION && base_size != NULL &&
      base_size[FAST_MEMORY_REGION] > driver->fast_memory_size) {
    return VNPU_ERROR_FAST_MEMORY;
  }
  return VNPU_OK;
}

static void record_job(struct vnpu_driver* driver, const uint64_t* base_addr,
                       const size_t* base_size, int num_base_addr, void* user_arg) {
  struct vnpu_job* job = &driver->job;
  job->num_base_addr = num_base_addr;
  job->sizes_known = base_size != NULL;
  job->user_arg = user_arg;
  job->result = VNPU_OK;
  for (int i = 0; i < num_base_addr; ++i) {
    job->base_addr[i] = base_addr[i];
    job->base_size[i] = base_size != NULL ? base_size[i] : 0;
  }
  if (driver->fast_memory_size != 0 && num_base_addr > FAST_MEMORY_REGION) {
    job->base_addr[FAST_MEMORY_REGION] = driver->fast_memory;
    job->base_size[FAST_MEMORY_REGION] = driver->fast_memory_size;
  }
}

static void flush_caches(const struct vnpu_driver* driver, const struct vnpu_payload* payload) {
  const struct vnpu_job* job = &driver->job;
  if (!job->sizes_known) {
    vnpu_flush_dcache(NULL, 0);
    return;
  }
  vnpu_flush_dcache(payload->command_stream, 4u * (size_t)payload->command_stream_words);
  for (int i = 0; i < job->num_base_addr; ++i) {
    if ((driver->flush_mask >> i & 1u) != 0) {
      vnpu_flush_dcache((const void*)(uintptr_t)job->base_addr[i], job->base_size[i]);
    }
  }
}

static void invalidate_caches(const struct vnpu_driver* driver) {
  const struct vnpu_job* job = &driver->job;
  if (!job->sizes_known) {
    vnpu_invalidate_dcache(NULL, 0);
    return;
  }
  for (int i = 0; i < job->num_base_addr; ++i) {
    if ((driver->invalidate_mask >> i & 1u) != 0) {
      vnpu_invalidate_dcache((const void*)(uintptr_t)job->base_addr[i], job->base_size[i]);
    }
  }
}

vnpu_status vnpu_invoke_async(struct vnpu_driver* driver, const void* payload_data,
                              size_t payload_size, const uint64_t* base_addr,
                              const size_t* base_size, int num_base_addr, void* user_arg) {
  if (driver == NULL || !driver->initialized) return VNPU_ERROR_INVALID_ARGUMENT;
  if (load_state(driver) != VNPU_JOB_IDLE) return VNPU_ERROR_BUSY;
  struct vnpu_payload payload;
  const vnpu_status parsed = vnpu_parse_payload(payload_data, payload_size, &payload);
  if (parsed != VNPU_OK) return parsed;
  const vnpu_status valid =
      validate_invocation(driver, &payload, base_addr, base_size, num_base_addr);
  if (valid != VNPU_OK) return valid;
  if (payload.command_stream_words > UINT32_MAX / 4) return VNPU_ERROR_PAYLOAD_TRUNCATED;

  record_job(driver, base_addr, base_size, num_base_addr, user_arg);
  flush_caches(driver, &payload);
  const vnpu_status power = vnpu_request_power(driver);
  if (power != VNPU_OK) return power;
  store_state(driver, VNPU_JOB_RUNNING);
  vnpu_inference_begin(driver, user_arg);
  vnpu_device_run(driver, payload.command_stream, 4u * payload.command_stream_words);
  return VNPU_OK;
}

void vnpu_irq_handler(struct vnpu_driver* driver) {
  if (driver == NULL || !driver->initialized) return;
  if (load_state(driver) != VNPU_JOB_RUNNING) {
    /* Spurious, or after a timeout the waiter already reset: only clear it. */
    uint32_t ignored;
    (void)vnpu_device_acknowledge_irq(driver, &ignored);
    return;
  }
  uint32_t status = 0;
  const vnpu_status result = vnpu_device_acknowledge_irq(driver, &status);
  if (result != VNPU_OK) {
    driver->fault_status = status;
    (void)vnpu_device_soft_reset(driver);
    vnpu_device_set_power_gating(driver, driver->power_requests == 0);
  }
  __atomic_store_n(&driver->job.result, (uint32_t)result, __ATOMIC_RELEASE);
  if (swap_state(driver, VNPU_JOB_RUNNING, VNPU_JOB_DONE)) {
    (void)vnpu_semaphore_give(driver->irq_semaphore);
  }
}

vnpu_status vnpu_wait(struct vnpu_driver* driver, uint64_t timeout) {
  if (driver == NULL || !driver->initialized) return VNPU_ERROR_INVALID_ARGUMENT;
  if (load_state(driver) == VNPU_JOB_IDLE) return VNPU_ERROR_NOT_STARTED;
  vnpu_status result;
  const bool irq = vnpu_semaphore_take(driver->irq_semaphore, timeout) == 0;
  if (!irq && swap_state(driver, VNPU_JOB_RUNNING, VNPU_JOB_TIMED_OUT)) {
    /* No IRQ: stop the NPU so that the next invoke starts from a known state.
     * An IRQ that still arrives finds the job timed out and is only cleared. */
    driver->fault_status = vnpu_device_read(driver, VNPU_REG_STATUS);
    (void)vnpu_device_soft_reset(driver);
    result = VNPU_ERROR_TIMEOUT;
  } else {
    /* The IRQ handler finished the job; when it did so just after the
     * timeout, its semaphore give is still to be taken. */
    if (!irq) (void)vnpu_semaphore_take(driver->irq_semaphore, VNPU_WAIT_FOREVER);
    result = (vnpu_status)__atomic_load_n(&driver->job.result, __ATOMIC_ACQUIRE);
    if (result == VNPU_OK) invalidate_caches(driver);
  }
  vnpu_inference_end(driver, driver->job.user_arg);
  (void)vnpu_release_power(driver);
  store_state(driver, VNPU_JOB_IDLE);
  return result;
}

vnpu_status vnpu_invoke(struct vnpu_driver* driver, const void* payload, size_t payload_size,
                        const uint64_t* base_addr, const size_t* base_size, int num_base_addr,
                        void* user_arg) {
  const vnpu_status started = vnpu_invoke_async(driver, payload, payload_size, base_addr, base_size,
                                                num_base_addr, user_arg);
  if (started != VNPU_OK) return started;
  return vnpu_wait(driver, VNPU_INFERENCE_TIMEOUT);
}
