#include "tflite/read_flexbuffer_map.h"

#include <flatbuffers/flexbuffers.h>

#include <limits>
#include <vector>

namespace vnpu::tflite {

Expected<std::map<std::string, int64_t>> read_flexbuffer_int_map(const uint8_t* data, size_t size,
                                                                 const std::string& where) {
  if (data == nullptr || size == 0) {
    return Status::invalid_input(where + ": custom options are empty (expected a flexbuffer map)");
  }
  // The tracker makes the verifier visit each shared vector once (no
  // quadratic time on a buffer that points many keys at one vector).
  std::vector<uint8_t> reuse_tracker;
  if (!flexbuffers::VerifyBuffer(data, size, &reuse_tracker)) {
    return Status::invalid_input(where + ": custom options are not a valid flexbuffer (" +
                                 std::to_string(size) + " bytes)");
  }
  const flexbuffers::Reference root = flexbuffers::GetRoot(data, size);
  if (!root.IsMap()) {
    return Status::invalid_input(where + ": custom options are not a flexbuffer map (root type " +
                                 std::to_string(static_cast<int>(root.GetType())) + ")");
  }
  const flexbuffers::Map map = root.AsMap();
  const flexbuffers::TypedVector keys = map.Keys();
  const flexbuffers::Vector values = map.Values();
  std::map<std::string, int64_t> params;
  for (size_t i = 0; i < map.size(); ++i) {
    const std::string key = keys[i].AsKey();
    const flexbuffers::Reference value = values[i];
    if (value.IsBool()) {
      params[key] = value.AsBool() ? 1 : 0;
    } else if (value.IsUInt()) {
      const uint64_t unsigned_value = value.AsUInt64();
      if (unsigned_value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        return Status::invalid_input(where + ": custom option '" + key + "' = " +
                                     std::to_string(unsigned_value) + " exceeds int64");
      }
      params[key] = static_cast<int64_t>(unsigned_value);
    } else if (value.IsInt()) {
      params[key] = value.AsInt64();
    }
  }
  return params;
}

}  // namespace vnpu::tflite
