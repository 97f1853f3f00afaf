// The backend registry: backends are found by name, list themselves in order,
// say which run options only they accept, and their factories validate the
// choice before a session exists.
#include "driver/npu/backend_registry.h"

#include <gtest/gtest.h>

namespace vnpu::testing {
namespace {

using driver::npu::BackendChoice;
using driver::npu::BackendRegistry;

BackendRegistry untimed_backends() {
  BackendRegistry registry;
  driver::npu::register_cpu_backend(registry);
  driver::npu::register_functional_backend(registry);
  registry.add({"timed", "a stand-in timed backend", {"--trace", "--vcd"}, {}});
  return registry;
}

TEST(BackendRegistryTest, FindsBackendsByNameAndListsThemInOrder) {
  const BackendRegistry registry = untimed_backends();
  EXPECT_EQ(registry.names(), "cpu, functional, timed");
  ASSERT_NE(registry.find("functional"), nullptr);
  EXPECT_EQ(registry.find("functional")->name, "functional");
  EXPECT_EQ(registry.find("systemc"), nullptr);
  EXPECT_EQ(registry.find(""), nullptr);
}

TEST(BackendRegistryTest, SaysWhichBackendsAcceptAnOption) {
  BackendRegistry registry = untimed_backends();
  EXPECT_EQ(registry.accepting("--trace"), "timed");
  EXPECT_EQ(registry.accepting("--report"), "");
  registry.add({"other", "another", {"--trace"}, {}});
  EXPECT_EQ(registry.accepting("--trace"), "timed or other");
}

TEST(BackendRegistryTest, CpuSessionRefusesNpuOperatorsAndPrintsNoBackendLine) {
  auto session = untimed_backends().find("cpu")->open(BackendChoice{});
  ASSERT_TRUE(session) << session.status().message();
  EXPECT_FALSE((*session)->npu_prepare());
  EXPECT_EQ((*session)->summary(), "");
  EXPECT_EQ((*session)->npu_cycles(), 0u);
}

TEST(BackendRegistryTest, FunctionalFactoryValidatesTheAcceleratorConfig) {
  const BackendRegistry registry = untimed_backends();
  BackendChoice choice;
  choice.accelerator_config = "ethos-u55-128";
  auto session = registry.find("functional")->open(choice);
  ASSERT_TRUE(session) << session.status().message();
  EXPECT_TRUE((*session)->npu_prepare());
  EXPECT_EQ((*session)->summary(), "functional NPU, ethos-u55-128");
  choice.accelerator_config = "ethos-u99";
  auto refused = registry.find("functional")->open(choice);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(refused.status().message().find("ethos-u99"), std::string::npos)
      << refused.status().message();
}

}  // namespace
}  // namespace vnpu::testing
