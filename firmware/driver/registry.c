/* Several NPUs: reserve and release (include/vnpu_driver.h). The list is
 * guarded by the registry's mutex; the semaphore counts the free drivers, so
 * a reserve that finds a count always finds a free driver in the list. */
#include "include/vnpu_driver.h"

vnpu_status vnpu_registry_init(struct vnpu_registry* registry) {
  if (registry == NULL) return VNPU_ERROR_INVALID_ARGUMENT;
  registry->drivers = NULL;
  registry->mutex = vnpu_mutex_create();
  registry->free_drivers = vnpu_semaphore_create();
  if (registry->mutex == NULL || registry->free_drivers == NULL) {
    (void)vnpu_registry_deinit(registry);
    return VNPU_ERROR_OS;
  }
  return VNPU_OK;
}

vnpu_status vnpu_registry_deinit(struct vnpu_registry* registry) {
  if (registry == NULL) return VNPU_ERROR_INVALID_ARGUMENT;
  for (struct vnpu_driver* driver = registry->drivers; driver != NULL; driver = driver->next) {
    if (driver->reserved) return VNPU_ERROR_BUSY;
  }
  for (struct vnpu_driver* driver = registry->drivers; driver != NULL; driver = driver->next) {
    driver->registry = NULL;
  }
  if (registry->mutex != NULL) vnpu_mutex_destroy(registry->mutex);
  if (registry->free_drivers != NULL) vnpu_semaphore_destroy(registry->free_drivers);
  registry->drivers = NULL;
  registry->mutex = NULL;
  registry->free_drivers = NULL;
  return VNPU_OK;
}

vnpu_status vnpu_registry_add(struct vnpu_registry* registry, struct vnpu_driver* driver) {
  if (registry == NULL || registry->mutex == NULL || driver == NULL || !driver->initialized) {
    return VNPU_ERROR_INVALID_ARGUMENT;
  }
  if (vnpu_mutex_lock(registry->mutex) != 0) return VNPU_ERROR_OS;
  for (struct vnpu_driver* other = registry->drivers; other != NULL; other = other->next) {
    if (other == driver) {
      (void)vnpu_mutex_unlock(registry->mutex);
      return VNPU_ERROR_INVALID_ARGUMENT;
    }
  }
  if (driver->registry != NULL) { /* in another registry */
    (void)vnpu_mutex_unlock(registry->mutex);
    return VNPU_ERROR_INVALID_ARGUMENT;
  }
  driver->registry = registry;
  driver->reserved = false;
  driver->next = registry->drivers;
  registry->drivers = driver;
  (void)vnpu_mutex_unlock(registry->mutex);
  return vnpu_semaphore_give(registry->free_drivers) == 0 ? VNPU_OK : VNPU_ERROR_OS;
}

vnpu_status vnpu_reserve_driver(struct vnpu_registry* registry, uint64_t timeout,
                                struct vnpu_driver** driver) {
  if (registry == NULL || registry->mutex == NULL || driver == NULL) {
    return VNPU_ERROR_INVALID_ARGUMENT;
  }
  *driver = NULL;
  if (vnpu_semaphore_take(registry->free_drivers, timeout) != 0) return VNPU_ERROR_TIMEOUT;
  if (vnpu_mutex_lock(registry->mutex) != 0) return VNPU_ERROR_OS;
  for (struct vnpu_driver* candidate = registry->drivers; candidate != NULL;
       candidate = candidate->next) {
    if (!candidate->reserved) {
      candidate->reserved = true;
      *driver = candidate;
      break;
    }
  }
  (void)vnpu_mutex_unlock(registry->mutex);
  return *driver != NULL ? VNPU_OK : VNPU_ERROR_OS; /* a count without a free driver */
}

vnpu_status vnpu_release_driver(struct vnpu_registry* registry, struct vnpu_driver* driver) {
  if (registry == NULL || registry->mutex == NULL || driver == NULL) {
    return VNPU_ERROR_INVALID_ARGUMENT;
  }
  if (vnpu_mutex_lock(registry->mutex) != 0) return VNPU_ERROR_OS;
  bool found = false;
  for (struct vnpu_driver* other = registry->drivers; other != NULL; other = other->next) {
    if (other == driver && other->reserved) found = true;
  }
  if (found) driver->reserved = false;
  (void)vnpu_mutex_unlock(registry->mutex);
  if (!found) return VNPU_ERROR_INVALID_ARGUMENT; /* not ours, or not reserved */
  return vnpu_semaphore_give(registry->free_drivers) == 0 ? VNPU_OK : VNPU_ERROR_OS;
}
