#include "tests/tflite/ir_compare.h"

#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace vnpu::tflite::testing {
namespace {

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof(float)) == 0; }

bool same_floats(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!same_bits(a[i], b[i])) return false;
  }
  return true;
}

bool same_options(const ir::OpOptions& a, const ir::OpOptions& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<ir::Conv2dOptions>(&a)) {
    const auto& y = std::get<ir::Conv2dOptions>(b);
    return x->padding == y.padding && x->stride_w == y.stride_w && x->stride_h == y.stride_h &&
           x->dilation_w == y.dilation_w && x->dilation_h == y.dilation_h &&
           x->activation == y.activation;
  }
  if (const auto* x = std::get_if<ir::DepthwiseConv2dOptions>(&a)) {
    const auto& y = std::get<ir::DepthwiseConv2dOptions>(b);
    return x->padding == y.padding && x->stride_w == y.stride_w && x->stride_h == y.stride_h &&
           x->depth_multiplier == y.depth_multiplier && x->dilation_w == y.dilation_w &&
           x->dilation_h == y.dilation_h && x->activation == y.activation;
  }
  if (const auto* x = std::get_if<ir::Pool2dOptions>(&a)) {
    const auto& y = std::get<ir::Pool2dOptions>(b);
    return x->padding == y.padding && x->stride_w == y.stride_w && x->stride_h == y.stride_h &&
           x->filter_w == y.filter_w && x->filter_h == y.filter_h && x->activation == y.activation;
  }
  if (const auto* x = std::get_if<ir::FullyConnectedOptions>(&a)) {
    const auto& y = std::get<ir::FullyConnectedOptions>(b);
    return x->activation == y.activation && x->keep_num_dims == y.keep_num_dims;
  }
  if (const auto* x = std::get_if<ir::ElementwiseOptions>(&a)) {
    return x->activation == std::get<ir::ElementwiseOptions>(b).activation;
  }
  if (const auto* x = std::get_if<ir::SoftmaxOptions>(&a)) {
    return same_bits(x->beta, std::get<ir::SoftmaxOptions>(b).beta);
  }
  if (const auto* x = std::get_if<ir::LeakyReluOptions>(&a)) {
    return same_bits(x->alpha, std::get<ir::LeakyReluOptions>(b).alpha);
  }
  if (const auto* x = std::get_if<ir::ConcatenationOptions>(&a)) {
    const auto& y = std::get<ir::ConcatenationOptions>(b);
    return x->axis == y.axis && x->activation == y.activation;
  }
  if (const auto* x = std::get_if<ir::ReducerOptions>(&a)) {
    return x->keep_dims == std::get<ir::ReducerOptions>(b).keep_dims;
  }
  if (const auto* x = std::get_if<ir::ReshapeOptions>(&a)) {
    return x->new_shape == std::get<ir::ReshapeOptions>(b).new_shape;
  }
  if (const auto* x = std::get_if<ir::SqueezeOptions>(&a)) {
    return x->squeeze_dims == std::get<ir::SqueezeOptions>(b).squeeze_dims;
  }
  if (const auto* x = std::get_if<ir::CustomOptions>(&a)) {
    const auto& y = std::get<ir::CustomOptions>(b);
    return x->custom_code == y.custom_code && x->data == y.data;
  }
  // Data-movement operators.
  if (const auto* x = std::get_if<ir::StridedSliceOptions>(&a)) {
    const auto& y = std::get<ir::StridedSliceOptions>(b);
    return x->begin_mask == y.begin_mask && x->end_mask == y.end_mask &&
           x->ellipsis_mask == y.ellipsis_mask && x->new_axis_mask == y.new_axis_mask &&
           x->shrink_axis_mask == y.shrink_axis_mask && x->offset == y.offset;
  }
  if (const auto* x = std::get_if<ir::PackOptions>(&a)) {
    const auto& y = std::get<ir::PackOptions>(b);
    return x->count == y.count && x->axis == y.axis;
  }
  if (const auto* x = std::get_if<ir::SplitOptions>(&a)) {
    return x->num_splits == std::get<ir::SplitOptions>(b).num_splits;
  }
  if (const auto* x = std::get_if<ir::GatherOptions>(&a)) {
    const auto& y = std::get<ir::GatherOptions>(b);
    return x->axis == y.axis && x->batch_dims == y.batch_dims;
  }
  if (const auto* x = std::get_if<ir::BlockSizeOptions>(&a)) {
    return x->block_size == std::get<ir::BlockSizeOptions>(b).block_size;
  }
  if (const auto* x = std::get_if<ir::MirrorPadOptions>(&a)) {
    return x->mode == std::get<ir::MirrorPadOptions>(b).mode;
  }
  if (const auto* x = std::get_if<ir::ResizeOptions>(&a)) {
    const auto& y = std::get<ir::ResizeOptions>(b);
    return x->align_corners == y.align_corners && x->half_pixel_centers == y.half_pixel_centers;
  }
  if (const auto* x = std::get_if<ir::ShapeOptions>(&a)) {
    return x->out_type == std::get<ir::ShapeOptions>(b).out_type;
  }
  return true;  // monostate
}

std::string tensor_difference(const ir::Tensor& a, const ir::Tensor& b) {
  if (a.name != b.name) return "name '" + a.name + "' vs '" + b.name + "'";
  if (a.type != b.type) {
    return std::string("type ") + ir::data_type_name(a.type) + " vs " + ir::data_type_name(b.type);
  }
  if (a.shape != b.shape) {
    return "shape " + ir::shape_to_string(a.shape) + " vs " + ir::shape_to_string(b.shape);
  }
  if (!same_floats(a.quantization.scales, b.quantization.scales)) return "quantization scales";
  if (a.quantization.zero_points != b.quantization.zero_points) return "zero points";
  if (a.quantization.axis != b.quantization.axis) return "quantized dimension";
  if (a.data != b.data) return "constant data";
  if (a.is_variable != b.is_variable) return "is_variable";
  return "";
}

std::string operator_difference(const ir::Operator& a, const ir::Operator& b) {
  if (a.type != b.type) {
    return std::string("type ") + ir::op_type_name(a.type) + " vs " + ir::op_type_name(b.type);
  }
  if (a.inputs != b.inputs) return "inputs";
  if (a.outputs != b.outputs) return "outputs";
  if (!same_options(a.options, b.options)) return "options";
  return "";
}

std::string graph_difference(const ir::Graph& a, const ir::Graph& b) {
  if (a.name != b.name) return "name '" + a.name + "' vs '" + b.name + "'";
  if (a.inputs != b.inputs) return "inputs";
  if (a.outputs != b.outputs) return "outputs";
  if (a.tensors.size() != b.tensors.size()) {
    return std::to_string(a.tensors.size()) + " vs " + std::to_string(b.tensors.size()) +
           " tensors";
  }
  for (size_t i = 0; i < a.tensors.size(); ++i) {
    const std::string difference = tensor_difference(a.tensors[i], b.tensors[i]);
    if (!difference.empty()) return "tensor " + std::to_string(i) + ": " + difference;
  }
  if (a.operators.size() != b.operators.size()) {
    return std::to_string(a.operators.size()) + " vs " + std::to_string(b.operators.size()) +
           " operators";
  }
  for (size_t i = 0; i < a.operators.size(); ++i) {
    const std::string difference = operator_difference(a.operators[i], b.operators[i]);
    if (!difference.empty()) return "operator " + std::to_string(i) + ": " + difference;
  }
  return "";
}

}  // namespace

::testing::AssertionResult models_equal(const ir::Model& expected, const ir::Model& actual) {
  if (expected.description != actual.description) {
    return ::testing::AssertionFailure()
           << "description '" << expected.description << "' vs '" << actual.description << "'";
  }
  if (expected.metadata.size() != actual.metadata.size()) {
    return ::testing::AssertionFailure()
           << expected.metadata.size() << " vs " << actual.metadata.size() << " metadata entries";
  }
  for (size_t i = 0; i < expected.metadata.size(); ++i) {
    if (expected.metadata[i].name != actual.metadata[i].name ||
        expected.metadata[i].data != actual.metadata[i].data) {
      return ::testing::AssertionFailure() << "metadata " << i << " differs";
    }
  }
  if (expected.graphs.size() != actual.graphs.size()) {
    return ::testing::AssertionFailure()
           << expected.graphs.size() << " vs " << actual.graphs.size() << " graphs";
  }
  for (size_t i = 0; i < expected.graphs.size(); ++i) {
    const std::string difference = graph_difference(expected.graphs[i], actual.graphs[i]);
    if (!difference.empty()) {
      return ::testing::AssertionFailure() << "graph " << i << ": " << difference;
    }
  }
  return ::testing::AssertionSuccess();
}

}  // namespace vnpu::tflite::testing
