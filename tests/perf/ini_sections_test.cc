// The one INI reader: the section kinds it is told to accept, inheritance, and
// the entry reader's FILE:LINE: key=value in [KIND.NAME] errors.
#include "perf/ini_sections.h"

#include <gtest/gtest.h>

#include <string>

namespace vnpu::perf {
namespace {

TEST(IniSections, AcceptsOnlyTheKindsItIsTold) {
  const std::string text = "[Energy.A]\nmac_pj=1\n[System_Config.S]\ncore_clock=1e8\n";
  const Expected<std::vector<IniSection>> energy_only =
      parse_ini_sections(text, "f.ini", {"Energy"});
  ASSERT_FALSE(energy_only.has_value());
  EXPECT_NE(energy_only.status().message().find(
                "f.ini:3: unknown section [System_Config.S] (valid: [Energy.NAME])"),
            std::string::npos)
      << energy_only.status().message();
  const Expected<std::vector<IniSection>> both =
      parse_ini_sections(text, "f.ini", {"Energy", "System_Config"});
  ASSERT_TRUE(both.has_value()) << both.status().message();
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[1].kind, "System_Config");
  EXPECT_EQ((*both)[1].entries[0].key, "core_clock");
  EXPECT_EQ((*both)[1].entries[0].line, 4);
}

TEST(IniSections, ChildKeysFollowInheritedOnes) {
  const Expected<std::vector<IniSection>> sections = parse_ini_sections(
      "[K.Base]\na=1\nb=2\n[K.Child]\ninherit=K.Base\nB=3\n", "f.ini", {"K"});
  ASSERT_TRUE(sections.has_value()) << sections.status().message();
  const IniSection& child = (*sections)[1];
  ASSERT_EQ(child.entries.size(), 2u);
  EXPECT_EQ(child.entries[0].key, "a");
  EXPECT_EQ(child.entries[1].key, "b");
  EXPECT_EQ(child.entries[1].value, "3");
  EXPECT_EQ(child.entries[1].line, 6);
}

TEST(IniEntryReader, ErrorsNameFileLineKeyAndSection) {
  const Expected<std::vector<IniSection>> sections =
      parse_ini_sections("[K.N]\nx=12.5\ny=abc\n", "f.ini", {"K"});
  ASSERT_TRUE(sections.has_value());
  const IniSection& section = (*sections)[0];
  const IniEntryReader x("f.ini", section, section.entries[0]);
  EXPECT_EQ(x.number(0, 100).value(), 12.5);
  EXPECT_EQ(x.number(0, 10).status().message(), "f.ini:2: x=12.5 in [K.N]: out of range [0, 10]");
  EXPECT_EQ(x.integer(0, 100).status().message(), "f.ini:2: x=12.5 in [K.N]: not an integer");
  const IniEntryReader y("f.ini", section, section.entries[1]);
  EXPECT_EQ(y.number(0, 10).status().message(), "f.ini:3: y=abc in [K.N]: not a number");
}

}  // namespace
}  // namespace vnpu::perf
