#include "verify/verify_model.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "driver/cpu/cpu_runtime.h"
#include "driver/tensor_io.h"
#include "sim/functional/feature_map.h"
#include "sim/functional/kernel_geometry.h"
#include "verify/contributing_inputs.h"
#include "verify/layer_map.h"
#include "verify/npu_operations.h"
#include "verify/operation_inputs.h"

namespace vnpu::verify {
namespace {

constexpr int kMaxSeeds = 1000;
constexpr size_t kArenaRegion = 1;  // the feature maps' region (Vela's and ours)
constexpr const char* kFunctionalBackend = "functional";

// One comparison of expected and actual values.
struct Comparison {
  int64_t elements = 0;
  int64_t mismatches = 0;
  int64_t max_abs_diff = 0;
  int64_t first = -1;  // index of the first mismatch
  int64_t expected = 0;
  int64_t actual = 0;
};

void count(int64_t index, int64_t expected, int64_t actual, Comparison* c) {
  ++c->elements;
  if (expected == actual) return;
  ++c->mismatches;
  c->max_abs_diff =
      std::max(c->max_abs_diff, expected > actual ? expected - actual : actual - expected);
  if (c->first < 0) {
    c->first = index;
    c->expected = expected;
    c->actual = actual;
  }
}

Comparison compare_tensor(ir::DataType type, int64_t elements, const std::vector<uint8_t>& expected,
                          const uint8_t* actual, size_t actual_size) {
  const std::vector<uint8_t> actual_bytes(actual, actual + actual_size);
  Comparison c;
  for (int64_t i = 0; i < elements; ++i) {
    count(i, element_value(type, expected, i), element_value(type, actual_bytes, i), &c);
  }
  return c;
}

// The operation's OFM in the backend's memory against the functional model's.
Expected<Comparison> compare_ofm(const isa::Operation& operation, NpuMemorySnapshot& actual,
                                 NpuMemorySnapshot& expected, std::array<int64_t, 4>* first_at) {
  SnapshotMemory actual_memory(actual), expected_memory(expected);
  const sim::FmShape shape = sim::ofm_shape(operation.state);
  sim::FeatureMap actual_ofm, expected_ofm;
  sim::ExecResult bound =
      sim::FeatureMap::bind(operation.state.ofm, shape, actual_memory.memory, "OFM", &actual_ofm);
  if (bound.ok()) {
    bound = sim::FeatureMap::bind(operation.state.ofm, shape, expected_memory.memory, "OFM",
                                  &expected_ofm);
  }
  if (!bound.ok()) return Status::invalid_input("reading the OFM: " + bound.message);
  Comparison c;
  for (int32_t y = 0; y < shape.height; ++y) {
    for (int32_t x = 0; x < shape.width; ++x) {
      for (int32_t ch = 0; ch < shape.depth; ++ch) {
        const int64_t before = c.mismatches;
        count(c.elements, expected_ofm.read(y, x, ch), actual_ofm.read(y, x, ch), &c);
        if (before == 0 && c.mismatches == 1) *first_at = {0, y, x, ch};
      }
    }
  }
  return c;
}

// The reference run: every tensor's bytes after the operator that writes it.
Expected<std::vector<std::vector<uint8_t>>> run_reference(
    const ir::Model& model, const std::vector<std::vector<uint8_t>>& inputs) {
  driver::cpu::CpuOptions options;
  options.kernels = driver::cpu::KernelChoice::kReference;
  auto runtime = driver::cpu::CpuRuntime::create(model, options);
  if (!runtime) return runtime.status().with_context("the CPU reference");
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (Status status = (*runtime)->set_input(i, inputs[i]); !status) return status;
  }
  const ir::Graph& graph = model.main_graph();
  std::vector<std::vector<uint8_t>> tensors(graph.tensors.size());
  auto keep = [&](int32_t index) {
    const uint8_t* data = (*runtime)->tensor_data(index);
    if (index < 0 || data == nullptr) return;
    tensors[static_cast<size_t>(index)].assign(data, data + graph.tensor(index).size_bytes());
  };
  for (int32_t input : graph.inputs) keep(input);
  Status status = (*runtime)->invoke([&](size_t op) {
    for (int32_t output : graph.operators[op].outputs) keep(output);
  });
  if (!status) return status.with_context("the CPU reference");
  return tensors;
}

int32_t find_tensor(const ir::Graph& graph, const std::string& name) {
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    if (graph.tensors[i].name == name) return static_cast<int32_t>(i);
  }
  return -1;
}

int32_t producer_of(const ir::Graph& graph, int32_t tensor) {
  if (tensor < 0) return -1;
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const auto& outputs = graph.operators[i].outputs;
    if (std::find(outputs.begin(), outputs.end(), tensor) != outputs.end()) {
      return static_cast<int32_t>(i);
    }
  }
  return -1;
}

class Verifier {
 public:
  Verifier(const ir::Model& compiled, LayerMap map, std::vector<NpuOperationRef> operations,
           driver::cpu::NpuPrepare backend, driver::cpu::NpuPrepare functional)
      : compiled_(compiled),
        map_(std::move(map)),
        operations_(std::move(operations)),
        backend_(std::move(backend)),
        functional_(std::move(functional)) {}

  void start_rows(VerifyReport* report) const;
  std::string output_layers(const NpuOperationRef& op) const;
  Status run_seed(int seed, VerifyReport* report);

 private:
  Status check_operation(size_t row, VerifyReport* report);
  Status check_layer(size_t row, NpuMemorySnapshot& actual, VerifyReport* report);
  void check_outputs(size_t row, NpuMemorySnapshot& actual, VerifyReport* report);
  void record(size_t row, const Comparison& c, bool against_cpu, VerifyReport* report) const;
  void describe(size_t row, const std::string& against, const std::string& tensor, int32_t layer_op,
                std::array<int64_t, 4> at, const Comparison& c, VerifyReport* report) const;

  const ir::Model& compiled_;
  LayerMap map_;
  std::vector<NpuOperationRef> operations_;
  driver::cpu::NpuPrepare backend_;
  driver::cpu::NpuPrepare functional_;  // empty when the backend is the functional model
  int seed_ = 0;
  std::vector<std::vector<uint8_t>> inputs_;
  std::vector<std::vector<uint8_t>> reference_;
};

void Verifier::start_rows(VerifyReport* report) const {
  report->mapping_note = map_.note;
  for (const NpuOperationRef& op : operations_) {
    OperationCheck row;
    auto layer = map_.layers.find({op.segment, op.operation.word_offset});
    row.layer = layer != map_.layers.end() ? layer->second.label : "not mapped";
    if (layer == map_.layers.end() && op.last_in_segment) row.layer = output_layers(op);
    row.npu_op = std::to_string(op.segment) + "." + std::to_string(op.index) + " " +
                 npu_operation_name(op.operation);
    if (functional_) row.functional_mismatches = 0;
    report->rows.push_back(row);
  }
}

// The layers producing the `ethos-u` operator's outputs, found by tensor name
// (how an unmapped stream's last operation is labelled); "not mapped" if none.
std::string Verifier::output_layers(const NpuOperationRef& op) const {
  const ir::Graph& compiled = compiled_.main_graph();
  const ir::Graph& graph = map_.reference.main_graph();
  std::string labels;
  for (int32_t output : compiled.operators[op.operator_index].outputs) {
    const int32_t producer = producer_of(graph, find_tensor(graph, compiled.tensor(output).name));
    if (producer < 0) continue;
    labels += (labels.empty() ? "" : ", ") + layer_label(graph, static_cast<size_t>(producer));
  }
  return labels.empty() ? "not mapped" : "output of " + labels;
}

Status Verifier::run_seed(int seed, VerifyReport* report) {
  seed_ = seed;
  const ir::Graph& graph = map_.reference.main_graph();
  inputs_.clear();
  for (size_t i = 0; i < graph.inputs.size(); ++i) {
    inputs_.push_back(driver::random_input_bytes(graph.tensor(graph.inputs[i]),
                                                 static_cast<uint64_t>(seed) * 7919 + i));
  }
  Expected<std::vector<std::vector<uint8_t>>> reference = run_reference(map_.reference, inputs_);
  if (!reference) return reference.status();
  reference_ = std::move(*reference);
  for (size_t row = 0; row < operations_.size(); ++row) {
    if (Status status = check_operation(row, report); !status) return status;
  }
  return Status::ok();
}

Status Verifier::check_operation(size_t row, VerifyReport* report) {
  const NpuOperationRef& op = operations_[row];
  const std::string where = "NPU operation " + report->rows[row].npu_op;
  Expected<NpuMemorySnapshot> actual = run_through_operation(compiled_, op, backend_, inputs_);
  if (!actual) return actual.status().with_context(where);
  if (Status status = check_layer(row, *actual, report); !status) return status.with_context(where);
  if (op.last_in_segment) check_outputs(row, *actual, report);
  if (functional_) {
    Expected<NpuMemorySnapshot> expected =
        run_through_operation(compiled_, op, functional_, inputs_);
    if (!expected) return expected.status().with_context(where + " on the functional model");
    std::array<int64_t, 4> at{};
    Expected<Comparison> c = compare_ofm(op.operation, *actual, *expected, &at);
    if (!c) return c.status().with_context(where);
    record(row, *c, false, report);
    if (c->mismatches > 0 && !report->first_mismatch) {
      describe(row, "functional model", "OFM", -1, at, *c, report);
      Expected<NpuMemorySnapshot> before =
          run_before_operation(compiled_, op, functional_, inputs_);
      if (!before) return before.status().with_context(where + " on the functional model");
      report->first_mismatch->inputs = operation_inputs(op.operation, *before, at);
      report->first_mismatch->inputs_from = "the functional model's memory before the operation";
    }
  }
  return Status::ok();
}

// The layer's output in the arena against the CPU reference.
Status Verifier::check_layer(size_t row, NpuMemorySnapshot& actual, VerifyReport* report) {
  const NpuOperationRef& op = operations_[row];
  auto found = map_.layers.find({op.segment, op.operation.word_offset});
  if (found == map_.layers.end()) return Status::ok();
  const LayerRef& layer = found->second;
  if (!layer.finishes_layer || layer.arena_offset < 0) return Status::ok();
  const ir::Graph& graph = map_.reference.main_graph();
  const int32_t output = graph.operators[static_cast<size_t>(layer.op_index)].outputs.at(0);
  const ir::Tensor& tensor = graph.tensor(output);
  if (actual.regions.size() <= kArenaRegion) {
    return Status::internal("layer " + layer.label + ": the ethos-u operator maps no region 1");
  }
  const std::vector<uint8_t>& arena = actual.regions[kArenaRegion];
  const auto offset = static_cast<size_t>(layer.arena_offset);
  const auto bytes = static_cast<size_t>(tensor.size_bytes());
  if (offset + bytes > arena.size()) {
    return Status::internal("layer " + layer.label + ": its output at arena offset " +
                            std::to_string(offset) + " (" + std::to_string(bytes) +
                            " bytes) lies outside region 1 (" + std::to_string(arena.size()) +
                            " bytes)");
  }
  const Comparison c =
      compare_tensor(tensor.type, tensor.element_count(), reference_[static_cast<size_t>(output)],
                     arena.data() + offset, bytes);
  record(row, c, true, report);
  if (c.mismatches > 0) {
    describe(row, "CPU reference", "'" + tensor.name + "'", layer.op_index,
             nhwc_coordinate(tensor.shape, c.first), c, report);
  }
  return Status::ok();
}

// The `ethos-u` operator's outputs against the CPU reference's tensors of the same names.
void Verifier::check_outputs(size_t row, NpuMemorySnapshot& actual, VerifyReport* report) {
  const NpuOperationRef& op = operations_[row];
  const ir::Graph& compiled = compiled_.main_graph();
  const ir::Graph& graph = map_.reference.main_graph();
  const auto& outputs = compiled.operators[op.operator_index].outputs;
  for (size_t i = 0; i < outputs.size() && i < actual.outputs.size(); ++i) {
    const ir::Tensor& tensor = compiled.tensor(outputs[i]);
    const int32_t reference = find_tensor(graph, tensor.name);
    if (reference < 0 || reference_[static_cast<size_t>(reference)].empty()) continue;
    if (graph.tensor(reference).size_bytes() != tensor.size_bytes()) continue;
    const Comparison c = compare_tensor(tensor.type, tensor.element_count(),
                                        reference_[static_cast<size_t>(reference)],
                                        actual.outputs[i].data(), actual.outputs[i].size());
    record(row, c, true, report);
    if (c.mismatches > 0) {
      describe(row, "CPU reference", "'" + tensor.name + "'", producer_of(graph, reference),
               nhwc_coordinate(tensor.shape, c.first), c, report);
    }
  }
}

void Verifier::record(size_t row, const Comparison& c, bool against_cpu,
                      VerifyReport* report) const {
  OperationCheck& check = report->rows[row];
  if (seed_ == 1) check.elements += c.elements;
  int64_t& mismatches = against_cpu ? check.cpu_mismatches : check.functional_mismatches;
  mismatches = std::max<int64_t>(mismatches, 0) + c.mismatches;
  check.max_abs_diff = std::max(check.max_abs_diff, c.max_abs_diff);
}

void Verifier::describe(size_t row, const std::string& against, const std::string& tensor,
                        int32_t layer_op, std::array<int64_t, 4> at, const Comparison& c,
                        VerifyReport* report) const {
  if (report->first_mismatch) return;
  MismatchDetail detail;
  detail.seed = seed_;
  detail.layer = report->rows[row].layer;
  detail.npu_op = report->rows[row].npu_op;
  detail.against = against;
  detail.tensor = tensor;
  detail.coordinate = at;
  detail.expected = c.expected;
  detail.actual = c.actual;
  const ir::Graph& graph = map_.reference.main_graph();
  if (layer_op >= 0) {
    detail.layer = layer_label(graph, static_cast<size_t>(layer_op));
    detail.inputs =
        contributing_inputs(graph, graph.operators[static_cast<size_t>(layer_op)], reference_, at);
    detail.inputs_from = "the CPU reference";
  }
  report->first_mismatch = detail;
}

Expected<driver::cpu::NpuPrepare> open_backend(
    const driver::npu::BackendRegistry& registry, const std::string& name,
    const driver::npu::BackendChoice& choice,
    std::vector<std::unique_ptr<driver::npu::NpuSession>>* sessions) {
  const driver::npu::BackendInfo* backend = registry.find(name);
  if (backend == nullptr) {
    return Status::invalid_input("unknown backend '" + name + "' (available: " + registry.names() +
                                 ")");
  }
  auto session = backend->open(choice);
  if (!session) return session.status();
  driver::cpu::NpuPrepare prepare = (*session)->npu_prepare();
  if (!prepare) return Status::invalid_input("backend '" + name + "' runs no NPU operations");
  sessions->push_back(std::move(*session));
  return prepare;
}

}  // namespace

Expected<OpenedBackends> open_backends(const driver::npu::BackendRegistry& registry,
                                       const VerifyOptions& options) {
  if (options.seeds < 1 || options.seeds > kMaxSeeds) {
    return Status::invalid_input("--seeds must be 1.." + std::to_string(kMaxSeeds) + ", got " +
                                 std::to_string(options.seeds));
  }
  OpenedBackends opened;
  Expected<driver::cpu::NpuPrepare> backend =
      open_backend(registry, options.backend, options.choice, &opened.sessions);
  if (!backend) return backend.status();
  opened.backend = std::move(*backend);
  if (options.backend != kFunctionalBackend) {
    Expected<driver::cpu::NpuPrepare> functional =
        open_backend(registry, kFunctionalBackend, options.choice, &opened.sessions);
    if (!functional) return functional.status();
    opened.functional = std::move(*functional);
  }
  return opened;
}

Expected<VerifyReport> verify_compiled_model(const ir::Model& compiled, const ir::Model& source,
                                             const OpenedBackends& backends,
                                             const VerifyOptions& options) {
  Expected<std::vector<NpuOperationRef>> operations = list_npu_operations(compiled);
  if (!operations) return operations.status();
  Expected<LayerMap> map = map_layers(source, options.compile_options(), *operations);
  if (!map) return map.status();
  Verifier verifier(compiled, std::move(*map), std::move(*operations), backends.backend,
                    backends.functional);
  VerifyReport report;
  verifier.start_rows(&report);
  for (int seed = 1; seed <= options.seeds; ++seed) {
    if (Status status = verifier.run_seed(seed, &report); !status) return status;
  }
  return report;
}

}  // namespace vnpu::verify
