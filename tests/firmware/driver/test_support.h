// Shared pieces of the firmware driver tests: 16-byte aligned payload
// buffers, payloads built by the project's C++ builder (isa/cop1_payload.h),
// and a driver bound to a fake NPU.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include "firmware/driver/include/vnpu_driver.h"
#include "isa/accelerator_config.h"
#include "isa/cop1_payload.h"
#include "tests/firmware/driver/fake_device.h"

namespace vnpu::firmware::test {

// Bytes at a 16-byte aligned address plus `offset` (to misalign on purpose).
class AlignedBytes {
 public:
  explicit AlignedBytes(const std::vector<uint8_t>& bytes, size_t offset = 0)
      : storage_(static_cast<uint8_t*>(
            ::operator new(bytes.size() + offset + 16, std::align_val_t(16)))),
        offset_(offset),
        size_(bytes.size()) {
    if (!bytes.empty()) std::memcpy(data(), bytes.data(), bytes.size());
  }
  AlignedBytes(const AlignedBytes&) = delete;
  AlignedBytes& operator=(const AlignedBytes&) = delete;

  uint8_t* data() { return storage_.get() + offset_; }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(uint8_t* p) const { ::operator delete(p, std::align_val_t(16)); }
  };
  std::unique_ptr<uint8_t, Free> storage_;
  size_t offset_;
  size_t size_;
};

// A few words of command stream: the driver never looks inside it.
inline std::vector<uint32_t> test_stream() { return {0x00010105u, 0x00000124u, 0xFFFF0000u}; }

inline const isa::AcceleratorConfig& preset(const char* name) {
  static std::vector<isa::AcceleratorConfig> presets = isa::accelerator_configs();
  for (const auto& config : presets) {
    if (std::string(config.name) == name) return config;
  }
  throw std::runtime_error(std::string("no preset ") + name);
}

inline std::vector<uint8_t> test_payload(const char* preset_name = isa::kDefaultAcceleratorConfig) {
  return isa::build_cop1_payload(preset(preset_name), test_stream());
}

// A driver initialised on a fake ethos-u55-256, the hooks logging into it.
struct DriverOnFake {
  explicit DriverOnFake(const char* preset_name = isa::kDefaultAcceleratorConfig,
                        const void* fast_memory = nullptr, size_t fast_memory_size = 0)
      : npu(preset(preset_name).config_register(), isa::kIdRegister) {
    npu.attach(&driver);
    set_hook_log(&npu);
    init_status = vnpu_init(&driver, npu.hal(), fast_memory, fast_memory_size, false, true);
  }
  ~DriverOnFake() {
    set_hook_log(nullptr);
    if (driver.initialized) vnpu_deinit(&driver);
  }
  DriverOnFake(const DriverOnFake&) = delete;
  DriverOnFake& operator=(const DriverOnFake&) = delete;

  FakeNpu npu;
  vnpu_driver driver{};
  vnpu_status init_status = VNPU_ERROR_OS;
};

// Three 16-byte aligned regions for an invocation.
struct Regions {
  alignas(16) uint8_t constants[64] = {};
  alignas(16) uint8_t arena[128] = {};
  alignas(16) uint8_t fast[32] = {};
  uint64_t addresses[3] = {reinterpret_cast<uintptr_t>(constants),
                           reinterpret_cast<uintptr_t>(arena), reinterpret_cast<uintptr_t>(fast)};
  size_t sizes[3] = {sizeof(constants), sizeof(arena), sizeof(fast)};
};

inline const char* name(vnpu_status status) { return vnpu_status_name(status); }

}  // namespace vnpu::firmware::test
