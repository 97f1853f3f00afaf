#include "ir/operator.h"

#include <cstdint>

namespace vnpu::ir {

namespace {

struct OpTypeFacts {
  OpType type;
  const char* name;
  bool custom;
  OperandArity arity;
};

constexpr OpTypeFacts kOpTypeFacts[] = {
#define VNPU_MANY SIZE_MAX
#define VNPU_OP(enumerator, name, min_in, max_in, min_out, max_out) \
  {OpType::enumerator, name, false, {min_in, max_in, min_out, max_out}},
#define VNPU_CUSTOM_OP(enumerator, name, min_in, max_in, min_out, max_out) \
  {OpType::enumerator, name, true, {min_in, max_in, min_out, max_out}},
#include "ir/op_types.def"
#undef VNPU_CUSTOM_OP
#undef VNPU_OP
#undef VNPU_MANY
};

constexpr size_t kOpTypeCount = sizeof(kOpTypeFacts) / sizeof(kOpTypeFacts[0]);

// The table is in enumerator order, so a type's facts are at its value.
constexpr bool facts_are_in_enum_order() {
  for (size_t i = 0; i < kOpTypeCount; ++i) {
    if (static_cast<size_t>(kOpTypeFacts[i].type) != i) return false;
  }
  return true;
}
static_assert(facts_are_in_enum_order(), "kOpTypeFacts must follow the OpType enumerators");

const OpTypeFacts* facts(OpType type) {
  const auto index = static_cast<size_t>(type);
  return index < kOpTypeCount ? &kOpTypeFacts[index] : nullptr;
}

}  // namespace

OperandArity operand_arity(OpType type) {
  const OpTypeFacts* f = facts(type);
  return f != nullptr ? f->arity : OperandArity{};
}

const char* op_type_name(OpType type) {
  const OpTypeFacts* f = facts(type);
  return f != nullptr ? f->name : "UNKNOWN";
}

bool is_custom_op_type(OpType type) {
  const OpTypeFacts* f = facts(type);
  return f != nullptr && f->custom;
}

const std::vector<OpType>& all_op_types() {
  static const std::vector<OpType> types = [] {
    std::vector<OpType> all;
    for (const OpTypeFacts& f : kOpTypeFacts) all.push_back(f.type);
    return all;
  }();
  return types;
}

const char* padding_name(Padding padding) { return padding == Padding::kSame ? "SAME" : "VALID"; }

const char* fused_activation_name(FusedActivation activation) {
  switch (activation) {
    case FusedActivation::kNone:
      return "NONE";
    case FusedActivation::kRelu:
      return "RELU";
    case FusedActivation::kReluN1To1:
      return "RELU_N1_TO_1";
    case FusedActivation::kRelu6:
      return "RELU6";
  }
  return "UNKNOWN";
}

}  // namespace vnpu::ir
