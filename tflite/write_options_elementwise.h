// Internal to the TFLite writer: the builtin options of the element-wise,
// comparison, selection and reduction operators (see write_options.h).
#pragma once

#include "tflite/write_options.h"

namespace vnpu::tflite::detail {

// The empty table TFLite's converter writes for an optionless operator of this
// family (MAXIMUM, EQUAL, SELECT_V2, ...); none for those that have no table
// in the schema (RSQRT, PRELU, ELU, ...).
WrittenOptions write_elementwise_empty_options(flatbuffers::FlatBufferBuilder& fbb,
                                               ir::OpType type);

WrittenOptions write_cumsum_options(flatbuffers::FlatBufferBuilder& fbb,
                                    const ir::CumsumOptions& options);

// ArgMaxOptions or ArgMinOptions by op type.
WrittenOptions write_arg_min_max_options(flatbuffers::FlatBufferBuilder& fbb, ir::OpType type,
                                         const ir::ArgMinMaxOptions& options);

}  // namespace vnpu::tflite::detail
