// Several NPUs shared by several threads through the registry: reserve gives
// each thread a driver no other thread holds, and release hands it on.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "tests/firmware/driver/test_support.h"

namespace vnpu::firmware::test {
namespace {

struct Npu {
  Npu() : fake(preset(isa::kDefaultAcceleratorConfig).config_register(), isa::kIdRegister) {
    fake.attach(&driver);
  }
  FakeNpu fake;
  vnpu_driver driver{};
  std::atomic<bool> held{false};
  std::atomic<int> invokes{0};
};

TEST(FirmwareRegistry, TwoNpusFourThreadsNoDriverHeldTwice) {
  constexpr int kThreads = 4;
  constexpr int kInvokesPerThread = 300;
  set_hook_log(nullptr);
  Npu npus[2];
  vnpu_registry registry{};
  ASSERT_EQ(vnpu_registry_init(&registry), VNPU_OK);
  for (Npu& npu : npus) {
    ASSERT_EQ(vnpu_init(&npu.driver, npu.fake.hal(), nullptr, 0, false, true), VNPU_OK);
    ASSERT_EQ(vnpu_registry_add(&registry, &npu.driver), VNPU_OK);
  }
  EXPECT_EQ(vnpu_registry_add(&registry, &npus[0].driver), VNPU_ERROR_INVALID_ARGUMENT);

  std::atomic<int> failures{0};
  std::atomic<int> double_holds{0};
  auto worker = [&] {
    AlignedBytes payload(test_payload());
    Regions regions;
    for (int i = 0; i < kInvokesPerThread; ++i) {
      vnpu_driver* driver = nullptr;
      if (vnpu_reserve_driver(&registry, VNPU_WAIT_FOREVER, &driver) != VNPU_OK) {
        ++failures;
        continue;
      }
      Npu& npu = driver == &npus[0].driver ? npus[0] : npus[1];
      if (npu.held.exchange(true)) ++double_holds;
      if (vnpu_invoke(driver, payload.data(), payload.size(), regions.addresses, regions.sizes, 3,
                      nullptr) != VNPU_OK) {
        ++failures;
      }
      ++npu.invokes;
      // Hold it a little, as a real inference would, so the threads overlap.
      std::this_thread::sleep_for(std::chrono::microseconds(20));
      npu.held = false;
      if (vnpu_release_driver(&registry, driver) != VNPU_OK) ++failures;
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(double_holds.load(), 0);
  EXPECT_EQ(npus[0].invokes + npus[1].invokes, kThreads * kInvokesPerThread);
  EXPECT_EQ(npus[0].fake.runs() + npus[1].fake.runs(), kThreads * kInvokesPerThread);
  for (Npu& npu : npus) {
    EXPECT_FALSE(npu.fake.concurrent_access.load());
    EXPECT_GT(npu.invokes.load(), 0);  // with 4 threads on 2 NPUs both are busy
  }
  ASSERT_EQ(vnpu_registry_deinit(&registry), VNPU_OK);
  for (Npu& npu : npus) ASSERT_EQ(vnpu_deinit(&npu.driver), VNPU_OK);
  EXPECT_EQ(live_os_objects(), 0);
}

TEST(FirmwareRegistry, ReserveTimesOutWhenEveryDriverIsHeld) {
  Npu npu;
  vnpu_registry registry{};
  ASSERT_EQ(vnpu_registry_init(&registry), VNPU_OK);
  ASSERT_EQ(vnpu_init(&npu.driver, npu.fake.hal(), nullptr, 0, false, true), VNPU_OK);
  ASSERT_EQ(vnpu_registry_add(&registry, &npu.driver), VNPU_OK);
  vnpu_driver* first = nullptr;
  vnpu_driver* second = nullptr;
  ASSERT_EQ(vnpu_reserve_driver(&registry, 0, &first), VNPU_OK);
  EXPECT_EQ(first, &npu.driver);
  EXPECT_EQ(vnpu_reserve_driver(&registry, 10, &second), VNPU_ERROR_TIMEOUT);
  EXPECT_EQ(second, nullptr);
  EXPECT_EQ(vnpu_registry_deinit(&registry), VNPU_ERROR_BUSY);
  EXPECT_EQ(vnpu_deinit(&npu.driver), VNPU_ERROR_BUSY);  // still in the registry
  vnpu_registry other{};
  ASSERT_EQ(vnpu_registry_init(&other), VNPU_OK);
  EXPECT_EQ(vnpu_registry_add(&other, &npu.driver), VNPU_ERROR_INVALID_ARGUMENT);  // in two
  ASSERT_EQ(vnpu_registry_deinit(&other), VNPU_OK);
  ASSERT_EQ(vnpu_release_driver(&registry, first), VNPU_OK);
  EXPECT_EQ(vnpu_release_driver(&registry, first), VNPU_ERROR_INVALID_ARGUMENT);  // twice
  ASSERT_EQ(vnpu_reserve_driver(&registry, 0, &second), VNPU_OK);
  EXPECT_EQ(second, &npu.driver);
  ASSERT_EQ(vnpu_release_driver(&registry, second), VNPU_OK);
  ASSERT_EQ(vnpu_registry_deinit(&registry), VNPU_OK);
  ASSERT_EQ(vnpu_deinit(&npu.driver), VNPU_OK);
}

}  // namespace
}  // namespace vnpu::firmware::test
