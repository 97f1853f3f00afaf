// The driver's OS hooks for the tests, as an RTOS port would define them:
// std::mutex, and a counting semaphore of std::mutex + std::condition_variable
// whose timeout unit is the millisecond. The cache and inference hooks log
// into the fake NPU chosen with set_hook_log(). These strong definitions
// replace the driver's weak bare-metal defaults in this test binary.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "tests/firmware/driver/fake_device.h"

namespace vnpu::firmware::test {
namespace {

std::atomic<FakeNpu*> hook_log{nullptr};
std::atomic<int> live_objects{0};

struct Semaphore {
  std::mutex mutex;
  std::condition_variable available;
  uint64_t count = 0;
};

void log_hook(Event::Kind kind, const void* address, uint64_t value) {
  if (FakeNpu* npu = hook_log.load()) {
    npu->record({kind, reinterpret_cast<uintptr_t>(address), value});
  }
}

}  // namespace

void set_hook_log(FakeNpu* npu) { hook_log = npu; }
int live_os_objects() { return live_objects.load(); }

}  // namespace vnpu::firmware::test

using vnpu::firmware::test::Event;
using vnpu::firmware::test::live_objects;
using vnpu::firmware::test::log_hook;
using vnpu::firmware::test::Semaphore;

extern "C" {

void* vnpu_mutex_create(void) {
  ++live_objects;
  return new std::mutex;
}
void vnpu_mutex_destroy(void* mutex) {
  --live_objects;
  delete static_cast<std::mutex*>(mutex);
}
int vnpu_mutex_lock(void* mutex) {
  static_cast<std::mutex*>(mutex)->lock();
  return 0;
}
int vnpu_mutex_unlock(void* mutex) {
  static_cast<std::mutex*>(mutex)->unlock();
  return 0;
}

void* vnpu_semaphore_create(void) {
  ++live_objects;
  return new Semaphore;
}
void vnpu_semaphore_destroy(void* semaphore) {
  --live_objects;
  delete static_cast<Semaphore*>(semaphore);
}
int vnpu_semaphore_take(void* semaphore, uint64_t timeout_ms) {
  auto* s = static_cast<Semaphore*>(semaphore);
  std::unique_lock<std::mutex> lock(s->mutex);
  auto ready = [s] { return s->count > 0; };
  if (timeout_ms == VNPU_WAIT_FOREVER) {
    s->available.wait(lock, ready);
  } else if (!s->available.wait_for(lock, std::chrono::milliseconds(timeout_ms), ready)) {
    return -1;
  }
  --s->count;
  return 0;
}
int vnpu_semaphore_give(void* semaphore) {
  auto* s = static_cast<Semaphore*>(semaphore);
  {
    std::lock_guard<std::mutex> lock(s->mutex);
    ++s->count;
  }
  s->available.notify_one();
  return 0;
}

void vnpu_flush_dcache(const void* address, size_t bytes) {
  log_hook(Event::kFlush, address, bytes);
}
void vnpu_invalidate_dcache(const void* address, size_t bytes) {
  log_hook(Event::kInvalidate, address, bytes);
}
void vnpu_inference_begin(vnpu_driver*, void* user_arg) { log_hook(Event::kBegin, user_arg, 0); }
void vnpu_inference_end(vnpu_driver*, void* user_arg) { log_hook(Event::kEnd, user_arg, 0); }

}  // extern "C"
