// The entry of the SystemC test binary: libsystemc.so exports main(), which
// runs sc_main() (../shared/reference/toolchain-notes.md §3), so the tests run
// from here instead of gtest_main.
#include <gtest/gtest.h>

#include <systemc>

int sc_main(int argc, char* argv[]) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
