// Feeds arbitrary bytes to the .npy reader (driver/npy.h) that `vnpu run
// --input` uses. Asserts no out-of-bounds access, UB or abort; a parsed array's
// data is exactly its shape's element count times its element size, and it
// serializes and parses back to the same data.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "driver/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vnpu;
  const std::vector<uint8_t> bytes(data, data + size);
  Expected<driver::NpyArray> array = driver::parse_npy(bytes, "fuzz.npy");
  if (!array) {
    if (array.status().message().empty()) std::abort();
    return 0;
  }
  Expected<driver::NpyArray> again = driver::parse_npy(driver::serialize_npy(*array), "again.npy");
  if (!again || again->data != array->data) std::abort();
  return 0;
}
