// Energy model (perf/energy_model.h): hand-computed breakdowns on the built-in
// tables, power = energy / time, static-only energy, the table reader's errors
// (each one line with FILE:LINE) and a user table's round trip.
#include <gtest/gtest.h>

#include <string>

#include "perf/energy_model.h"

namespace vnpu::perf {
namespace {

constexpr size_t kSram = static_cast<size_t>(MemoryKind::kSram);
constexpr size_t kDram = static_cast<size_t>(MemoryKind::kDram);
constexpr size_t kOnChip = static_cast<size_t>(MemoryKind::kOnChipFlash);
constexpr size_t kOffChip = static_cast<size_t>(MemoryKind::kOffChipFlash);

EnergyTable builtin(const std::string& name) {
  Expected<EnergyTable> table = builtin_energy_tables().find(name);
  EXPECT_TRUE(table.has_value()) << table.status().message();
  return table ? *table : EnergyTable{};
}

// A small run: 1000 MACs, 200/100 SHRAM bytes read/written, 50 weight bytes,
// 10 OFM elements, 300/100 SRAM bytes read/written, 50 off-chip flash bytes,
// 20 command words, 500 cycles (400 active, 100 idle).
EnergyEvents small_run() {
  EnergyEvents e;
  e.macs = 1000;
  e.shram_read_bytes = 200;
  e.shram_write_bytes = 100;
  e.weight_bytes_decoded = 50;
  e.ofm_elements = 10;
  e.memory_read_bytes[kSram] = 300;
  e.memory_write_bytes[kSram] = 100;
  e.memory_read_bytes[kOffChip] = 50;
  e.command_words = 20;
  e.total_cycles = 500;
  e.active_cycles = 400;
  e.idle_cycles = 100;
  return e;
}

// Relative comparison for energies computed in a different order by hand.
void expect_close(double actual, double expected) {
  EXPECT_NEAR(actual, expected, 1e-9 * std::max(1.0, std::abs(expected))) << expected;
}

TEST(EnergyTables, BuiltInTablesHoldTheDocumentedNumbers) {
  ASSERT_EQ(builtin_energy_tables().tables.size(), 3u);
  const EnergyTable t = builtin("Horowitz_45nm");
  EXPECT_DOUBLE_EQ(t.mac_pj, 0.3);  // 0.2 (8b mul) + 0.1 (32b add)
  EXPECT_DOUBLE_EQ(t.shram_read_pj_per_byte, 1.25);  // 10 pJ / 8 B
  EXPECT_DOUBLE_EQ(t.memory_read_pj_per_byte[kDram], 160.0);  // 640 pJ / 4 B
  EXPECT_DOUBLE_EQ(t.memory_read_pj_per_byte[kSram], 6.25);   // 50 pJ / 8 B
  // Quad-SPI NOR (ISSI IS25WP256D): 1.8 V x 7.5 mA / 83 MB/s.
  EXPECT_DOUBLE_EQ(t.memory_read_pj_per_byte[kOffChip], 162.65);
  EXPECT_NEAR(t.memory_read_pj_per_byte[kOffChip], 1.8 * 7.5e-3 / 83e6 * 1e12, 0.01);
  EXPECT_DOUBLE_EQ(t.leakage_mw, 1.0);
  EXPECT_TRUE(builtin_energy_tables().find(kDefaultEnergyTable).has_value());
}

// The table used when none is chosen charges the sourced quad-SPI flash, not
// the 1-bit serial part (which stays available by name).
TEST(EnergyTables, DefaultTableHoldsTheSourcedFigures) {
  EXPECT_STREQ(kDefaultEnergyTable, "Scaled_22nm");
  const EnergyTable d = builtin(kDefaultEnergyTable);
  EXPECT_DOUBLE_EQ(d.memory_read_pj_per_byte[kOffChip], 162.65);  // IS25WP256D
  EXPECT_DOUBLE_EQ(d.memory_write_pj_per_byte[kOffChip], 162.65);
  EXPECT_DOUBLE_EQ(d.memory_read_pj_per_byte[kSram], 3.05556);  // 50 pJ / 8 B x 22/45
  EXPECT_DOUBLE_EQ(d.memory_read_pj_per_byte[kDram], 64.0);     // LPDDR4 8 pJ/bit
  EXPECT_DOUBLE_EQ(d.mac_pj, 0.14667);                          // 0.3 x 22/45
  EXPECT_DOUBLE_EQ(d.leakage_mw, 1.0);
  // Every other key of the 1-bit serial NOR table is the default's.
  const EnergyTable n = builtin("Scaled_22nm_SerialNor");
  EXPECT_DOUBLE_EQ(n.memory_read_pj_per_byte[kOffChip], 4320.0);  // 2.7 V x 4 mA / 2.5 MB/s
  EXPECT_DOUBLE_EQ(n.memory_write_pj_per_byte[kOffChip], 4320.0);
  EnergyTable same = n;
  same.name = d.name;
  same.memory_read_pj_per_byte[kOffChip] = d.memory_read_pj_per_byte[kOffChip];
  same.memory_write_pj_per_byte[kOffChip] = d.memory_write_pj_per_byte[kOffChip];
  EXPECT_EQ(format_energy_table(same), format_energy_table(d));
}

TEST(EnergyTables, TwentyTwoNanometreTableFollowsTheScalingRule) {
  const EnergyTable a = builtin("Horowitz_45nm");
  const EnergyTable b = builtin("Scaled_22nm");
  const double s = 22.0 / 45.0;
  // On-die entries: x 22/45, written with 5 significant digits.
  const double pairs[][2] = {{a.mac_pj, b.mac_pj},
                             {a.shram_read_pj_per_byte, b.shram_read_pj_per_byte},
                             {a.shram_write_pj_per_byte, b.shram_write_pj_per_byte},
                             {a.weight_decode_pj_per_byte, b.weight_decode_pj_per_byte},
                             {a.output_unit_pj_per_element, b.output_unit_pj_per_element},
                             {a.command_pj_per_word, b.command_pj_per_word},
                             {a.memory_read_pj_per_byte[kSram], b.memory_read_pj_per_byte[kSram]},
                             {a.memory_read_pj_per_byte[kOnChip],
                              b.memory_read_pj_per_byte[kOnChip]}};
  for (const auto& pair : pairs) EXPECT_NEAR(pair[1], pair[0] * s, 1e-4 * pair[0]) << pair[0];
  EXPECT_DOUBLE_EQ(b.memory_read_pj_per_byte[kDram], 64.0);  // LPDDR4 8 pJ/bit
  EXPECT_DOUBLE_EQ(b.memory_read_pj_per_byte[kOffChip], a.memory_read_pj_per_byte[kOffChip]);
}

TEST(EstimateEnergy, HandComputedBreakdownOn45nm) {
  const EnergyBreakdown b = estimate_energy(small_run(), builtin("Horowitz_45nm"), 500e6);
  // In pJ: MAC 1000 x 0.3 = 300; SHRAM 300 x 1.25 = 375; WD 50 x 0.745 = 37.25;
  // AO 10 x 3.26 = 32.6; SRAM 400 x 6.25 = 2500; flash 50 x 162.65 = 8132.5;
  // CC 20 x 0.424 = 8.48; static 1 mW x 500 / 500 MHz = 1 mW x 1 us = 1000 pJ.
  expect_close(b.mac_uj, 300e-6);
  expect_close(b.shram_uj, 375e-6);
  expect_close(b.weight_decoder_uj, 37.25e-6);
  expect_close(b.output_unit_uj, 32.6e-6);
  expect_close(b.memory_uj[kSram], 2500e-6);
  expect_close(b.memory_uj[kDram], 0);
  expect_close(b.memory_uj[kOffChip], 8132.5e-6);
  expect_close(b.command_uj, 8.48e-6);
  expect_close(b.static_uj, 1000e-6);
  expect_close(b.total_uj, 12385.83e-6);
  expect_close(b.seconds, 1e-6);
  // 0.01238583 uJ over 1 us = 12.38583 mW.
  expect_close(b.average_power_mw, 12.38583);
  expect_close(b.dynamic_uj(), 11385.83e-6);
}

TEST(EstimateEnergy, HandComputedBreakdownOn22nm) {
  const EnergyBreakdown b = estimate_energy(small_run(), builtin("Scaled_22nm"), 500e6);
  // In pJ: MAC 1000 x 0.14667 = 146.67; SHRAM 300 x 0.61111 = 183.333;
  // WD 50 x 0.36422 = 18.211; AO 10 x 1.59378 = 15.9378; SRAM 400 x 3.05556
  // = 1222.224; flash 50 x 162.65 = 8132.5; CC 20 x 0.20729 = 4.1458; static 1000.
  expect_close(b.mac_uj, 146.67e-6);
  expect_close(b.shram_uj, 183.333e-6);
  expect_close(b.weight_decoder_uj, 18.211e-6);
  expect_close(b.output_unit_uj, 15.9378e-6);
  expect_close(b.memory_uj[kSram], 1222.224e-6);
  expect_close(b.memory_uj[kOffChip], 8132.5e-6);
  expect_close(b.command_uj, 4.1458e-6);
  expect_close(b.static_uj, 1000e-6);
  expect_close(b.total_uj, 10723.0216e-6);
  expect_close(b.average_power_mw, 10.7230216);
}

TEST(EstimateEnergy, SerialNorTableChargesOnlyTheFlashDifferently) {
  const EnergyBreakdown b = estimate_energy(small_run(), builtin("Scaled_22nm_SerialNor"), 500e6);
  // As on 22 nm with flash 50 x 4320 = 216000 pJ instead of 8132.5.
  expect_close(b.memory_uj[kOffChip], 216000e-6);
  expect_close(b.mac_uj, 146.67e-6);
  expect_close(b.total_uj, 218590.5216e-6);
  expect_close(b.average_power_mw, 218.5905216);
}

TEST(EstimateEnergy, DramBytesUseTheDramEntry) {
  EnergyEvents e;
  e.memory_read_bytes[kDram] = 1000;
  e.memory_write_bytes[kDram] = 24;
  // 1024 B x 160 pJ = 163840 pJ on 45 nm; x 64 pJ = 65536 pJ on 22 nm.
  expect_close(estimate_energy(e, builtin("Horowitz_45nm"), 1e9).memory_uj[kDram], 0.16384);
  expect_close(estimate_energy(e, builtin("Scaled_22nm"), 1e9).memory_uj[kDram], 0.065536);
}

TEST(EstimateEnergy, PowerIsEnergyOverTime) {
  EnergyEvents e = small_run();
  e.total_cycles = 123457;
  e.macs = 9876543;
  for (double clock : {100e6, 500e6, 1e9}) {
    const EnergyBreakdown b = estimate_energy(e, builtin("Scaled_22nm"), clock);
    expect_close(b.seconds, 123457.0 / clock);
    expect_close(b.average_power_mw, b.total_uj * 1e-6 / b.seconds * 1e3);
    // Leakage is power: its energy is mW x time.
    expect_close(b.static_uj, 1.0 * b.seconds * 1e3);
  }
  // Dynamic energy does not depend on the clock; static energy does.
  const EnergyBreakdown slow = estimate_energy(e, builtin("Scaled_22nm"), 100e6);
  const EnergyBreakdown fast = estimate_energy(e, builtin("Scaled_22nm"), 1e9);
  expect_close(slow.dynamic_uj(), fast.dynamic_uj());
  expect_close(slow.static_uj, 10 * fast.static_uj);
}

TEST(EstimateEnergy, ZeroEventsGiveOnlyStaticEnergy) {
  EnergyEvents e;
  e.total_cycles = 1000;
  e.idle_cycles = 1000;
  for (const char* name : {"Horowitz_45nm", "Scaled_22nm", "Scaled_22nm_SerialNor"}) {
    const EnergyBreakdown b = estimate_energy(e, builtin(name), 500e6);
    EXPECT_EQ(b.mac_uj + b.shram_uj + b.weight_decoder_uj + b.output_unit_uj + b.command_uj, 0.0);
    for (double m : b.memory_uj) EXPECT_EQ(m, 0.0);
    // 1 mW x 2 us = 2 nJ = 2e-3 uJ; the average power is the leakage.
    expect_close(b.static_uj, 2e-3);
    expect_close(b.total_uj, b.static_uj);
    expect_close(b.average_power_mw, 1.0);
  }
  const EnergyBreakdown none = estimate_energy(EnergyEvents{}, builtin("Scaled_22nm"), 500e6);
  EXPECT_EQ(none.total_uj, 0.0);
  EXPECT_EQ(none.average_power_mw, 0.0);
}

TEST(EstimateEnergy, ActiveOverheadIsChargedPerActiveCycle) {
  EnergyTable t;
  t.active_pj_per_cycle = 2.5;
  EnergyEvents e;
  e.total_cycles = 100;
  e.active_cycles = 40;
  // 40 x 2.5 pJ = 100 pJ; no leakage in this table.
  expect_close(estimate_energy(e, t, 1e8).static_uj, 100e-6);
}

TEST(EnergyEvents, AddIsPerField) {
  EnergyEvents a = small_run();
  a += small_run();
  EXPECT_EQ(a.macs, 2000u);
  EXPECT_EQ(a.memory_read_bytes[kSram], 600u);
  EXPECT_EQ(a.memory_write_bytes[kSram], 200u);
  EXPECT_EQ(a.command_words, 40u);
  EXPECT_EQ(a.total_cycles, 1000u);
  EXPECT_EQ(a.idle_cycles, 200u);
}

// A complete table with distinct values; its text has the header on line 1 and
// one key per line after it (17 lines).
EnergyTable numbered_table(const std::string& name) {
  EnergyTable t;
  t.name = name;
  t.mac_pj = 1;
  t.shram_read_pj_per_byte = 2;
  t.shram_write_pj_per_byte = 3;
  t.weight_decode_pj_per_byte = 4;
  t.output_unit_pj_per_element = 5;
  for (size_t i = 0; i < t.memory_read_pj_per_byte.size(); ++i) {
    t.memory_read_pj_per_byte[i] = 10.5 + static_cast<double>(i);
    t.memory_write_pj_per_byte[i] = 20.25 + static_cast<double>(i);
  }
  t.command_pj_per_word = 0.125;
  t.leakage_mw = 0.75;
  t.active_pj_per_cycle = 1e-3;
  return t;
}

void expect_same(const EnergyTable& a, const EnergyTable& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.mac_pj, b.mac_pj);
  EXPECT_EQ(a.shram_read_pj_per_byte, b.shram_read_pj_per_byte);
  EXPECT_EQ(a.shram_write_pj_per_byte, b.shram_write_pj_per_byte);
  EXPECT_EQ(a.weight_decode_pj_per_byte, b.weight_decode_pj_per_byte);
  EXPECT_EQ(a.output_unit_pj_per_element, b.output_unit_pj_per_element);
  EXPECT_EQ(a.memory_read_pj_per_byte, b.memory_read_pj_per_byte);
  EXPECT_EQ(a.memory_write_pj_per_byte, b.memory_write_pj_per_byte);
  EXPECT_EQ(a.command_pj_per_word, b.command_pj_per_word);
  EXPECT_EQ(a.leakage_mw, b.leakage_mw);
  EXPECT_EQ(a.active_pj_per_cycle, b.active_pj_per_cycle);
}

TEST(EnergyIni, UserTableRoundTrip) {
  const EnergyTable mine = numbered_table("Mine");
  Expected<EnergyTables> parsed = parse_energy_ini(format_energy_table(mine), "mine.ini");
  ASSERT_TRUE(parsed.has_value()) << parsed.status().message();
  ASSERT_EQ(parsed->tables.size(), 1u);
  expect_same(parsed->tables[0], mine);
  // Built-in tables survive the same trip.
  for (const EnergyTable& t : builtin_energy_tables().tables) {
    Expected<EnergyTables> again = parse_energy_ini(format_energy_table(t), "again.ini");
    ASSERT_TRUE(again.has_value()) << again.status().message();
    expect_same(again->tables[0], t);
  }
}

TEST(EnergyIni, InheritCommentsAndCaseInsensitiveKeys) {
  const std::string text = format_energy_table(numbered_table("Base")) +
                           "; a comment\n\n[Energy.Child]\ninherit=Energy.Base\n"
                           "  MAC_PJ = 0.5  \n# another\nDram_Read_Pj_Per_Byte=99\n";
  Expected<EnergyTables> parsed = parse_energy_ini(text, "t.ini");
  ASSERT_TRUE(parsed.has_value()) << parsed.status().message();
  ASSERT_EQ(parsed->tables.size(), 2u);
  Expected<EnergyTable> child = parsed->find("Child");
  ASSERT_TRUE(child.has_value());
  EnergyTable expected = numbered_table("Child");
  expected.mac_pj = 0.5;
  expected.memory_read_pj_per_byte[kDram] = 99;
  expect_same(*child, expected);
  const Status missing = parsed->find("Nope").status();
  EXPECT_NE(missing.message().find("valid: Base, Child"), std::string::npos) << missing.message();
}

void expect_error(const std::string& text, const std::string& where, const std::string& needle) {
  Expected<EnergyTables> parsed = parse_energy_ini(text, "user.ini");
  ASSERT_FALSE(parsed.has_value());
  const std::string message = parsed.status().message();
  EXPECT_EQ(parsed.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(message.rfind(where, 0), 0u) << message;
  EXPECT_NE(message.find(needle), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

TEST(EnergyIni, ErrorsNameFileAndLine) {
  const std::string good = format_energy_table(numbered_table("T"));
  expect_error(good + "foo_pj=1\n", "user.ini:18: ", "foo_pj=1 in [Energy.T]: unknown key");
  expect_error(replace(good, "mac_pj=1\n", "mac_pj=abc\n"), "user.ini:2: ", "not a number");
  expect_error(replace(good, "mac_pj=1\n", "mac_pj=1.5x\n"), "user.ini:2: ", "not a number");
  expect_error(replace(good, "shram_write_pj_per_byte=3\n", "shram_write_pj_per_byte=-3\n"),
               "user.ini:4: ", "negative");
  expect_error(replace(good, "leakage_mw=0.75\n", "leakage_mw=inf\n"), "user.ini:16: ",
               "not a number");
  expect_error("; only a comment\n\n", "user.ini:3: ", "no [Energy.NAME] section");
  expect_error(good + "[Energy.U]\ninherit=Energy.Missing\n", "user.ini:19: ",
               "inherit=Energy.Missing: no such section");
  expect_error(replace(good, "command_pj_per_word=0.125\n", ""), "user.ini:1: ",
               "missing key 'command_pj_per_word'");
  expect_error("[System_Config.X]\ncore_clock=1\n", "user.ini:1: ", "unknown section");
  expect_error("[Energy.]\n", "user.ini:1: ", "no name");
  expect_error(good + good, "user.ini:18: ", "duplicate section");
  expect_error(good + "mac_pj=2\n", "user.ini:18: ", "duplicate key 'mac_pj'");
  expect_error("mac_pj=1\n", "user.ini:1: ", "before any [section]");
  expect_error(good + "no equals sign\n", "user.ini:18: ", "expected");
  expect_error("[Energy.A]\ninherit=Energy.B\n[Energy.B]\ninherit=Energy.A\n", "user.ini:",
               "cycle");
}

TEST(EnergyIni, LoadReportsMissingFile) {
  Expected<EnergyTables> loaded = load_energy_ini("/nonexistent/energy.ini");
  EXPECT_FALSE(loaded.has_value());
}

}  // namespace
}  // namespace vnpu::perf
