#include "tflite/write_options_data.h"

namespace vnpu::tflite::detail {
namespace {

template <typename T>
WrittenOptions table(flatbuffers::Offset<T> offset) {
  return WrittenOptions{schema::BuiltinOptionsTraits<T>::enum_value, offset.Union()};
}

schema::TensorType to_schema(ir::DataType type) {
  return type == ir::DataType::kInt64 ? schema::TensorType_INT64 : schema::TensorType_INT32;
}

// The operators with IR options.
std::optional<WrittenOptions> write_with_options(flatbuffers::FlatBufferBuilder& fbb,
                                                 const ir::Operator& op) {
  using ir::OpType;
  const ir::OpOptions& options = op.options;
  if (const auto* o = std::get_if<ir::StridedSliceOptions>(&options)) {
    return table(schema::CreateStridedSliceOptions(fbb, o->begin_mask, o->end_mask,
                                                   o->ellipsis_mask, o->new_axis_mask,
                                                   o->shrink_axis_mask, o->offset));
  }
  if (const auto* o = std::get_if<ir::PackOptions>(&options)) {
    if (op.type == OpType::kUnpack) return table(schema::CreateUnpackOptions(fbb, o->count, o->axis));
    return table(schema::CreatePackOptions(fbb, o->count, o->axis));
  }
  if (const auto* o = std::get_if<ir::SplitOptions>(&options)) {
    if (op.type == OpType::kSplitV) return table(schema::CreateSplitVOptions(fbb, o->num_splits));
    return table(schema::CreateSplitOptions(fbb, o->num_splits));
  }
  if (const auto* o = std::get_if<ir::GatherOptions>(&options)) {
    return table(schema::CreateGatherOptions(fbb, o->axis, o->batch_dims));
  }
  if (const auto* o = std::get_if<ir::BlockSizeOptions>(&options)) {
    if (op.type == OpType::kSpaceToDepth) {
      return table(schema::CreateSpaceToDepthOptions(fbb, o->block_size));
    }
    return table(schema::CreateDepthToSpaceOptions(fbb, o->block_size));
  }
  if (const auto* o = std::get_if<ir::MirrorPadOptions>(&options)) {
    const schema::MirrorPadMode mode = o->mode == ir::MirrorPadMode::kSymmetric
                                           ? schema::MirrorPadMode_SYMMETRIC
                                           : schema::MirrorPadMode_REFLECT;
    return table(schema::CreateMirrorPadOptions(fbb, mode));
  }
  if (const auto* o = std::get_if<ir::ResizeOptions>(&options)) {
    if (op.type == OpType::kResizeNearestNeighbor) {
      return table(
          schema::CreateResizeNearestNeighborOptions(fbb, o->align_corners, o->half_pixel_centers));
    }
    return table(schema::CreateResizeBilinearOptions(fbb, o->align_corners, o->half_pixel_centers));
  }
  if (const auto* o = std::get_if<ir::ShapeOptions>(&options)) {
    return table(schema::CreateShapeOptions(fbb, to_schema(o->out_type)));
  }
  return std::nullopt;
}

}  // namespace

std::optional<WrittenOptions> write_data_options(flatbuffers::FlatBufferBuilder& fbb,
                                                 const ir::Operator& op) {
  if (auto written = write_with_options(fbb, op)) return written;
  if (!std::holds_alternative<std::monostate>(op.options)) return std::nullopt;
  using ir::OpType;
  switch (op.type) {
    case OpType::kExpandDims: return table(schema::CreateExpandDimsOptions(fbb));
    case OpType::kSlice: return table(schema::CreateSliceOptions(fbb));
    case OpType::kTranspose: return table(schema::CreateTransposeOptions(fbb));
    case OpType::kBroadcastTo: return table(schema::CreateBroadcastToOptions(fbb));
    case OpType::kReverseV2: return table(schema::CreateReverseV2Options(fbb));
    case OpType::kGatherNd: return table(schema::CreateGatherNdOptions(fbb));
    case OpType::kBatchToSpaceNd: return table(schema::CreateBatchToSpaceNDOptions(fbb));
    case OpType::kSpaceToBatchNd: return table(schema::CreateSpaceToBatchNDOptions(fbb));
    case OpType::kFill: return table(schema::CreateFillOptions(fbb));
    case OpType::kZerosLike: return table(schema::CreateZerosLikeOptions(fbb));
    case OpType::kDynamicUpdateSlice: return table(schema::CreateDynamicUpdateSliceOptions(fbb));
    case OpType::kCast: return table(schema::CreateCastOptions(fbb));
    case OpType::kEmbeddingLookup:
    case OpType::kBroadcastArgs: return WrittenOptions{};
    default: return std::nullopt;
  }
}

}  // namespace vnpu::tflite::detail
