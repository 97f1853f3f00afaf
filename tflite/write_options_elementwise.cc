#include "tflite/write_options_elementwise.h"

namespace vnpu::tflite::detail {
namespace {

template <typename T>
WrittenOptions written_table(flatbuffers::Offset<T> table) {
  return WrittenOptions{schema::BuiltinOptionsTraits<T>::enum_value, table.Union()};
}

}  // namespace

WrittenOptions write_elementwise_empty_options(flatbuffers::FlatBufferBuilder& fbb,
                                               ir::OpType type) {
  using ir::OpType;
  switch (type) {
    case OpType::kAbs: return written_table(schema::CreateAbsOptions(fbb));
    case OpType::kMaximum:
    case OpType::kMinimum: return written_table(schema::CreateMaximumMinimumOptions(fbb));
    case OpType::kSquaredDifference:
      return written_table(schema::CreateSquaredDifferenceOptions(fbb));
    case OpType::kAddN: return written_table(schema::CreateAddNOptions(fbb));
    case OpType::kEqual: return written_table(schema::CreateEqualOptions(fbb));
    case OpType::kNotEqual: return written_table(schema::CreateNotEqualOptions(fbb));
    case OpType::kGreater: return written_table(schema::CreateGreaterOptions(fbb));
    case OpType::kGreaterEqual: return written_table(schema::CreateGreaterEqualOptions(fbb));
    case OpType::kLess: return written_table(schema::CreateLessOptions(fbb));
    case OpType::kLessEqual: return written_table(schema::CreateLessEqualOptions(fbb));
    case OpType::kSelect: return written_table(schema::CreateSelectOptions(fbb));
    case OpType::kSelectV2: return written_table(schema::CreateSelectV2Options(fbb));
    case OpType::kLogSoftmax: return written_table(schema::CreateLogSoftmaxOptions(fbb));
    case OpType::kExp: return written_table(schema::CreateExpOptions(fbb));
    case OpType::kNeg: return written_table(schema::CreateNegOptions(fbb));
    case OpType::kCos: return written_table(schema::CreateCosOptions(fbb));
    case OpType::kSquare: return written_table(schema::CreateSquareOptions(fbb));
    case OpType::kFloorDiv: return written_table(schema::CreateFloorDivOptions(fbb));
    case OpType::kFloorMod: return written_table(schema::CreateFloorModOptions(fbb));
    case OpType::kLogicalAnd: return written_table(schema::CreateLogicalAndOptions(fbb));
    case OpType::kLogicalOr: return written_table(schema::CreateLogicalOrOptions(fbb));
    case OpType::kLogicalNot: return written_table(schema::CreateLogicalNotOptions(fbb));
    default: return WrittenOptions{};  // RSQRT, PRELU, ELU, SIN, ... have no options table
  }
}

WrittenOptions write_cumsum_options(flatbuffers::FlatBufferBuilder& fbb,
                                    const ir::CumsumOptions& options) {
  return written_table(schema::CreateCumsumOptions(fbb, options.exclusive, options.reverse));
}

WrittenOptions write_arg_min_max_options(flatbuffers::FlatBufferBuilder& fbb, ir::OpType type,
                                         const ir::ArgMinMaxOptions& options) {
  const schema::TensorType output_type = options.output_type == ir::DataType::kInt32
                                             ? schema::TensorType_INT32
                                             : schema::TensorType_INT64;
  if (type == ir::OpType::kArgMin) {
    return written_table(schema::CreateArgMinOptions(fbb, output_type));
  }
  return written_table(schema::CreateArgMaxOptions(fbb, output_type));
}

}  // namespace vnpu::tflite::detail
