// TensorFlow Lite builtin operator codes: names for every published code and the
// mapping between the codes vnpu reads and ir::OpType.
//
// Codes are the values of tflite::BuiltinOperator in the published schema
// (tensorflow/lite/schema/schema.fbs). An operator code's effective builtin code is
// the larger of its deprecated_builtin_code byte and its builtin_code field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "ir/operator.h"

namespace vnpu::tflite {

constexpr int32_t kBuiltinCustom = 32;
// deprecated_builtin_code is a signed byte; codes from this value on are written there as it.
constexpr int32_t kBuiltinPlaceholderForGreaterOpCodes = 127;

// "CONV_2D", "SPLIT", ... for any published builtin code; nullptr for a code the
// schema does not define.
const char* builtin_code_name(int32_t code);

// The IR operator a builtin code maps to; nullopt for codes vnpu does not read
// (including CUSTOM, whose meaning depends on its custom code).
std::optional<ir::OpType> op_type_for_builtin_code(int32_t code);

// The IR operator of a custom code (e.g. "ethos-u"); nullopt for custom codes vnpu does not read.
std::optional<ir::OpType> op_type_for_custom_code(std::string_view custom_code);

// The builtin code written for an IR operator (CUSTOM for a custom operator type).
int32_t builtin_code_for_op_type(ir::OpType type);

// The custom code of Vela's NPU operator.
inline constexpr const char* kEthosUCustomCode = "ethos-u";

// Operands of the ethos-u operator as Vela writes them: the command stream, the
// flash (weights) tensor, the scratch and fast scratch areas, then the IFMs.
constexpr size_t kEthosUCommandStreamInput = 0;
constexpr size_t kEthosUFlashInput = 1;
constexpr size_t kEthosUScratchInput = 2;
constexpr size_t kEthosUFastScratchInput = 3;

}  // namespace vnpu::tflite
