// The check functions of the support rules (support_rules.cc puts them in
// the table). Grouped by what they look at: tensors, kernels, weights, and
// operator-specific options.
#pragma once

#include "compiler/support/support_rules.h"

namespace vnpu::compiler::rules {

// Tensors (rules_tensors.cc).
RuleResult check_operator_type(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_activation_types(const ir::Operator&, const ir::Graph&,
                                  const isa::AcceleratorConfig&);
RuleResult check_per_tensor_activations(const ir::Operator&, const ir::Graph&,
                                        const isa::AcceleratorConfig&);
RuleResult check_tensor_dims(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_batch_size(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);

// Kernels (rules_kernels.cc).
RuleResult check_stride_range(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_dilated_kernel_height(const ir::Operator&, const ir::Graph&,
                                       const isa::AcceleratorConfig&);
RuleResult check_dilated_kernel_area(const ir::Operator&, const ir::Graph&,
                                     const isa::AcceleratorConfig&);
RuleResult check_pool_kernel_height(const ir::Operator&, const ir::Graph&,
                                    const isa::AcceleratorConfig&);
RuleResult check_pool_kernel_area(const ir::Operator&, const ir::Graph&,
                                  const isa::AcceleratorConfig&);
RuleResult check_same_average_pool_kernel(const ir::Operator&, const ir::Graph&,
                                          const isa::AcceleratorConfig&);

// Weights and biases (rules_weights.cc).
RuleResult check_constant_weights(const ir::Operator&, const ir::Graph&,
                                  const isa::AcceleratorConfig&);
RuleResult check_weight_quantization(const ir::Operator&, const ir::Graph&,
                                     const isa::AcceleratorConfig&);
RuleResult check_weight_sum(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_bias_range(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_weighted_16x8(const ir::Operator&, const ir::Graph&,
                               const isa::AcceleratorConfig&);
RuleResult check_transpose_conv(const ir::Operator&, const ir::Graph&,
                                const isa::AcceleratorConfig&);

// Operator options (rules_operators.cc).
RuleResult check_npu_lowering(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_depth_multiplier(const ir::Operator&, const ir::Graph&,
                                  const isa::AcceleratorConfig&);
RuleResult check_mean_axes(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_mean_area(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_mean_requantize(const ir::Operator&, const ir::Graph&,
                                 const isa::AcceleratorConfig&);
RuleResult check_arg_max(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_softmax_beta(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);

// Elementwise operators (rules_elementwise.cc).
RuleResult check_matching_types(const ir::Operator&, const ir::Graph&,
                                const isa::AcceleratorConfig&);
RuleResult check_ofm_shaped_input(const ir::Operator&, const ir::Graph&,
                                  const isa::AcceleratorConfig&);
RuleResult check_min_max_quantization(const ir::Operator&, const ir::Graph&,
                                      const isa::AcceleratorConfig&);
RuleResult check_prelu_lookup(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_int8_lookup_input(const ir::Operator&, const ir::Graph&,
                                   const isa::AcceleratorConfig&);
RuleResult check_requantize_scale(const ir::Operator&, const ir::Graph&,
                                  const isa::AcceleratorConfig&);

// Data movement (rules_data_movement.cc).
RuleResult check_slice_box(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_pad_boxes(const ir::Operator&, const ir::Graph&, const isa::AcceleratorConfig&);
RuleResult check_mirror_pad_boxes(const ir::Operator&, const ir::Graph&,
                                  const isa::AcceleratorConfig&);
RuleResult check_rearrange_boxes(const ir::Operator&, const ir::Graph&,
                                 const isa::AcceleratorConfig&);
RuleResult check_slice_npu_axes(const ir::Operator&, const ir::Graph&,
                                const isa::AcceleratorConfig&);
RuleResult check_concatenation_inputs(const ir::Operator&, const ir::Graph&,
                                      const isa::AcceleratorConfig&);
RuleResult check_resize_nearest(const ir::Operator&, const ir::Graph&,
                                const isa::AcceleratorConfig&);
RuleResult check_resize_bilinear(const ir::Operator&, const ir::Graph&,
                                 const isa::AcceleratorConfig&);
RuleResult check_transpose_permutation(const ir::Operator&, const ir::Graph&,
                                       const isa::AcceleratorConfig&);

// "'name' [1,2,3] int8", for reasons.
std::string describe(const ir::Graph& graph, int32_t tensor);

}  // namespace vnpu::compiler::rules
