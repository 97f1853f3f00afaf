// The NPU support check: a table of rules, each answering "can the NPU run
// this operator?" with {ok, reason}. The reason is the CPU-fallback message
// printed by `vnpu compile` and written to the report; docs/SUPPORTED_OPS.md
// is generated from the same table (name, operators, constraint text).
//
// Limits are those of the Ethos-U55 as Vela 3.10/5.1 enforces them
// (../shared/reference/ethos-u-facts.md §1.3, §1.4).
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"
#include "isa/accelerator_config.h"

namespace vnpu::compiler {

struct RuleResult {
  bool ok = true;
  std::string reason;  // why the operator must run on the CPU; empty when ok

  static RuleResult pass() { return {}; }
  static RuleResult fail(std::string why) { return {false, std::move(why)}; }
};

using RuleCheck = RuleResult (*)(const ir::Operator& op, const ir::Graph& graph,
                                 const isa::AcceleratorConfig& config);

struct SupportRule {
  const char* name;        // "stride_range"
  const char* constraint;  // one sentence for the generated document
  std::vector<ir::OpType> applies_to;  // empty: every operator
  RuleCheck check;
};

// The table, in the order rules are checked (operator_type first).
const std::vector<SupportRule>& support_rules();

// The rule called `name`; nullptr if there is none.
const SupportRule* find_support_rule(const std::string& name);

// Operator types the NPU runs (subject to the other rules).
const std::vector<ir::OpType>& npu_operator_types();

bool rule_applies(const SupportRule& rule, ir::OpType type);

// Limits, named once.
constexpr int32_t kMaxStride = 3;
constexpr int32_t kMaxDilatedKernelHeight = 64;
constexpr int32_t kMaxDilatedKernelArea = 4096;
constexpr int32_t kMaxPoolKernelHeight = 256;
constexpr int32_t kMaxPoolKernelArea = 65536;
constexpr int32_t kMaxSameAveragePoolKernel = 8;
constexpr int32_t kMaxDimension = 65535;
constexpr int64_t kMaxWeightSumPerKernel = 8323072;  // 127 * 65536
constexpr int64_t kMaxBiasMagnitude = (int64_t{1} << 40) - 1;
constexpr int64_t kMaxMeanArea = 65536;

}  // namespace vnpu::compiler
