/*
 * The NPU's host register map as the firmware driver sees it: offsets and bit
 * fields of the Ethos-U55 map (docs/ARCHITECTURE.md §8.3,
 * ../shared/reference/ethos-u-facts.md §5.4). The project's C++ map is
 * isa/npu_registers.h; this C11 header mirrors it for freestanding code, and
 * tests/firmware/driver/registers_test.cc checks every shared value against
 * it, so the two cannot drift apart.
 */
#ifndef VNPU_REGISTERS_H
#define VNPU_REGISTERS_H

/* Offsets (bytes from the NPU's base address). */
#define VNPU_REG_ID 0x000u
#define VNPU_REG_STATUS 0x004u
#define VNPU_REG_CMD 0x008u
#define VNPU_REG_RESET 0x00Cu
#define VNPU_REG_QBASE 0x010u
#define VNPU_REG_QBASE_HI 0x014u
#define VNPU_REG_QREAD 0x018u
#define VNPU_REG_QCONFIG 0x01Cu
#define VNPU_REG_QSIZE 0x020u
#define VNPU_REG_PROT 0x024u
#define VNPU_REG_CONFIG 0x028u
#define VNPU_REG_REGIONCFG 0x03Cu
#define VNPU_REG_AXI_LIMIT0 0x040u /* AXI_LIMIT0..3, 4 bytes apart */
#define VNPU_REG_BASEP0 0x080u     /* BASEP0..7: 64-bit, lo word then hi word */
#define VNPU_BASE_POINTERS 8

/* STATUS bits. */
#define VNPU_STATUS_STATE_RUNNING (1u << 0)
#define VNPU_STATUS_IRQ_RAISED (1u << 1)
#define VNPU_STATUS_BUS_ERROR (1u << 2)
#define VNPU_STATUS_RESET_STATUS (1u << 3)
#define VNPU_STATUS_CMD_PARSE_ERROR (1u << 4)
#define VNPU_STATUS_CMD_END_REACHED (1u << 5)
#define VNPU_STATUS_PMU_IRQ_RAISED (1u << 6)
#define VNPU_STATUS_WD_FAULT (1u << 7)
#define VNPU_STATUS_ECC_FAULT (1u << 8)
#define VNPU_STATUS_FAULTING_INTERFACE (1u << 11)
#define VNPU_STATUS_FAULTING_CHANNEL_SHIFT 12
#define VNPU_STATUS_FAULTING_CHANNEL_MASK (0xFu << 12)

/* CMD bits. CMD reads as the last value written. */
#define VNPU_CMD_RUN (1u << 0) /* transition_to_running_state */
#define VNPU_CMD_CLEAR_IRQ (1u << 1)
#define VNPU_CMD_CLOCK_Q_ENABLE (1u << 2)
#define VNPU_CMD_POWER_Q_ENABLE (1u << 3)
#define VNPU_CMD_STOP_REQUEST (1u << 4)
#define VNPU_CMD_POWER_CLOCK_MASK (VNPU_CMD_CLOCK_Q_ENABLE | VNPU_CMD_POWER_Q_ENABLE)

/* RESET (write: soft reset into these levels) and PROT (read: active levels). */
#define VNPU_RESET_PENDING_CPL_PRIVILEGED (1u << 0)
#define VNPU_RESET_PENDING_CSL_SECURE (1u << 1)
#define VNPU_PROT_ACTIVE_CPL_PRIVILEGED (1u << 0)
#define VNPU_PROT_ACTIVE_CSL_SECURE (1u << 1)

/* CONFIG fields (the accelerator configuration) and ID fields. */
#define VNPU_CONFIG_MACS_PER_CC(config) ((config)&0xFu)
#define VNPU_CONFIG_CMD_STREAM_VERSION(config) (((config) >> 4) & 0xFu)
#define VNPU_CONFIG_SHRAM_KB(config) (((config) >> 8) & 0xFFu)
#define VNPU_CONFIG_CUSTOM_DMA(config) (((config) >> 27) & 0x1u)
#define VNPU_CONFIG_PRODUCT(config) (((config) >> 28) & 0xFu)
#define VNPU_ID_ARCH_PATCH(id) (((id) >> 16) & 0xFu)
#define VNPU_ID_ARCH_MINOR(id) (((id) >> 20) & 0xFFu)
#define VNPU_ID_ARCH_MAJOR(id) (((id) >> 28) & 0xFu)

/* PMU registers. */
#define VNPU_REG_PMCR 0x180u
#define VNPU_REG_PMCNTENSET 0x184u
#define VNPU_REG_PMCNTENCLR 0x188u
#define VNPU_REG_PMOVSSET 0x18Cu
#define VNPU_REG_PMOVSCLR 0x190u
#define VNPU_REG_PMINTSET 0x194u
#define VNPU_REG_PMINTCLR 0x198u
#define VNPU_REG_PMCCNTR_LO 0x1A0u
#define VNPU_REG_PMCCNTR_HI 0x1A4u /* bits [15:0]: the counter is 48-bit */
#define VNPU_REG_PMCCNTR_CFG 0x1A8u
#define VNPU_REG_PMCAXI_CHAN 0x1ACu
#define VNPU_REG_PMEVCNTR0 0x300u  /* PMEVCNTR0..3, 4 bytes apart */
#define VNPU_REG_PMEVTYPER0 0x380u /* PMEVTYPER0..3, 4 bytes apart */
#define VNPU_PMU_EVENT_COUNTERS 4

#define VNPU_PMCR_CNT_EN (1u << 0)
#define VNPU_PMCR_EVENT_CNT_RST (1u << 1)
#define VNPU_PMCR_CYCLE_CNT_RST (1u << 2)
#define VNPU_PMCNTEN_CYCLE_COUNTER (1u << 31)

/*
 * What the driver programs after every soft reset (the Ethos-U core driver's
 * U55 defaults, ethos-u-facts.md §5.3): the command fetch on AXI memory
 * attribute 2; region 0 (constants) on attribute 3 (AXI1), region 1 (arena)
 * on 0 (AXI0), regions 2..7 on 1; AXI_LIMITn: max burst 64 B, memory type 0,
 * 32 outstanding reads and 16 outstanding writes (fields *_m1 at [23:16] and
 * [31:24]).
 */
#define VNPU_DEFAULT_QCONFIG 2u
#define VNPU_DEFAULT_REGIONCFG 0x5553u /* 3 | 0 << 2 | 1 << 4 | ... | 1 << 14 */
#define VNPU_DEFAULT_AXI_LIMIT ((31u << 16) | (15u << 24))

#endif /* VNPU_REGISTERS_H */
