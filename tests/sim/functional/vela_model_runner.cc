#include "tests/sim/functional/vela_model_runner.h"

#include <cstring>

#include "core/file_io.h"
#include "isa/cop1_payload.h"
#include "tflite/reader.h"

namespace vnpu::testing {
namespace {

constexpr size_t kCommandStreamInput = 0;
constexpr size_t kFlashInput = 1;
constexpr size_t kScratchInput = 2;
constexpr size_t kFastScratchInput = 3;
constexpr size_t kFirstModelInput = 4;

Expected<std::vector<int32_t>> arena_offsets(const ir::Model& model) {
  for (const ir::Model::Metadata& entry : model.metadata) {
    if (entry.name != "OfflineMemoryAllocation") continue;
    if (entry.data.size() % 4 != 0 || entry.data.size() < 12) {
      return Status::invalid_input("OfflineMemoryAllocation: bad size " +
                                   std::to_string(entry.data.size()));
    }
    std::vector<int32_t> words(entry.data.size() / 4);
    std::memcpy(words.data(), entry.data.data(), entry.data.size());
    const size_t count = static_cast<size_t>(words[2]);
    if (words.size() != 3 + count) {
      return Status::invalid_input("OfflineMemoryAllocation: tensor count mismatch");
    }
    return std::vector<int32_t>(words.begin() + 3, words.end());
  }
  return Status::invalid_input("no OfflineMemoryAllocation metadata");
}

Expected<VelaTensorPlace> place(const ir::Graph& graph, const std::vector<int32_t>& offsets,
                                int32_t tensor) {
  if (tensor < 0 || static_cast<size_t>(tensor) >= offsets.size()) {
    return Status::invalid_input("tensor " + std::to_string(tensor) + " has no arena offset");
  }
  VelaTensorPlace p;
  p.tensor = tensor;
  p.arena_offset = offsets[static_cast<size_t>(tensor)];
  p.size_bytes = graph.tensor(tensor).size_bytes();
  if (p.arena_offset < 0) {
    return Status::invalid_input("tensor " + std::to_string(tensor) + " is not in the arena");
  }
  return p;
}

}  // namespace

Expected<VelaModel> load_vela_model(const std::string& path) {
  Expected<ir::Model> model = tflite::load_tflite(path);
  if (!model) return model.status();
  const ir::Graph& graph = model->main_graph();
  const ir::Operator* npu = nullptr;
  for (const ir::Operator& op : graph.operators) {
    if (op.type != ir::OpType::kEthosU) continue;
    if (npu != nullptr) return Status::unsupported(path + ": more than one ethos-u operator");
    npu = &op;
  }
  if (npu == nullptr || npu->inputs.size() < kFirstModelInput) {
    return Status::invalid_input(path + ": no ethos-u operator with its four fixed inputs");
  }
  if (graph.operators.size() != 1) {
    return Status::unsupported(path + ": CPU operators besides the ethos-u operator");
  }
  Expected<std::vector<int32_t>> offsets = arena_offsets(*model);
  if (!offsets) return offsets.status();

  VelaModel result;
  const ir::Tensor& payload = graph.tensor(npu->inputs[kCommandStreamInput]);
  Expected<isa::Cop1Payload> cop1 = isa::parse_cop1_payload(payload.data.data(), payload.data.size());
  if (!cop1) return cop1.status();
  result.command_stream = cop1->command_stream;
  result.config_register = cop1->config_register;
  result.flash = graph.tensor(npu->inputs[kFlashInput]).data;
  result.arena_bytes = graph.tensor(npu->inputs[kScratchInput]).size_bytes();
  result.fast_scratch_bytes = graph.tensor(npu->inputs[kFastScratchInput]).size_bytes();
  for (size_t i = kFirstModelInput; i < npu->inputs.size(); ++i) {
    Expected<VelaTensorPlace> p = place(graph, *offsets, npu->inputs[i]);
    if (!p) return p.status();
    result.inputs.push_back(*p);
  }
  for (int32_t output : npu->outputs) {
    Expected<VelaTensorPlace> p = place(graph, *offsets, output);
    if (!p) return p.status();
    result.outputs.push_back(*p);
  }
  return result;
}

Expected<VelaRun> run_vela_model(const VelaModel& model, const isa::AcceleratorConfig& config,
                                 const std::vector<std::vector<uint8_t>>& inputs,
                                 const VelaObserver& observer) {
  if (inputs.size() != model.inputs.size()) {
    return Status::invalid_input("expected " + std::to_string(model.inputs.size()) + " inputs");
  }
  VelaRun run;
  run.arena.assign(static_cast<size_t>(model.arena_bytes), 0);
  std::vector<uint8_t> flash = model.flash;
  std::vector<uint8_t> fast(static_cast<size_t>(model.fast_scratch_bytes), 0);
  for (size_t i = 0; i < inputs.size(); ++i) {
    const VelaTensorPlace& p = model.inputs[i];
    if (static_cast<int64_t>(inputs[i].size()) != p.size_bytes ||
        p.arena_offset + p.size_bytes > model.arena_bytes) {
      return Status::invalid_input("input " + std::to_string(i) + " does not fit");
    }
    std::memcpy(run.arena.data() + p.arena_offset, inputs[i].data(), inputs[i].size());
  }
  sim::FunctionalNpu npu(config);
  npu.set_base_pointer(0, {flash.data(), flash.size()});
  npu.set_base_pointer(1, {run.arena.data(), run.arena.size()});
  npu.set_base_pointer(2, {fast.data(), fast.size()});
  std::array<sim::MemoryRegion, 8> regions{};
  regions[0] = {flash.data(), flash.size()};
  regions[1] = {run.arena.data(), run.arena.size()};
  regions[2] = {fast.data(), fast.size()};
  if (observer) {
    npu.set_observer([&](const isa::Operation& op) { observer(op, regions); });
  }
  run.npu = npu.run(model.command_stream.data(), model.command_stream.size());
  for (const VelaTensorPlace& p : model.outputs) {
    if (p.arena_offset + p.size_bytes > model.arena_bytes) {
      return Status::invalid_input("output tensor " + std::to_string(p.tensor) + " does not fit");
    }
    run.outputs.emplace_back(run.arena.begin() + p.arena_offset,
                             run.arena.begin() + p.arena_offset + p.size_bytes);
  }
  return run;
}

Expected<std::vector<uint8_t>> read_npy_data(const std::string& path) {
  Expected<std::vector<uint8_t>> bytes = read_file(path);
  if (!bytes) return bytes.status();
  const std::vector<uint8_t>& b = *bytes;
  if (b.size() < 12 || std::memcmp(b.data(), "\x93NUMPY", 6) != 0) {
    return Status::invalid_input(path + ": not a .npy file");
  }
  size_t data_start = 0;
  if (b[6] == 1) {
    data_start = 10 + static_cast<size_t>(b[8] | (b[9] << 8));
  } else {
    data_start = 12 + static_cast<size_t>(static_cast<uint32_t>(b[8]) | (b[9] << 8) |
                                          (b[10] << 16) | (static_cast<uint32_t>(b[11]) << 24));
  }
  if (data_start > b.size()) return Status::invalid_input(path + ": truncated header");
  return std::vector<uint8_t>(b.begin() + static_cast<std::ptrdiff_t>(data_start), b.end());
}

}  // namespace vnpu::testing
