// R1 of docs/timing_model.md on the AXI port model alone: transactions,
// latency, the outstanding limit, the shared data path, burst efficiency and
// the PMU counts, each against a hand-computed cycle.
#include <gtest/gtest.h>

#include "sim/systemc/axi_port.h"

namespace vnpu::sim::systemc {
namespace {

AxiPortParams sram(int32_t max_reads = 0) {
  AxiPortParams p;
  p.bytes_per_cycle = 8.0;
  p.burst_bytes = 32;
  p.read_latency_cycles = 32;
  p.write_latency_cycles = 32;
  p.max_reads = max_reads;
  p.max_writes = 0;
  return p;  // transactions of 128 B
}

TEST(AxiPortTest, IdlePortWithoutLimitTakesLatencyPlusBytesOverBandwidth) {
  AxiPort port(sram());
  port.reset(100);
  // 1024 B = 8 transactions of 128 B, 16 cycles each: 100 + 32 + 8 * 16.
  EXPECT_EQ(port.transfer(100, {AxiDirection::kRead, 1024, 0, 1.0}), 260u);
  EXPECT_EQ(port.counters().read_transactions, 8u);
  EXPECT_EQ(port.counters().read_beats, 128u);
  EXPECT_EQ(port.counters().read_bytes, 1024u);
  EXPECT_EQ(port.counters().busy_cycles, 128u);
}

TEST(AxiPortTest, OneOutstandingTransactionExposesTheLatencyEachTime) {
  AxiPort port(sram(1));
  port.reset(0);
  // K = 1: each transaction waits for the previous one: 8 * (32 + 16).
  EXPECT_EQ(port.transfer(0, {AxiDirection::kRead, 1024, 0, 1.0}), 384u);
  // The limit held 7 issues by 48 cycles each.
  EXPECT_EQ(port.counters().read_stall_limit_cycles, 7u * 48u);
}

TEST(AxiPortTest, TwoOutstandingHideTheLatencyWhenTheDataTakesLonger) {
  AxiPortParams flash;
  flash.bytes_per_cycle = 1.0;  // OffChipFlash of Ethos_U55_High_End_Embedded
  flash.burst_bytes = 128;
  flash.read_latency_cycles = 64;
  flash.max_reads = 2;
  AxiPort port(flash);
  port.reset(0);
  // c_k = 64 + 128 (k + 1) while 2 * 128 >= 64 + 128.
  EXPECT_EQ(port.transfer(0, {AxiDirection::kRead, 128, 0, 1.0}), 192u);
  EXPECT_EQ(port.transfer(0, {AxiDirection::kRead, 128, 0, 1.0}), 320u);
  EXPECT_EQ(port.transfer(0, {AxiDirection::kRead, 128, 0, 1.0}), 448u);
}

TEST(AxiPortTest, ReadsAndWritesShareTheDataPathInRequestOrder) {
  AxiPort port(sram());
  port.reset(0);
  EXPECT_EQ(port.transfer(0, {AxiDirection::kRead, 256, 0, 1.0}), 64u);   // 32 + 2 * 16
  // Requested at 10: ready at 42 but the path is busy until 64.
  EXPECT_EQ(port.transfer(10, {AxiDirection::kWrite, 128, 0, 1.0}), 80u);
  EXPECT_EQ(port.counters().write_data_stall_cycles, 64u - 42u);
  EXPECT_EQ(port.counters().write_beats, 16u);
}

TEST(AxiPortTest, BurstEfficiencyScalesTheOccupancyNotTheBytes) {
  AxiPort port(sram());
  port.reset(0);
  // phi = 2: 128 B occupy 32 cycles; beats still count the bytes.
  EXPECT_EQ(port.transfer(0, {AxiDirection::kRead, 256, 0, 2.0}), 32u + 64u);
  EXPECT_EQ(port.counters().read_beats, 32u);
}

TEST(AxiPortTest, ShortLastTransactionAndZeroBytes) {
  AxiPort port(sram());
  port.reset(5);
  EXPECT_EQ(port.transfer(5, {AxiDirection::kRead, 0, 0, 1.0}), 5u);
  // 130 B: 128 + 2 -> 16 + 1 cycles.
  EXPECT_EQ(port.transfer(5, {AxiDirection::kRead, 130, 0, 1.0}), 5u + 32u + 17u);
  EXPECT_EQ(port.counters().read_beats, 17u);
}

}  // namespace
}  // namespace vnpu::sim::systemc
