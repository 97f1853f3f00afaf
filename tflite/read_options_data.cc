// Reads the builtin options of the data-movement operators. A missing options
// table reads as the schema defaults; values the kernels cannot take (block
// size 0, an unknown mirror-pad mode, a SHAPE output type other than int32 or
// int64) are rejected here with the operator and field named.
#include "tflite/read_options_data.h"

#include <string>

namespace vnpu::tflite::detail {
namespace {

// The object-API form of the options table of type T (the schema defaults when
// the operator has none); an error when the operator holds another table type.
template <typename T>
Expected<typename T::NativeTableType> unpacked_options(const schema::Operator& source,
                                                       const std::string& where) {
  typename T::NativeTableType unpacked;
  Status status = unpack_options<typename T::NativeTableType, T>(source, unpacked, where);
  if (!status) return status;
  return unpacked;
}

Status read_strided_slice(ReadContext&, const schema::Operator& source, ir::Operator& op,
                          const std::string& where) {
  auto in = unpacked_options<schema::StridedSliceOptions>(source, where);
  if (!in) return in.status();
  op.options = ir::StridedSliceOptions{in->begin_mask,    in->end_mask,
                                       in->ellipsis_mask, in->new_axis_mask,
                                       in->shrink_axis_mask, in->offset};
  return Status::ok();
}

Status read_count_axis(int32_t count, int32_t axis, const char* count_field, ir::Operator& op,
                       const std::string& where) {
  op.options = ir::PackOptions{count, axis};
  return check_positive(count, count_field, where);
}

Status read_pack(ReadContext&, const schema::Operator& source, ir::Operator& op,
                 const std::string& where) {
  auto in = unpacked_options<schema::PackOptions>(source, where);
  if (!in) return in.status();
  return read_count_axis(in->values_count, in->axis, "values_count", op,
                                              where);
}

Status read_unpack(ReadContext&, const schema::Operator& source, ir::Operator& op,
                   const std::string& where) {
  auto in = unpacked_options<schema::UnpackOptions>(source, where);
  if (!in) return in.status();
  return read_count_axis(in->num, in->axis, "num", op, where);
}

template <typename T>
Status read_split(ReadContext&, const schema::Operator& source, ir::Operator& op,
                  const std::string& where) {
  auto in = unpacked_options<T>(source, where);
  if (!in) return in.status();
  op.options = ir::SplitOptions{in->num_splits};
  return check_positive(in->num_splits, "num_splits", where);
}

Status read_gather(ReadContext&, const schema::Operator& source, ir::Operator& op,
                   const std::string& where) {
  auto in = unpacked_options<schema::GatherOptions>(source, where);
  if (!in) return in.status();
  op.options = ir::GatherOptions{in->axis, in->batch_dims};
  return Status::ok();
}

template <typename T>
Status read_block_size(ReadContext&, const schema::Operator& source, ir::Operator& op,
                       const std::string& where) {
  auto in = unpacked_options<T>(source, where);
  if (!in) return in.status();
  op.options = ir::BlockSizeOptions{in->block_size};
  return check_positive(in->block_size, "block_size", where);
}

Status read_mirror_pad(ReadContext&, const schema::Operator& source, ir::Operator& op,
                       const std::string& where) {
  auto in = unpacked_options<schema::MirrorPadOptions>(source, where);
  if (!in) return in.status();
  if (in->mode == schema::MirrorPadMode_REFLECT) {
    op.options = ir::MirrorPadOptions{ir::MirrorPadMode::kReflect};
  } else if (in->mode == schema::MirrorPadMode_SYMMETRIC) {
    op.options = ir::MirrorPadOptions{ir::MirrorPadMode::kSymmetric};
  } else {
    return Status::invalid_input(where + ": unknown mirror pad mode " +
                                 std::to_string(static_cast<int>(in->mode)));
  }
  return Status::ok();
}

template <typename T>
Status read_resize(ReadContext&, const schema::Operator& source, ir::Operator& op,
                   const std::string& where) {
  auto in = unpacked_options<T>(source, where);
  if (!in) return in.status();
  op.options = ir::ResizeOptions{in->align_corners, in->half_pixel_centers};
  return Status::ok();
}

Status read_shape(ReadContext&, const schema::Operator& source, ir::Operator& op,
                  const std::string& where) {
  auto in = unpacked_options<schema::ShapeOptions>(source, where);
  if (!in) return in.status();
  if (in->out_type == schema::TensorType_INT32) {
    op.options = ir::ShapeOptions{ir::DataType::kInt32};
  } else if (in->out_type == schema::TensorType_INT64) {
    op.options = ir::ShapeOptions{ir::DataType::kInt64};
  } else {
    return Status::invalid_input(where + ": out_type " +
                                 std::to_string(static_cast<int>(in->out_type)) +
                                 " is not INT32 or INT64");
  }
  return Status::ok();
}

// SLICE, TRANSPOSE, CAST, ...: TFLite's tables for these hold nothing the kernels need
// (CAST's types are the tensors' own).
Status read_empty(ReadContext&, const schema::Operator&, ir::Operator& op, const std::string&) {
  op.options = std::monostate{};
  return Status::ok();
}

}  // namespace

BuiltinOptionsReader data_options_reader(ir::OpType type) {
  using ir::OpType;
  switch (type) {
    case OpType::kStridedSlice: return read_strided_slice;
    case OpType::kPack: return read_pack;
    case OpType::kUnpack: return read_unpack;
    case OpType::kSplit: return read_split<schema::SplitOptions>;
    case OpType::kSplitV: return read_split<schema::SplitVOptions>;
    case OpType::kGather: return read_gather;
    case OpType::kDepthToSpace: return read_block_size<schema::DepthToSpaceOptions>;
    case OpType::kSpaceToDepth: return read_block_size<schema::SpaceToDepthOptions>;
    case OpType::kMirrorPad: return read_mirror_pad;
    case OpType::kResizeBilinear: return read_resize<schema::ResizeBilinearOptions>;
    case OpType::kResizeNearestNeighbor: return read_resize<schema::ResizeNearestNeighborOptions>;
    case OpType::kShape: return read_shape;
    case OpType::kExpandDims:
    case OpType::kSlice:
    case OpType::kTranspose:
    case OpType::kBroadcastTo:
    case OpType::kBroadcastArgs:
    case OpType::kReverseV2:
    case OpType::kGatherNd:
    case OpType::kBatchToSpaceNd:
    case OpType::kSpaceToBatchNd:
    case OpType::kFill:
    case OpType::kZerosLike:
    case OpType::kDynamicUpdateSlice:
    case OpType::kEmbeddingLookup:
    case OpType::kCast: return read_empty;
    default: return nullptr;
  }
}

}  // namespace vnpu::tflite::detail
