/* Names of the driver's result codes (include/vnpu_status.h). */
#include <stddef.h>

#include "include/vnpu_status.h"

const char* vnpu_status_name(vnpu_status status) {
  static const char* const names[] = {
      "VNPU_OK",
      "VNPU_ERROR_INVALID_ARGUMENT",
      "VNPU_ERROR_PAYLOAD_MAGIC",
      "VNPU_ERROR_PAYLOAD_VERSION",
      "VNPU_ERROR_PAYLOAD_TRUNCATED",
      "VNPU_ERROR_PAYLOAD_ACTION",
      "VNPU_ERROR_PAYLOAD_NO_CONFIG",
      "VNPU_ERROR_PAYLOAD_NO_STREAM",
      "VNPU_ERROR_CONFIG_MISMATCH",
      "VNPU_ERROR_ARCH_MISMATCH",
      "VNPU_ERROR_BASE_POINTER_COUNT",
      "VNPU_ERROR_ALIGNMENT",
      "VNPU_ERROR_FAST_MEMORY",
      "VNPU_ERROR_BUSY",
      "VNPU_ERROR_NOT_STARTED",
      "VNPU_ERROR_TIMEOUT",
      "VNPU_ERROR_CMD_PARSE",
      "VNPU_ERROR_BUS",
      "VNPU_ERROR_WD_FAULT",
      "VNPU_ERROR_ECC_FAULT",
      "VNPU_ERROR_NO_STOP",
      "VNPU_ERROR_RESET_FAILED",
      "VNPU_ERROR_OS",
  };
  const size_t index = (size_t)status;
  return index < sizeof(names) / sizeof(names[0]) ? names[index] : "VNPU_STATUS_UNKNOWN";
}
