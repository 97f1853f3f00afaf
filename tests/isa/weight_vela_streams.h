// Test helper: the weight and scale streams of the Vela-compiled shared
// models, found by a small scan of each ethos-u operator's command stream
// (WEIGHT/SCALE base and length, the registers that give the stream's layout,
// and the DMAs that copy buffered weights from flash to SRAM). It is not the
// ISA decoder: it reads only the registers the weight codec tests need.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"
#include "isa/weight_layout.h"

namespace vnpu::isa::weight_testing {

// One NPU_OP_CONV or NPU_OP_DEPTHWISE and the streams it reads, resolved to
// offsets in the ethos-u operator's flash tensor.
struct VelaKernelOp {
  size_t command_word = 0;  // word offset of the kick-off in the command stream
  bool depthwise = false;
  uint64_t weight_offset = 0;  // in the flash tensor
  uint64_t weight_length = 0;
  uint64_t scale_offset = 0;
  uint64_t scale_length = 0;
  int32_t ofm_depth = 0;
  int32_t ofm_block_depth = 0;
  int32_t ifm_depth = 0;
  int32_t kernel_width = 0;  // undilated
  int32_t kernel_height = 0;
  int32_t dilation_x = 1;
  int32_t dilation_y = 1;
  int32_t ifm_bits = 8;
  WeightOrder order = WeightOrder::kDepthFirst;

  // The stream's layout on `config`.
  WeightLayoutParams layout(const AcceleratorConfig& config) const;
};

struct VelaCustomOp {
  std::vector<uint8_t> flash;
  std::vector<VelaKernelOp> kernel_ops;
};

struct VelaModel {
  std::string path;
  std::string model_name;   // the shared model folder, e.g. "kws_dscnn"
  std::string config_name;  // "ethos-u55-128" or "ethos-u55-256"
  ir::Model source;         // the model Vela compiled (model.tflite)
  std::vector<VelaCustomOp> custom_ops;
};

// Every *_vela.tflite under the shared models, plus the upstream person_detect
// compile; empty when the shared models are absent.
std::vector<std::string> vela_model_paths();

// Every <model>/vela/<config>/<model>_vela.tflite under `root` (e.g. the
// shared more_models folder), sorted.
std::vector<std::string> vela_model_paths_under(const std::string& root);

// Loads a Vela model, scans its ethos-u operators and (with load_source)
// loads the source model. Without load_source the ethos-u operators are read
// straight from the flatbuffer (the file may hold CPU operators our reader
// does not support).
Expected<VelaModel> load_vela_model(const std::string& path, bool load_source = true);

// A weight tensor of the source model as OHWI symbols (zero point removed)
// with its per-channel bias and quantized scale.
struct SourceWeights {
  std::string name;
  int32_t op_index = 0;
  bool depthwise = false;
  bool single_input_channel = false;  // depthwise with one IFM channel: also a convolution
  int32_t ofm_depth = 0, kernel_height = 0, kernel_width = 0, ifm_depth = 0;
  std::vector<int16_t> ohwi;
  std::vector<int64_t> bias;         // empty without a bias operand
  std::vector<uint32_t> multiplier;  // TFLite QuantizeMultiplier of in*w/out scales
  std::vector<uint32_t> shift;       // 31 - exponent
};

// The CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED weights of a graph.
std::vector<SourceWeights> source_weights(const ir::Graph& graph);

}  // namespace vnpu::isa::weight_testing
