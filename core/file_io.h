// Whole-file reads and writes with errors that name the path: the only way vnpu
// reads a whole file or writes one (reports, traces, models, .npy arrays).
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

// Creates or truncates the file and writes `bytes` or `text` (empty: an empty file).
Status write_file(const std::string& path, const std::vector<uint8_t>& bytes);
Status write_text_file(const std::string& path, const std::string& text);

}  // namespace vnpu
