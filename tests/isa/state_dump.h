// Every field of a RegisterState as "name=value" lines, so that tests compare
// two states with one EXPECT_EQ and see which fields differ.
#pragma once

#include <string>

#include "isa/register_state.h"

namespace vnpu::isa::testing {

std::string dump_state(const RegisterState& state);

}  // namespace vnpu::isa::testing
