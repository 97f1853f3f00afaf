// Whole-file reads and writes with errors that name the path.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace vnpu {

// Reads a whole file. Refuses files larger than max_bytes (default 1 GiB) so a
// bad path to a device or huge file cannot exhaust memory.
Expected<std::vector<uint8_t>> read_file(const std::string& path,
                                         uint64_t max_bytes = uint64_t{1} << 30);

Status write_file(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace vnpu
