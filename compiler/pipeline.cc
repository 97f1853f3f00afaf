#include "compiler/pipeline.h"

#include "compiler/passes/passes.h"
#include "core/file_io.h"
#include "ir/verifier.h"
#include "isa/accelerator_config.h"
#include "tflite/writer.h"

namespace vnpu::compiler {

const std::vector<PassEntry>& graph_passes() {
  static const std::vector<PassEntry> kPasses = {
      {"fold_shapes", fold_shapes},
      {"unroll_lstm", unroll_lstm},
      {"fuse_activations", fuse_activations},
      {"fold_pad_into_convolution", fold_pad_into_convolution},
      {"convert_fully_connected_to_conv", convert_fully_connected_to_conv},
      {"convert_depthwise_multiplier_to_conv", convert_depthwise_multiplier_to_conv},
      {"split_grouped_convolutions", split_grouped_convolutions},
      {"decompose_prelu", decompose_prelu},
      {"convert_transpose_conv_strides", convert_transpose_conv_strides},
      {"split_batches", split_batches},
      {"lower_mean_to_average_pool", lower_mean_to_average_pool},
      {"convert_splits_to_slices", convert_splits_to_slices},
      {"remove_reshapes", remove_reshapes},
  };
  return kPasses;
}

namespace {

Status check_dump_options(const CompilerOptions& options) {
  for (const auto& [pass, path] : options.dump_after) {
    bool known = false;
    std::string names;
    for (const PassEntry& entry : graph_passes()) {
      known = known || pass == entry.name;
      names += names.empty() ? entry.name : std::string(", ") + entry.name;
    }
    if (!known) {
      return Status::invalid_input("--dump-after: unknown pass '" + pass + "' (passes: " + names +
                                   ")");
    }
  }
  return Status::ok();
}

Status dump_model(const ir::Model& model, const std::string& path) {
  Expected<std::vector<uint8_t>> bytes = tflite::write_tflite(model);
  if (!bytes) return bytes.status();
  return write_file(path, *bytes);
}

}  // namespace

Expected<CompileResult> compile_graph(ir::Model model, const CompilerOptions& options) {
  const Expected<isa::AcceleratorConfig> config =
      isa::find_accelerator_config(options.accelerator_config);
  if (!config) return config.status();
  if (Status s = check_dump_options(options); !s) return s;
  if (model.graphs.empty()) return Status::invalid_input("the model has no subgraph");
  if (Status s = ir::verify_model(model); !s) return s.with_context("import");

  CompileResult result;
  ir::Graph& graph = model.main_graph();
  for (const PassEntry& pass : graph_passes()) {
    if (Status s = pass.run(graph, options); !s) return s.with_context(pass.name);
    if (Status s = ir::verify_graph(graph); !s) {
      return Status::internal("pass " + std::string(pass.name) + " broke the graph: " +
                              s.message());
    }
    result.passes_run.emplace_back(pass.name);
    const auto dump = options.dump_after.find(pass.name);
    if (dump != options.dump_after.end()) {
      if (Status s = dump_model(model, dump->second); !s) return s.with_context("--dump-after");
      result.dumped_files.push_back(dump->second);
    }
  }
  result.partition = partition_graph(graph, *config);
  result.model = std::move(model);
  return result;
}

}  // namespace vnpu::compiler
