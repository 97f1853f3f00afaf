// Text forms of an Estimate: the per-operation table `vnpu estimate` prints,
// CSV (one row per operation, then a total row) and JSON.
#pragma once

#include <string>

#include "perf/estimator.h"

namespace vnpu::perf {

struct ReportContext {
  std::string model;
  std::string accelerator;
  std::string system_config;
  std::string memory_mode;
};

std::string format_table(const Estimate& estimate, const ReportContext& context);
std::string format_csv(const Estimate& estimate);
std::string format_json(const Estimate& estimate, const ReportContext& context);

}  // namespace vnpu::perf
