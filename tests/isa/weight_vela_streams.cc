#include "weight_vela_streams.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

#include "core/file_io.h"
#include "tflite/builtin_codes.h"
#include "tflite/reader.h"
#include "tflite/schema/tflite_subset_generated.h"

namespace vnpu::isa::weight_testing {
namespace {

namespace fs = std::filesystem;

// The few registers of the scan, by opcode (cmd0 0x1xx, cmd1 0x0xx).
constexpr uint32_t kOpConv = 0x002, kOpDepthwise = 0x003, kOpDmaStart = 0x010;
constexpr uint32_t kIfmDepthM1 = 0x104, kIfmPrecision = 0x105, kOfmDepthM1 = 0x113;
constexpr uint32_t kOfmBlkDepthM1 = 0x117, kKernelWidthM1 = 0x120, kKernelHeightM1 = 0x121;
constexpr uint32_t kKernelStride = 0x122, kWeightRegion = 0x128, kScaleRegion = 0x129;
constexpr uint32_t kDmaSrcRegion = 0x130, kDmaDstRegion = 0x131;
constexpr uint32_t kWeightBase = 0x020, kWeightLength = 0x021, kScaleBase = 0x022;
constexpr uint32_t kScaleLength = 0x023, kDmaSrc = 0x030, kDmaDst = 0x031, kDmaLen = 0x032;

struct Dma {
  uint32_t src_region = 0, dst_region = 0;
  uint64_t src = 0, dst = 0, length = 0;
};

struct ScanState {
  std::map<uint32_t, uint32_t> cmd0;
  std::map<uint32_t, uint32_t> cmd1;
  std::vector<Dma> dmas;
  uint32_t reg0(uint32_t opcode) const {
    auto it = cmd0.find(opcode);
    return it == cmd0.end() ? 0 : it->second;
  }
  uint32_t reg1(uint32_t opcode) const {
    auto it = cmd1.find(opcode);
    return it == cmd1.end() ? 0 : it->second;
  }
};

// An address in `region` as an offset in the flash tensor (region 0), following
// the latest DMA that copied flash to that address.
Expected<uint64_t> flash_offset(const ScanState& state, uint32_t region, uint64_t address) {
  if (region == 0) return address;
  for (auto it = state.dmas.rbegin(); it != state.dmas.rend(); ++it) {
    if (it->dst_region == region && it->src_region == 0 && address >= it->dst &&
        address < it->dst + it->length) {
      return it->src + (address - it->dst);
    }
  }
  return Status::invalid_input("no DMA from flash fills region " + std::to_string(region) +
                               " address " + std::to_string(address));
}

Expected<VelaKernelOp> kernel_op(const ScanState& s, bool depthwise, size_t word) {
  VelaKernelOp op;
  op.command_word = word;
  op.depthwise = depthwise;
  op.ofm_depth = static_cast<int32_t>(s.reg0(kOfmDepthM1)) + 1;
  op.ofm_block_depth = static_cast<int32_t>(s.reg0(kOfmBlkDepthM1)) + 1;
  op.ifm_depth = static_cast<int32_t>(s.reg0(kIfmDepthM1)) + 1;
  const uint32_t stride = s.reg0(kKernelStride);
  op.order = (stride & 4U) != 0 ? WeightOrder::kPartKernelFirst : WeightOrder::kDepthFirst;
  op.dilation_x = static_cast<int32_t>((stride >> 3) & 1U) + 1;
  op.dilation_y = static_cast<int32_t>((stride >> 4) & 1U) + 1;
  op.kernel_width = static_cast<int32_t>(s.reg0(kKernelWidthM1)) / op.dilation_x + 1;
  op.kernel_height = static_cast<int32_t>(s.reg0(kKernelHeightM1)) / op.dilation_y + 1;
  op.ifm_bits = ((s.reg0(kIfmPrecision) >> 2) & 3U) == 1 ? 16 : 8;
  Expected<uint64_t> weights = flash_offset(s, s.reg0(kWeightRegion) & 7U, s.reg1(kWeightBase));
  Expected<uint64_t> scales = flash_offset(s, s.reg0(kScaleRegion) & 7U, s.reg1(kScaleBase));
  if (!weights) return weights.status();
  if (!scales) return scales.status();
  op.weight_offset = *weights;
  op.weight_length = s.reg1(kWeightLength);
  op.scale_offset = *scales;
  op.scale_length = s.reg1(kScaleLength);
  return op;
}

Dma dma_op(const ScanState& s) {
  Dma dma;
  dma.src_region = s.reg0(kDmaSrcRegion) & 0x1FFU;  // region and region_mode (bit 8)
  dma.dst_region = s.reg0(kDmaDstRegion) & 0x1FFU;
  dma.src = s.reg1(kDmaSrc);
  dma.dst = s.reg1(kDmaDst);
  dma.length = s.reg1(kDmaLen);
  return dma;
}

Expected<std::vector<VelaKernelOp>> scan_command_stream(const std::vector<uint32_t>& words) {
  ScanState state;
  std::vector<VelaKernelOp> ops;
  for (size_t i = 0; i < words.size();) {
    const uint32_t word = words[i];
    const uint32_t opcode = word & 0x3FFU;
    if ((word & 0x4000U) != 0) {
      if (i + 1 >= words.size()) return Status::invalid_input("cmd1 past the stream end");
      state.cmd1[opcode] = words[i + 1];
      i += 2;
      continue;
    }
    if (opcode >= 0x100) {
      state.cmd0[opcode] = word >> 16;
    } else if (opcode == kOpConv || opcode == kOpDepthwise) {
      Expected<VelaKernelOp> op = kernel_op(state, opcode == kOpDepthwise, i);
      if (!op) return op.status();
      ops.push_back(*op);
    } else if (opcode == kOpDmaStart) {
      state.dmas.push_back(dma_op(state));
    }
    ++i;
  }
  return ops;
}

// The command stream inside a COP1 payload.
Expected<std::vector<uint32_t>> cop1_command_stream(const std::vector<uint8_t>& payload) {
  std::vector<uint32_t> words(payload.size() / 4);
  std::memcpy(words.data(), payload.data(), words.size() * 4);
  if (words.empty() || words[0] != 0x31504F43U) return Status::invalid_input("no COP1 magic");
  for (size_t i = 1; i < words.size();) {
    const uint32_t action = words[i] & 0xFFU;
    if (action == 0x01) {
      i += 3;
    } else if (action == 0x05) {
      i += 1;
    } else if (action == 0x02) {
      const size_t length = (((words[i] >> 8) & 0xFFU) << 16) | (words[i] >> 16);
      if (i + 1 + length > words.size()) return Status::invalid_input("COP1 stream past its end");
      return std::vector<uint32_t>(words.begin() + static_cast<std::ptrdiff_t>(i + 1),
                                   words.begin() + static_cast<std::ptrdiff_t>(i + 1 + length));
    } else {
      return Status::invalid_input("unknown COP1 action " + std::to_string(action));
    }
  }
  return Status::invalid_input("COP1 payload without a command stream");
}

// TFLite QuantizeMultiplier as (multiplier, right shift = 31 - exponent): a
// scale below 2^-32 becomes multiplier 0 (and exponent 0).
void quantize_multiplier(double scale, uint32_t* multiplier, uint32_t* shift) {
  int exponent = 0;
  const double q = std::frexp(scale, &exponent);
  auto fixed = static_cast<int64_t>(std::round(q * static_cast<double>(int64_t{1} << 31)));
  if (fixed == (int64_t{1} << 31)) {
    fixed /= 2;
    ++exponent;
  }
  if (exponent < -31) {  // TFLite flushes such tiny scales to zero
    fixed = 0;
    exponent = 0;
  }
  *multiplier = static_cast<uint32_t>(fixed);
  *shift = static_cast<uint32_t>(31 - exponent);
}

std::vector<int16_t> symbols_of(const ir::Tensor& tensor) {
  std::vector<int16_t> symbols(tensor.data.size());
  const int64_t channels = tensor.quantization.zero_points.empty()
                               ? 1
                               : static_cast<int64_t>(tensor.quantization.zero_points.size());
  for (size_t i = 0; i < symbols.size(); ++i) {
    const int32_t value = tensor.type == ir::DataType::kUInt8
                              ? static_cast<int32_t>(tensor.data[i])
                              : static_cast<int32_t>(static_cast<int8_t>(tensor.data[i]));
    // Per-channel zero points run along the last axis for depthwise and the first otherwise;
    // the shared models' weights have zero points 0, so the per-tensor one is enough here.
    const int64_t zp = channels == 1 ? tensor.quantization.zero_point() : 0;
    symbols[i] = static_cast<int16_t>(value - zp);
  }
  return symbols;
}

std::vector<int64_t> bias_values(const ir::Graph& graph, int32_t index) {
  std::vector<int64_t> bias;
  if (index == ir::kNoTensor) return bias;
  const ir::Tensor& tensor = graph.tensor(index);
  const size_t size = tensor.type == ir::DataType::kInt64 ? 8 : 4;
  for (size_t i = 0; i + size <= tensor.data.size(); i += size) {
    int64_t value = 0;
    if (size == 8) {
      std::memcpy(&value, tensor.data.data() + i, 8);
    } else {
      int32_t value32 = 0;
      std::memcpy(&value32, tensor.data.data() + i, 4);
      value = value32;
    }
    bias.push_back(value);
  }
  return bias;
}

void fill_scales(const ir::Graph& graph, const ir::Operator& op, SourceWeights* weights) {
  const float in = graph.tensor(op.inputs[0]).quantization.scale();
  const float out = graph.tensor(op.outputs[0]).quantization.scale();
  const std::vector<float>& filter = graph.tensor(op.inputs[1]).quantization.scales;
  const bool fully_connected = op.type == ir::OpType::kFullyConnected;
  for (int32_t c = 0; c < weights->ofm_depth; ++c) {
    const float w = filter.size() == 1 ? filter[0] : filter[static_cast<size_t>(c)];
    const double scale = fully_connected ? static_cast<double>(in * w) / static_cast<double>(out)
                                         : static_cast<double>(in) * static_cast<double>(w) /
                                               static_cast<double>(out);
    uint32_t multiplier = 0, shift = 0;
    quantize_multiplier(scale, &multiplier, &shift);
    weights->multiplier.push_back(multiplier);
    weights->shift.push_back(shift);
  }
}

}  // namespace

WeightLayoutParams VelaKernelOp::layout(const AcceleratorConfig& config) const {
  WeightLayoutParams params = weight_layout_for(config);
  params.ofm_depth = ofm_depth;
  params.kernel_height = kernel_height;
  params.kernel_width = kernel_width;
  params.ifm_depth = depthwise ? 1 : ifm_depth;
  params.ofm_block_depth = ofm_block_depth;
  params.ifm_bits = ifm_bits;
  params.order = order;
  params.depthwise = depthwise;
  params.dilation_x = dilation_x;
  params.dilation_y = dilation_y;
  return params;
}

std::vector<std::string> vela_model_paths_under(const std::string& root_dir) {
  std::vector<std::string> paths;
  const fs::path root(root_dir);
  if (!fs::is_directory(root)) return paths;
  for (const auto& model : fs::directory_iterator(root)) {
    const fs::path vela = model.path() / "vela";
    if (!fs::is_directory(vela)) continue;
    for (const auto& config : fs::directory_iterator(vela)) {
      const fs::path file = config.path() / (model.path().filename().string() + "_vela.tflite");
      if (fs::exists(file)) paths.push_back(file.string());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::vector<std::string> vela_model_paths() {
  std::vector<std::string> paths = vela_model_paths_under(VNPU_SHARED_MODELS_DIR);
  const fs::path upstream = fs::path(VNPU_SHARED_MODELS_DIR) / "person_detect" /
                            "vela_upstream_u55-256.tflite";
  if (fs::exists(upstream)) paths.push_back(upstream.string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

namespace {

namespace schema = tflite::schema;

std::vector<uint8_t> buffer_bytes(const schema::Model& model, const schema::SubGraph& graph,
                                  int32_t tensor) {
  if (graph.tensors() == nullptr || tensor < 0 ||
      static_cast<uint32_t>(tensor) >= graph.tensors()->size()) {
    return {};
  }
  const uint32_t index = graph.tensors()->Get(static_cast<uint32_t>(tensor))->buffer();
  if (model.buffers() == nullptr || index >= model.buffers()->size()) return {};
  const flatbuffers::Vector<uint8_t>* data = model.buffers()->Get(index)->data();
  if (data == nullptr) return {};
  return std::vector<uint8_t>(data->begin(), data->end());
}

// The ethos-u operators of a Vela file read straight from its flatbuffer, so
// that CPU operators our reader does not support do not stand in the way.
Status scan_ethos_u_operators(const std::string& path, VelaModel* model) {
  Expected<std::vector<uint8_t>> file = read_file(path);
  if (!file) return file.status();
  flatbuffers::Verifier verifier(file->data(), file->size());
  if (!schema::VerifyModelBuffer(verifier)) return Status::invalid_input(path + ": not a tflite file");
  const schema::Model& source = *schema::GetModel(file->data());
  if (source.subgraphs() == nullptr || source.subgraphs()->size() == 0) return Status::ok();
  const schema::SubGraph& graph = *source.subgraphs()->Get(0);
  if (graph.operators() == nullptr || source.operator_codes() == nullptr) return Status::ok();
  for (const schema::Operator* op : *graph.operators()) {
    if (op->opcode_index() >= source.operator_codes()->size() || op->inputs() == nullptr ||
        op->inputs()->size() < 2) {
      continue;
    }
    const flatbuffers::String* custom = source.operator_codes()->Get(op->opcode_index())->custom_code();
    if (custom == nullptr || custom->str() != tflite::kEthosUCustomCode) continue;
    Expected<std::vector<uint32_t>> words =
        cop1_command_stream(buffer_bytes(source, graph, op->inputs()->Get(0)));
    if (!words) return words.status().with_context(path);
    Expected<std::vector<VelaKernelOp>> ops = scan_command_stream(*words);
    if (!ops) return ops.status().with_context(path);
    model->custom_ops.push_back({buffer_bytes(source, graph, op->inputs()->Get(1)), std::move(*ops)});
  }
  return Status::ok();
}

}  // namespace

Expected<VelaModel> load_vela_model(const std::string& path, bool load_source) {
  VelaModel model;
  model.path = path;
  const fs::path file(path);
  const bool upstream = file.filename() == "vela_upstream_u55-256.tflite";
  model.config_name = upstream ? "ethos-u55-256" : file.parent_path().filename().string();
  const fs::path model_dir =
      upstream ? file.parent_path() : file.parent_path().parent_path().parent_path();
  model.model_name = model_dir.filename().string();
  if (!load_source) {
    Status status = scan_ethos_u_operators(path, &model);
    if (!status) return status;
    return model;
  }
  Expected<ir::Model> source = tflite::load_tflite((model_dir / "model.tflite").string());
  if (!source) return source.status();
  model.source = std::move(*source);
  Expected<ir::Model> compiled = tflite::load_tflite(path);
  if (!compiled) return compiled.status();
  const ir::Graph& graph = compiled->main_graph();
  for (const ir::Operator& op : graph.operators) {
    if (op.type != ir::OpType::kEthosU) continue;
    Expected<std::vector<uint32_t>> words = cop1_command_stream(graph.tensor(op.inputs[0]).data);
    if (!words) return words.status().with_context(path);
    Expected<std::vector<VelaKernelOp>> ops = scan_command_stream(*words);
    if (!ops) return ops.status().with_context(path);
    model.custom_ops.push_back({graph.tensor(op.inputs[1]).data, std::move(*ops)});
  }
  return model;
}

std::vector<SourceWeights> source_weights(const ir::Graph& graph) {
  std::vector<SourceWeights> result;
  for (size_t i = 0; i < graph.operators.size(); ++i) {
    const ir::Operator& op = graph.operators[i];
    if (op.type != ir::OpType::kConv2d && op.type != ir::OpType::kDepthwiseConv2d &&
        op.type != ir::OpType::kFullyConnected) {
      continue;
    }
    const ir::Tensor& filter = graph.tensor(op.inputs[1]);
    if (!filter.is_constant()) continue;
    SourceWeights w;
    w.name = filter.name;
    w.op_index = static_cast<int32_t>(i);
    w.ohwi = symbols_of(filter);
    const ir::Shape& s = filter.shape;
    if (op.type == ir::OpType::kFullyConnected) {
      w.ofm_depth = s[0], w.kernel_height = 1, w.kernel_width = 1, w.ifm_depth = s[1];
    } else if (op.type == ir::OpType::kDepthwiseConv2d) {
      w.depthwise = true;
      const ir::Shape& input = graph.tensor(op.inputs[0]).shape;
      w.single_input_channel = !input.empty() && input.back() == 1;
      w.ofm_depth = s[3], w.kernel_height = s[1], w.kernel_width = s[2], w.ifm_depth = 1;
      w.ohwi = transpose_depthwise_filter(w.ohwi, s[1], s[2], s[3]);
    } else {
      w.ofm_depth = s[0], w.kernel_height = s[1], w.kernel_width = s[2], w.ifm_depth = s[3];
    }
    w.bias = bias_values(graph, op.inputs.size() > 2 ? op.inputs[2] : ir::kNoTensor);
    fill_scales(graph, op, &w);
    result.push_back(std::move(w));
  }
  return result;
}

}  // namespace vnpu::isa::weight_testing
