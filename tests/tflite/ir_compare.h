// Test helper: field-by-field equality of IR models, naming the first difference.
// Floats (scales, beta, alpha) compare bit for bit.
#pragma once

#include <gtest/gtest.h>

#include "ir/graph.h"

namespace vnpu::tflite::testing {

::testing::AssertionResult models_equal(const ir::Model& expected, const ir::Model& actual);

}  // namespace vnpu::tflite::testing
