// sc_main for a build with the SystemC backend. libsystemc.so exports main()
// and references sc_main (toolchain-notes.md §3), so the tool defines both:
// main() (cli/entry_main.cc) is the entry, since an executable's own main()
// preempts the one the shared library exports, and it keeps SystemC's
// copyright banner away from every command that never elaborates the platform
// (the platform turns the banner off before it elaborates). This strong
// sc_main resolves libsystemc's reference and runs the same tool, so the
// program behaves the same whichever main() the loader picks.
#include <systemc>

#include "cli/command.h"

int sc_main(int argc, char* argv[]) { return vnpu::cli::run_tool(argc, argv); }
