// vnpu inspect MODEL.tflite: what a model contains and what it costs.
#include <cstdio>
#include <string>

#include "cli/command.h"
#include "cli/describe.h"
#include "cli/options.h"
#include "ir/model_stats.h"

namespace vnpu::cli {
namespace {

std::string tensor_ref(const ir::Graph& graph, int32_t index) {
  if (index == ir::kNoTensor) return "-";
  const ir::Tensor& tensor = graph.tensor(index);
  return "t" + std::to_string(index) + " " + ir::shape_to_string(tensor.shape);
}

void print_io(const ir::Graph& graph, const char* label, const std::vector<int32_t>& indices) {
  for (int32_t index : indices) {
    const ir::Tensor& tensor = graph.tensor(index);
    std::printf("%-8s t%-4d %-24s %-8s %-18s %s\n", label, index, tensor.name.c_str(),
                ir::data_type_name(tensor.type), ir::shape_to_string(tensor.shape).c_str(),
                describe_quantization(tensor.quantization).c_str());
  }
}

int64_t print_operators(const ir::Graph& graph) {
  const int name_width = operator_column_width(graph);
  std::printf("\n%4s  %-*s %-22s %-22s %14s  %s\n", "#", name_width, "operator", "input", "output",
              "MACs", "options");
  int64_t total_macs = 0;
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const ir::Operator& op = graph.operators[i];
    const int64_t macs = ir::mac_count(graph, op);
    total_macs += macs;
    const int32_t input = op.inputs.empty() ? ir::kNoTensor : op.inputs[0];
    std::printf("%4zu  %-*s %-22s %-22s %14s  %s\n", i, name_width, ir::op_type_name(op.type),
                tensor_ref(graph, input).c_str(), tensor_ref(graph, op.outputs[0]).c_str(),
                with_thousands(macs).c_str(), describe_options(graph, op).c_str());
  }
  return total_macs;
}

void print_tensors(const ir::Graph& graph) {
  std::printf("\n%5s  %-40s %-8s %-18s %-10s %s\n", "index", "tensor", "type", "shape", "constant",
              "quantization");
  for (size_t i = 0; i < graph.tensors.size(); ++i) {
    const ir::Tensor& tensor = graph.tensors[i];
    std::string name = tensor.name.size() > 40 ? tensor.name.substr(0, 37) + "..." : tensor.name;
    const std::string constant =
        tensor.is_constant() ? with_thousands(static_cast<int64_t>(tensor.data.size())) + " B" : "";
    std::printf("%5zu  %-40s %-8s %-18s %-10s %s\n", i, name.c_str(),
                ir::data_type_name(tensor.type), ir::shape_to_string(tensor.shape).c_str(),
                constant.c_str(), describe_quantization(tensor.quantization).c_str());
  }
}

void print_graph(const ir::Graph& graph, size_t index) {
  std::printf("\nsubgraph %zu '%s': %zu operators, %zu tensors\n", index, graph.name.c_str(),
              graph.operators.size(), graph.tensors.size());
  print_io(graph, "input", graph.inputs);
  print_io(graph, "output", graph.outputs);
  const int64_t macs = print_operators(graph);
  print_tensors(graph);
  const ir::ParameterBytes params = ir::parameter_bytes(graph);
  std::printf("\ntotal MACs: %s\n", with_thousands(macs).c_str());
  const double ratio = params.stored_bytes > 0
                           ? static_cast<double>(params.float32_bytes) /
                                 static_cast<double>(params.stored_bytes)
                           : 0.0;
  std::printf("parameters: %s elements, %s bytes as stored (INT8 weights, INT32 biases), "
              "%s bytes as FP32 (%.2fx smaller)\n",
              with_thousands(params.elements).c_str(), with_thousands(params.stored_bytes).c_str(),
              with_thousands(params.float32_bytes).c_str(), ratio);
}

}  // namespace

int run_inspect(int argc, char** argv) {
  po::options_description options("options");
  options.add_options()("model", po::value<std::string>()->default_value(""),
                        "model .tflite (default: the built-in kws-dscnn model)");
  po::positional_options_description positional;
  positional.add("model", 1);
  ParsedOptions parsed = parse_options(
      argc, argv,
      "usage: vnpu inspect [MODEL.tflite]\n"
      "Lists operators, tensors, shapes, types, quantization (per tensor or per channel),\n"
      "MACs per layer and in total, and parameter bytes as INT8 against their FP32 size.",
      options, positional);
  if (parsed.exit_code) return *parsed.exit_code;
  auto loaded = load_model(parsed.values["model"].as<std::string>());
  if (!loaded) return report_error("inspect", loaded.status());
  std::printf("model: %s\n", loaded->label.c_str());
  if (!loaded->model.description.empty()) {
    std::printf("description: %s\n", loaded->model.description.c_str());
  }
  for (size_t i = 0; i < loaded->model.graphs.size(); ++i) print_graph(loaded->model.graphs[i], i);
  return 0;
}

}  // namespace vnpu::cli
