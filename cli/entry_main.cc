// The vnpu tool's entry (with the SystemC backend, see also cli/entry_sc_main.cc).
#include "cli/command.h"

int main(int argc, char** argv) { return vnpu::cli::run_tool(argc, argv); }
