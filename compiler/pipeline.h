// The compiler pipeline driver. It reads like a table of contents: import
// checks, then the graph passes in order with the graph verifier after each,
// then the NPU support check that partitions the graph. It is the front half
// of `vnpu compile`; compile_model.h adds scheduling, command streams and the
// output model.
#pragma once

#include <string>
#include <vector>

#include "compiler/options/compiler_options.h"
#include "compiler/support/partition.h"
#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::compiler {

using PassFunction = Status (*)(ir::Graph&, const CompilerOptions&);

struct PassEntry {
  const char* name;  // "fuse_activations"
  PassFunction run;
};

// The graph passes, in the order compile_graph runs them.
const std::vector<PassEntry>& graph_passes();

struct CompileResult {
  ir::Model model;                       // the model after the passes (subgraph 0 rewritten)
  std::vector<std::string> passes_run;   // names, in order
  std::vector<std::string> dumped_files; // files written for dump_after
  Partition partition;                   // NPU/CPU placement of the final graph's operators
};

// Runs the front half on subgraph 0 of `model`. Fails with kInvalidInput when
// the model fails the verifier or an option names an unknown pass or
// accelerator, kInternal when a pass breaks the graph (naming the pass), and
// kIoError when a dump cannot be written.
Expected<CompileResult> compile_graph(ir::Model model, const CompilerOptions& options);

}  // namespace vnpu::compiler
