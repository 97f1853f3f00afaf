#include "verify/verify_random.h"

#include <string>
#include <utility>

#include "compiler/compile_model.h"
#include "tflite/reader.h"
#include "tflite/writer.h"
#include "verify/random_operations.h"

namespace vnpu::verify {
namespace {

bool has_npu_operator(const ir::Model& model) {
  for (const ir::Operator& op : model.main_graph().operators) {
    if (op.type == ir::OpType::kEthosU) return true;
  }
  return false;
}

// The compiled model as `vnpu compile` writes it and `vnpu verify` reads it.
Expected<ir::Model> round_trip(const ir::Model& model) {
  Expected<std::vector<uint8_t>> bytes = tflite::write_tflite(model);
  if (!bytes) return bytes.status();
  return tflite::read_tflite(bytes->data(), bytes->size(), "compiled");
}

Status verify_case(uint32_t index, const RandomOperation& random, const OpenedBackends& backends,
                   const VerifyOptions& options, VerifyReport* report) {
  const std::string label = "#" + std::to_string(index) + " " + random.description;
  const compiler::CompilerOptions compile_options = options.compile_options();
  Expected<compiler::CompiledModel> compiled =
      compiler::compile_model(random.model, compile_options);
  if (!compiled) return compiled.status().with_context(label);
  if (!has_npu_operator(compiled->output)) {
    OperationCheck row;
    const auto& placed = compiled->front.partition.ops;
    const auto& refused = compiled->schedule.refusals;
    row.layer = label + ": " +
                (!refused.empty() ? refused.front().reason
                 : placed.empty() ? std::string()
                                  : placed.front().reason);
    row.npu_op = "stays on the CPU";
    row.on_cpu = true;
    report->rows.push_back(row);
    return Status::ok();
  }
  Expected<ir::Model> model = round_trip(compiled->output);
  if (!model) return model.status().with_context(label);
  Expected<VerifyReport> verified = verify_compiled_model(*model, random.model, backends, options);
  if (!verified) return verified.status().with_context(label);
  for (OperationCheck& row : verified->rows) {
    row.layer = label + ": " + row.layer;
    report->rows.push_back(std::move(row));
  }
  if (verified->first_mismatch && !report->first_mismatch) {
    report->first_mismatch = verified->first_mismatch;
    report->first_mismatch->layer = label + ": " + report->first_mismatch->layer;
  }
  return Status::ok();
}

}  // namespace

Expected<VerifyReport> verify_random_operations(int count, uint64_t seed,
                                                const OpenedBackends& backends,
                                                const VerifyOptions& options) {
  if (count < 1 || count > kMaxRandomCases) {
    return Status::invalid_input("--random must be 1.." + std::to_string(kMaxRandomCases) +
                                 ", got " + std::to_string(count));
  }
  VerifyReport report;
  report.mapping_note = "constrained-random single-operator graphs, seed " + std::to_string(seed);
  for (int i = 0; i < count; ++i) {
    const auto index = static_cast<uint32_t>(i);
    Status status = verify_case(index, random_operation(seed, index), backends, options, &report);
    if (!status) return status;
  }
  return report;
}

}  // namespace vnpu::verify
