// Which source layer each NPU operation of a compiled model computes.
//
// For a model compiled by vnpu the compiler knows: map_layers() compiles the
// source again with the same accelerator (compile_model is deterministic) and,
// when the result's command streams have the same shape as the model's (same
// number of `ethos-u` operators, stream lengths and kick-off positions; the
// weight and scale bytes may differ, which is what a corrupted model looks
// like), takes each operation's layer from the compiler's per-operator word
// offsets (compiler/compile_model.h). The layer is an operator of the graph
// after the compiler's passes (which keep every CPU result byte-identical);
// its output's arena offset says where the NPU leaves the result in region 1.
// Any other stream (Vela's) is not mapped: the table says so, and only the
// `ethos-u` operators' outputs are compared, by tensor name.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "compiler/options/compiler_options.h"
#include "core/status.h"
#include "ir/graph.h"
#include "verify/npu_operations.h"

namespace vnpu::verify {

struct LayerRef {
  int32_t op_index = -1;        // in the reference graph
  std::string label;            // "3 CONV_2D conv1/Relu"
  bool finishes_layer = false;  // the layer's last NPU operation
  int64_t arena_offset = -1;    // of the layer's output in region 1; -1: not comparable there
  std::string note;             // why the output is not compared (a cascade's ring buffer, ...)
};

struct LayerMap {
  bool mapped = false;
  std::string note;     // how the operations were mapped, or why not
  ir::Model reference;  // the model the CPU reference runs (after the passes when mapped)
  // (segment, kick-off word offset) -> layer
  std::map<std::pair<size_t, uint32_t>, LayerRef> layers;
};

// "3 CONV_2D conv1/Relu"
std::string layer_label(const ir::Graph& graph, size_t op_index);

// Compiles `source` with `options` (the accelerator and memory mode the model
// was compiled for) and maps the operations of `compiled`. Fails only when the
// source does not compile (its message).
Expected<LayerMap> map_layers(const ir::Model& source, const compiler::CompilerOptions& options,
                              const std::vector<NpuOperationRef>& operations);

}  // namespace vnpu::verify
