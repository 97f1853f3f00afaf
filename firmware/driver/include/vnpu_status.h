/*
 * The one result type of every driver call. Each code means the same thing
 * whichever function returns it; vnpu_status_name() gives its name.
 */
#ifndef VNPU_STATUS_H
#define VNPU_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum vnpu_status {
  VNPU_OK = 0,
  VNPU_ERROR_INVALID_ARGUMENT, /* a null pointer, an index out of range, a bad size */
  /* The payload (checked before any register write). */
  VNPU_ERROR_PAYLOAD_MAGIC,     /* does not start with the fourcc "COP" */
  VNPU_ERROR_PAYLOAD_VERSION,   /* "COP" with a version other than '1' */
  VNPU_ERROR_PAYLOAD_TRUNCATED, /* not whole words, or an action runs past the end */
  VNPU_ERROR_PAYLOAD_ACTION,    /* an unknown or unsupported action, or data after the stream */
  VNPU_ERROR_PAYLOAD_NO_CONFIG, /* no OPTIMIZER_CONFIG before the command stream */
  VNPU_ERROR_PAYLOAD_NO_STREAM, /* no COMMAND_STREAM, or an empty one */
  VNPU_ERROR_CONFIG_MISMATCH,   /* compiled for another configuration (CONFIG register) */
  VNPU_ERROR_ARCH_MISMATCH,     /* compiled for another architecture revision (ID register) */
  /* The invocation (checked before any register write). */
  VNPU_ERROR_BASE_POINTER_COUNT, /* more base pointers than the NPU's 8 */
  VNPU_ERROR_ALIGNMENT,          /* the stream or a base pointer is not 16-byte aligned */
  VNPU_ERROR_FAST_MEMORY,        /* region 2 is larger than the driver's fast memory */
  VNPU_ERROR_BUSY,               /* an inference is already running on this driver */
  VNPU_ERROR_NOT_STARTED,        /* wait without an inference started */
  /* The run (each followed by a soft reset of the NPU). */
  VNPU_ERROR_TIMEOUT,   /* no IRQ within the timeout */
  VNPU_ERROR_CMD_PARSE, /* STATUS.cmd_parse_error: a malformed command stream */
  VNPU_ERROR_BUS,       /* STATUS.bus_status: an AXI access was refused */
  VNPU_ERROR_WD_FAULT,  /* STATUS.wd_fault: a corrupt weight stream */
  VNPU_ERROR_ECC_FAULT, /* STATUS.ecc_fault */
  VNPU_ERROR_NO_STOP,   /* IRQ without STATUS.cmd_end_reached */
  /* The device and the OS. */
  VNPU_ERROR_RESET_FAILED, /* reset_status stuck, or PROT not at the requested levels */
  VNPU_ERROR_OS            /* an OS hook could not create a mutex or semaphore */
} vnpu_status;

/* "VNPU_ERROR_CMD_PARSE", ...; "VNPU_STATUS_UNKNOWN" for a value not listed. */
const char* vnpu_status_name(vnpu_status status);

#ifdef __cplusplus
}
#endif

#endif /* VNPU_STATUS_H */
