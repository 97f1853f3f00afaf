// vela.ini reader: every key, inheritance, each error with its line, and the
// shipped presets' bandwidths against ethos-u-facts.md §3.1.
#include <gtest/gtest.h>

#include <string>

#include "perf/system_config.h"

namespace vnpu::perf {
namespace {

Status parse_error(const std::string& text) {
  Expected<VelaIni> ini = parse_vela_ini(text, "test.ini");
  EXPECT_FALSE(ini.has_value());
  return ini.status();
}

void expect_error(const std::string& text, const std::string& needle) {
  const Status status = parse_error(text);
  EXPECT_EQ(status.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(status.message().find(needle), std::string::npos) << status.message();
  EXPECT_EQ(status.message().find('\n'), std::string::npos) << "one line: " << status.message();
}

TEST(VelaIni, ReadsEverySystemConfigKey) {
  const std::string text =
      "[System_Config.S]\ncore_clock=250e6\naxi0_port=Dram\naxi1_port=OnChipFlash\n"
      "Dram_clock_scale=0.5\nDram_ports_used=2\nDram_burst_length=64\nDram_read_latency=500\n"
      "Dram_write_latency=250\nDram_max_reads=12\nDram_max_writes=6\n"
      "OnChipFlash_clock_scale=0.25\nSRAM_CLOCK_SCALE=0.75\nOffChipFlash_read_latency=7\n";
  Expected<VelaIni> ini = parse_vela_ini(text, "test.ini");
  ASSERT_TRUE(ini.has_value()) << ini.status().message();
  ASSERT_EQ(ini->system_configs.size(), 1u);
  const SystemConfig& s = ini->system_configs[0];
  EXPECT_EQ(s.name, "S");
  EXPECT_DOUBLE_EQ(s.core_clock_hz, 250e6);
  EXPECT_EQ(s.axi0_port, MemoryKind::kDram);
  EXPECT_EQ(s.axi1_port, MemoryKind::kOnChipFlash);
  const MemoryParams& dram = s.memory(MemoryKind::kDram);
  EXPECT_DOUBLE_EQ(dram.clock_scale, 0.5);
  EXPECT_EQ(dram.ports_used, 2);
  EXPECT_EQ(dram.burst_length_bytes, 64);
  EXPECT_EQ(dram.read_latency_cycles, 500);
  EXPECT_EQ(dram.write_latency_cycles, 250);
  EXPECT_EQ(dram.max_reads, 12);
  EXPECT_EQ(dram.max_writes, 6);
  EXPECT_DOUBLE_EQ(s.memory(MemoryKind::kOnChipFlash).clock_scale, 0.25);
  EXPECT_DOUBLE_EQ(s.memory(MemoryKind::kSram).clock_scale, 0.75);  // keys are case-insensitive
  EXPECT_EQ(s.memory(MemoryKind::kOffChipFlash).read_latency_cycles, 7);
  // Keys left out keep the defaults.
  EXPECT_EQ(s.memory(MemoryKind::kSram).burst_length_bytes, 32);
  // Bandwidth = 8 B x clock scale x ports used.
  EXPECT_DOUBLE_EQ(bandwidth_bytes_per_cycle(s, MemoryKind::kDram, 8), 8.0);
}

TEST(VelaIni, ReadsEveryMemoryModeKeyAndInheritance) {
  const std::string text =
      "; comment\n# another\n[Memory_Mode.Base]\nconst_mem_area=Axi0\narena_mem_area=Axi1\n"
      "cache_mem_area=Axi1\narena_cache_size=1024\n\n[Memory_Mode.Child]\n"
      "inherit=Memory_Mode.Base\narena_cache_size=2048\n[Memory_Mode.Grandchild]\n"
      "cache_mem_area: Axi0\ninherit = Memory_Mode.Child\n";
  Expected<VelaIni> ini = parse_vela_ini(text, "test.ini");
  ASSERT_TRUE(ini.has_value()) << ini.status().message();
  ASSERT_EQ(ini->memory_modes.size(), 3u);
  const MemoryMode& base = ini->memory_modes[0];
  EXPECT_EQ(base.const_area, AxiPort::kAxi0);
  EXPECT_EQ(base.arena_area, AxiPort::kAxi1);
  EXPECT_EQ(base.cache_area, AxiPort::kAxi1);
  EXPECT_EQ(base.arena_cache_size_bytes, 1024u);
  Expected<MemoryMode> child = ini->find_memory_mode("Child");
  ASSERT_TRUE(child.has_value());
  EXPECT_EQ(child->const_area, AxiPort::kAxi0);
  EXPECT_EQ(child->cache_area, AxiPort::kAxi1);
  EXPECT_EQ(child->arena_cache_size_bytes, 2048u);
  Expected<MemoryMode> grandchild = ini->find_memory_mode("Grandchild");
  ASSERT_TRUE(grandchild.has_value());
  EXPECT_EQ(grandchild->cache_area, AxiPort::kAxi0);
  EXPECT_EQ(grandchild->arena_area, AxiPort::kAxi1);
  EXPECT_EQ(grandchild->arena_cache_size_bytes, 2048u);
}

TEST(VelaIni, SystemConfigInheritance) {
  const std::string text =
      "[System_Config.A]\ncore_clock=1e8\nSram_burst_length=64\n"
      "[System_Config.B]\ninherit=System_Config.A\ncore_clock=2e8\n";
  Expected<VelaIni> ini = parse_vela_ini(text, "test.ini");
  ASSERT_TRUE(ini.has_value()) << ini.status().message();
  Expected<SystemConfig> b = ini->find_system_config("B");
  ASSERT_TRUE(b.has_value());
  EXPECT_DOUBLE_EQ(b->core_clock_hz, 2e8);
  EXPECT_EQ(b->memory(MemoryKind::kSram).burst_length_bytes, 64);
}

TEST(VelaIni, ErrorsNameFileLineAndKey) {
  expect_error("[System_Config.S]\ncore_clock=1e8\nfoo=1\n", "test.ini:3: foo=1");
  expect_error("[System_Config.S]\nSram_speed=1\n", "test.ini:2: sram_speed=1");
  expect_error("[System_Config.S]\nFlash_clock_scale=1\n", "test.ini:2: flash_clock_scale");
  expect_error("[Memory_Mode.M]\nconst_mem_area=Axi2\n", "test.ini:2: const_mem_area=Axi2");
  expect_error("[Memory_Mode.M]\nsize=1\n", "test.ini:2: size=1");
  expect_error("\n[Other.X]\n", "test.ini:2: unknown section [Other.X]");
  expect_error("[System_Config]\n", "test.ini:1: section [System_Config] has no name");
  expect_error("[System_Config.S\n", "test.ini:1: section header");
  expect_error("core_clock=1\n", "test.ini:1: key 'core_clock' before any [section]");
  expect_error("[System_Config.S]\njunk line\n", "test.ini:2: expected [SECTION] or key=value");
  expect_error("[System_Config.S]\ncore_clock=1e8\nCORE_CLOCK=2e8\n",
               "test.ini:3: duplicate key 'core_clock'");
  expect_error("[System_Config.S]\n[System_Config.S]\n",
               "test.ini:2: duplicate section [System_Config.S] (first at line 1)");
  expect_error("[System_Config.S]\n\ninherit=System_Config.T\n", "test.ini:3: inherit=");
  expect_error("[System_Config.S]\n[Memory_Mode.M]\ninherit=System_Config.S\n",
               "test.ini:3: inherit=System_Config.S: a section of another kind");
  expect_error("[Memory_Mode.A]\ninherit=Memory_Mode.B\n[Memory_Mode.B]\ninherit=Memory_Mode.A\n",
               "cycle");
  expect_error("[System_Config.S]\naxi0_port=Flash\n", "test.ini:2: axi0_port=Flash");
  expect_error("[System_Config.S]\n=5\n", "test.ini:2: empty key");
}

TEST(VelaIni, ValuesAreRangeChecked) {
  expect_error("[System_Config.S]\ncore_clock=0\n", "test.ini:2: core_clock=0");
  expect_error("[System_Config.S]\ncore_clock=fast\n", "not a number");
  expect_error("[System_Config.S]\ncore_clock=5e6x\n", "not a number");
  expect_error("[System_Config.S]\nSram_clock_scale=0\n", "out of range");
  expect_error("[System_Config.S]\nSram_clock_scale=5\n", "out of range");
  expect_error("[System_Config.S]\nSram_clock_scale=nan\n", "not a number");
  expect_error("[System_Config.S]\nSram_burst_length=0\n", "out of range [1, 4096]");
  expect_error("[System_Config.S]\nSram_burst_length=32.5\n", "not an integer");
  expect_error("[System_Config.S]\nSram_read_latency=-1\n", "out of range");
  expect_error("[System_Config.S]\nDram_write_latency=100001\n", "out of range");
  expect_error("[System_Config.S]\nSram_ports_used=5\n", "out of range [1, 4]");
  expect_error("[System_Config.S]\nSram_max_reads=2000\n", "out of range");
  expect_error("[System_Config.S]\nSram_max_writes=x\n", "not an integer");
  expect_error("[Memory_Mode.M]\narena_cache_size=-5\n", "out of range");
  expect_error("[Memory_Mode.M]\narena_cache_size=99999999999999999999\n", "not an integer");
}

TEST(VelaIni, UnknownNamesListTheValidOnes) {
  const Expected<SystemConfig> system = builtin_vela_ini().find_system_config("Nope");
  ASSERT_FALSE(system.has_value());
  EXPECT_NE(system.status().message().find("Ethos_U55_High_End_Embedded"), std::string::npos);
  const Expected<MemoryMode> mode = builtin_vela_ini().find_memory_mode("Nope");
  ASSERT_FALSE(mode.has_value());
  EXPECT_NE(mode.status().message().find("Shared_Sram"), std::string::npos);
}

TEST(VelaIni, MissingFileIsAnError) {
  const Expected<VelaIni> ini = load_vela_ini("/nonexistent/vela.ini");
  ASSERT_FALSE(ini.has_value());
  EXPECT_NE(ini.status().message().find("/nonexistent/vela.ini"), std::string::npos);
}

// ethos-u-facts.md §3.1: Deep Embedded 200 MHz, SRAM 1.6 GB/s, flash 0.1 GB/s;
// High-End Embedded 500 MHz, SRAM 4 GB/s, flash 0.5 GB/s.
TEST(BuiltinVelaIni, PresetsMatchFactsTable) {
  const VelaIni& ini = builtin_vela_ini();
  ASSERT_EQ(ini.system_configs.size(), 2u);
  struct Row {
    const char* name;
    double clock_hz;
    double sram_gbps;
    double flash_gbps;
    int sram_max_rw;
    double flash_scale;
  };
  const Row rows[] = {{"Ethos_U55_Deep_Embedded", 200e6, 1.6, 0.1, 8, 0.0625},
                      {"Ethos_U55_High_End_Embedded", 500e6, 4.0, 0.5, 4, 0.125}};
  for (const Row& row : rows) {
    Expected<SystemConfig> s = ini.find_system_config(row.name);
    ASSERT_TRUE(s.has_value()) << row.name;
    EXPECT_DOUBLE_EQ(s->core_clock_hz, row.clock_hz);
    EXPECT_EQ(s->axi0_port, MemoryKind::kSram);
    EXPECT_EQ(s->axi1_port, MemoryKind::kOffChipFlash);
    const MemoryParams& sram = s->memory(MemoryKind::kSram);
    EXPECT_DOUBLE_EQ(sram.clock_scale, 1.0);
    EXPECT_EQ(sram.burst_length_bytes, 32);
    EXPECT_EQ(sram.read_latency_cycles, 32);
    EXPECT_EQ(sram.write_latency_cycles, 32);
    EXPECT_EQ(sram.max_reads, row.sram_max_rw);
    EXPECT_EQ(sram.max_writes, row.sram_max_rw);
    const MemoryParams& flash = s->memory(MemoryKind::kOffChipFlash);
    EXPECT_DOUBLE_EQ(flash.clock_scale, row.flash_scale);
    EXPECT_EQ(flash.burst_length_bytes, 128);
    EXPECT_EQ(flash.read_latency_cycles, 64);
    EXPECT_EQ(flash.write_latency_cycles, 0);
    EXPECT_EQ(flash.max_reads, 2);
    EXPECT_EQ(flash.max_writes, 0);
    const double sram_bw = bandwidth_bytes_per_cycle(*s, MemoryKind::kSram, 8);
    const double flash_bw = bandwidth_bytes_per_cycle(*s, MemoryKind::kOffChipFlash, 8);
    EXPECT_NEAR(sram_bw * s->core_clock_hz / 1e9, row.sram_gbps, 1e-9) << row.name;
    EXPECT_NEAR(flash_bw * s->core_clock_hz / 1e9, row.flash_gbps, 1e-9) << row.name;
  }
}

TEST(BuiltinVelaIni, MemoryModesMatchVela) {
  const VelaIni& ini = builtin_vela_ini();
  Expected<MemoryMode> sram_only = ini.find_memory_mode("Sram_Only");
  ASSERT_TRUE(sram_only.has_value());
  EXPECT_EQ(sram_only->const_area, AxiPort::kAxi0);
  EXPECT_EQ(sram_only->arena_area, AxiPort::kAxi0);
  EXPECT_EQ(sram_only->cache_area, AxiPort::kAxi0);
  EXPECT_FALSE(sram_only->arena_cache_size_bytes.has_value());
  Expected<MemoryMode> shared = ini.find_memory_mode(kDefaultMemoryMode);
  ASSERT_TRUE(shared.has_value());
  EXPECT_EQ(shared->const_area, AxiPort::kAxi1);
  EXPECT_EQ(shared->arena_area, AxiPort::kAxi0);
  EXPECT_EQ(shared->cache_area, AxiPort::kAxi0);
  Expected<MemoryMode> dedicated = ini.find_memory_mode("Dedicated_Sram");
  ASSERT_TRUE(dedicated.has_value());
  EXPECT_EQ(dedicated->const_area, AxiPort::kAxi1);
  EXPECT_EQ(dedicated->arena_area, AxiPort::kAxi1);
  EXPECT_EQ(dedicated->cache_area, AxiPort::kAxi0);
  EXPECT_EQ(dedicated->arena_cache_size_bytes, 384u * 1024u);
  Expected<MemoryMode> big = ini.find_memory_mode("Dedicated_Sram_512KB");
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->arena_area, AxiPort::kAxi1);
  EXPECT_EQ(big->arena_cache_size_bytes, 512u * 1024u);
}

TEST(BuiltinVelaIni, DefaultsExist) {
  EXPECT_TRUE(builtin_vela_ini().find_system_config(kDefaultSystemConfig).has_value());
  EXPECT_TRUE(builtin_vela_ini().find_memory_mode(kDefaultMemoryMode).has_value());
  // The compiled-in text parses on its own.
  EXPECT_TRUE(parse_vela_ini(builtin_vela_ini_text(), "x").has_value());
}

}  // namespace
}  // namespace vnpu::perf
