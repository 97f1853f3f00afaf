// Built-in synthetic models: real INT8 graphs with deterministic weights,
// so vnpu runs out of the box without any file from outside the project.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "ir/graph.h"

namespace vnpu::models {

// A DS-CNN keyword-spotting network shaped like MLPerf Tiny's kws_dscnn:
// 1x49x10x1 MFCC input, 10x4/2 conv to 64 channels, four depthwise-separable
// blocks, average pool, fully connected to 12 classes, softmax.
ir::Model build_kws_dscnn(uint64_t seed = 1);

// Names accepted by build_builtin_model ("kws-dscnn").
std::vector<std::string> builtin_model_names();

// The built-in model called `name`; an invalid_input Status for an unknown name.
Expected<ir::Model> build_builtin_model(const std::string& name, uint64_t seed = 1);

constexpr const char* kDefaultBuiltinModel = "kws-dscnn";

}  // namespace vnpu::models
