// Reads TensorFlow Lite flatbuffers (.tflite) into the IR.
//
// The input is untrusted. The flatbuffers verifier runs first; then every index
// (operator code, tensor, buffer, metadata buffer) and every size (constant data
// against shape and type, out-of-flatbuffer buffers against the file) is checked,
// and the reader never copies more than a small multiple of the file size, so a
// corrupted count cannot make it allocate absurd amounts. The result passes
// ir::verify_model. Errors are one line that says what and where:
//   "model.tflite: subgraph 0 tensor 12 'conv1': buffer 5 holds 96 bytes, shape
//    [1,3,3,8] int8 needs 72"
// with ErrorCode::kInvalidInput for malformed or inconsistent files and
// ErrorCode::kUnsupported for well-formed content vnpu does not handle (an operator
// other than those of ir::OpType, a custom operator other than "ethos-u", tensor
// types other than int8/uint8/int16/int32/int64/float32/bool, sparse tensors, fused
// TANH or SIGN_BIT activations, custom quantization).
//
// Mapping: operators keep TFLite's operand order; an absent optional operand (-1)
// becomes ir::kNoTensor. A missing builtin options table reads like an empty one,
// i.e. with the schema's field defaults, as TFLite's generated accessors give. The
// "ethos-u" custom operator becomes ir::OpType::kEthosU with CustomOptions holding
// the raw custom_options bytes. Its scratch operands (inputs 2 and 3), which no
// operator produces, are marked is_variable so the IR sees them as storage that
// exists from the start (the writer clears the flag again). Named metadata entries
// become Model::metadata. TOCO wrote per-channel biases (rank 1) with their
// filter's quantized_dimension (3); for a rank-1 tensor with one scale per element
// that axis is read as 0, the only axis it has.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::tflite {

// Reads a model from memory. `source_name` (usually the path) prefixes every error.
Expected<ir::Model> read_tflite(const uint8_t* data, size_t size, const std::string& source_name);

// Reads a model file.
Expected<ir::Model> load_tflite(const std::string& path);

}  // namespace vnpu::tflite
