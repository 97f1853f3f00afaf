// libsystemc references sc_main; executables that link the timed model but
// have their own main() (the vnpu tool, the tests, the benchmarks) never call
// it. This weak definition is compiled into every executable that links
// vnpu_sim_systemc (an INTERFACE source, sim/CMakeLists.txt), so the reference
// resolves whether or not the linker keeps the shared library "as needed"; a
// program that uses SystemC's own main() defines sc_main and wins.
extern "C" __attribute__((weak)) int sc_main(int, char**) { return 1; }
