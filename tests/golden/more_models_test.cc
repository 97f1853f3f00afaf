// The CPU kernels against TensorFlow Lite Micro's goldens for the further real
// models of ../shared/more_models: every model, seeds 1-3, with the fast and the
// reference kernels; every graph input from input_<seed>_<k>.npy, every graph
// output byte-identical with output_<seed>_<k>.npy, and for seed 1 every
// operator output with intermediates/seed1/ (tests/golden/golden_run.h).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/golden/golden_run.h"
#include "tests/golden/shared_models.h"

namespace vnpu {
namespace {

using testing::GoldenCase;

class MoreModelsGolden : public ::testing::TestWithParam<GoldenCase> {
 protected:
  void SetUp() override {
    const bool present = std::filesystem::exists(testing::more_models_dir() + "/MANIFEST.json");
    if (!present && testing::running_under_ci()) {
      ADD_FAILURE() << "CI=true but the more_models goldens are missing at "
                    << testing::more_models_dir();
    }
    if (!present) GTEST_SKIP() << "more_models not found at " << testing::more_models_dir();
  }
};

TEST_P(MoreModelsGolden, OutputsAndIntermediatesAreByteIdentical) {
  testing::expect_cpu_run_matches_goldens(testing::more_models_dir(), GetParam());
}

INSTANTIATE_TEST_SUITE_P(MoreModels, MoreModelsGolden,
                         ::testing::ValuesIn(testing::golden_cases(testing::more_model_names())),
                         testing::golden_case_name);

}  // namespace
}  // namespace vnpu
