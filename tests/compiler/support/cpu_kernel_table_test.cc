// The CPU operator table of docs/SUPPORTED_OPS.md names exactly the operator
// types the CPU runtime has a prepare function for, once each.
#include "compiler/support/cpu_kernel_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "driver/cpu/cpu_op.h"

namespace vnpu::compiler {
namespace {

TEST(CpuKernelTable, NamesExactlyTheRegisteredCpuOperators) {
  std::set<ir::OpType> listed;
  for (const CpuKernelTypes& row : cpu_kernel_table()) {
    const std::string name = ir::op_type_name(row.type);
    EXPECT_TRUE(listed.insert(row.type).second) << name << " is listed twice";
    EXPECT_NE(driver::cpu::find_cpu_op(row.type), nullptr) << name << " has no CPU kernel";
  }
  for (ir::OpType type : ir::all_op_types()) {
    if (driver::cpu::find_cpu_op(type) != nullptr) {
      EXPECT_EQ(listed.count(type), 1u) << ir::op_type_name(type) << " is not in the table";
    }
  }
}

}  // namespace
}  // namespace vnpu::compiler
