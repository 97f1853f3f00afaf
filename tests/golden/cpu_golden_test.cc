// The CPU kernels against TensorFlow Lite Micro's goldens: every shared model,
// seeds 1-3, with the fast and the reference kernels, outputs byte-identical;
// for seed 1 every intermediate too (tests/golden/golden_run.h).
#include <gtest/gtest.h>

#include "tests/golden/golden_run.h"
#include "tests/golden/shared_models.h"

namespace vnpu {
namespace {

using testing::GoldenCase;

class CpuGolden : public ::testing::TestWithParam<GoldenCase> {
 protected:
  void SetUp() override {
    if (!testing::shared_models_present()) {
      GTEST_SKIP() << "shared golden models not found at " << testing::shared_models_dir();
    }
  }
};

TEST_P(CpuGolden, OutputsAndIntermediatesAreByteIdentical) {
  testing::expect_cpu_run_matches_goldens(testing::shared_models_dir(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(SharedModels, CpuGolden,
                         ::testing::ValuesIn(testing::golden_cases(testing::shared_model_names())),
                         testing::golden_case_name);

}  // namespace
}  // namespace vnpu
