#include "verify/layer_map.h"

#include <algorithm>
#include <set>

#include "compiler/compile_model.h"

namespace vnpu::verify {
namespace {

// The model's streams as (segment -> compute kick-off word offsets).
std::vector<std::vector<uint32_t>> kick_offs_by_segment(
    const std::vector<NpuOperationRef>& operations) {
  std::vector<std::vector<uint32_t>> segments;
  for (const NpuOperationRef& op : operations) {
    if (segments.size() <= op.segment) segments.resize(op.segment + 1);
    segments[op.segment].push_back(op.operation.word_offset);
  }
  return segments;
}

bool same_shape(const compiler::CompiledModel& compiled,
                const std::vector<std::vector<uint32_t>>& model_kick_offs) {
  if (compiled.streams.size() != model_kick_offs.size()) return false;
  std::vector<std::set<uint32_t>> compiled_kick_offs(compiled.streams.size());
  for (const compiler::CompiledOperator& op : compiled.operators) {
    if (op.segment < 0) continue;
    compiled_kick_offs[static_cast<size_t>(op.segment)].insert(op.word_offsets.begin(),
                                                               op.word_offsets.end());
  }
  for (size_t s = 0; s < model_kick_offs.size(); ++s) {
    for (uint32_t word : model_kick_offs[s]) {
      if (compiled_kick_offs[s].count(word) == 0) return false;
    }
  }
  return true;
}

// Operators whose output a cascade keeps in a ring buffer of a few rows.
std::set<int32_t> ring_buffered(const compiler::Schedule& schedule) {
  std::set<int32_t> ops;
  for (const std::vector<int32_t>& cascade : schedule.cascades) {
    for (size_t i = 0; i + 1 < cascade.size(); ++i) ops.insert(cascade[i]);
  }
  return ops;
}

LayerMap build_map(const compiler::CompiledModel& compiled,
                   const std::vector<std::vector<uint32_t>>& model_kick_offs) {
  LayerMap map;
  map.mapped = true;
  map.note = "NPU operations mapped to layers by the compiler (vnpu compile)";
  map.reference = compiled.front.model;
  const ir::Graph& graph = map.reference.main_graph();
  const std::set<int32_t> rings = ring_buffered(compiled.schedule);
  for (const compiler::CompiledOperator& op : compiled.operators) {
    if (op.segment < 0 || op.alias) continue;
    const auto segment = static_cast<size_t>(op.segment);
    std::vector<uint32_t> kick_offs;
    for (uint32_t word : op.word_offsets) {
      const std::vector<uint32_t>& model = model_kick_offs[segment];
      if (std::find(model.begin(), model.end(), word) != model.end()) kick_offs.push_back(word);
    }
    if (kick_offs.empty()) continue;
    const uint32_t last = *std::max_element(kick_offs.begin(), kick_offs.end());
    const int32_t output = graph.operators[static_cast<size_t>(op.op_index)].outputs.at(0);
    for (uint32_t word : kick_offs) {
      LayerRef layer;
      layer.op_index = op.op_index;
      layer.label = layer_label(graph, static_cast<size_t>(op.op_index));
      layer.finishes_layer = word == last;
      if (rings.count(op.op_index) != 0) {
        layer.note = "cascaded: its rows live in a ring buffer";
      } else {
        layer.arena_offset = compiled.schedule.arena.tensor_offsets.at(static_cast<size_t>(output));
      }
      map.layers[{segment, word}] = layer;
    }
  }
  return map;
}

}  // namespace

std::string layer_label(const ir::Graph& graph, size_t op_index) {
  const ir::Operator& op = graph.operators[op_index];
  std::string label = std::to_string(op_index) + " " + ir::op_type_name(op.type);
  if (!op.outputs.empty() && op.outputs[0] >= 0) label += " " + graph.tensor(op.outputs[0]).name;
  return label;
}

Expected<LayerMap> map_layers(const ir::Model& source, const compiler::CompilerOptions& options,
                              const std::vector<NpuOperationRef>& operations) {
  Expected<compiler::CompiledModel> compiled = compiler::compile_model(source, options);
  if (!compiled) return compiled.status().with_context("compiling the source model");
  const std::vector<std::vector<uint32_t>> kick_offs = kick_offs_by_segment(operations);
  if (same_shape(*compiled, kick_offs)) return build_map(*compiled, kick_offs);
  LayerMap map;
  map.note =
      "NPU operations not mapped to layers: the streams are not what vnpu compile makes of this "
      "source with these options (Vela's output, or another --memory-mode or "
      "--accelerator-config?); the ethos-u operators' outputs are compared by tensor name";
  map.reference = source;
  return map;
}

}  // namespace vnpu::verify
