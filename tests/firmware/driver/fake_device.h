// A recording fake NPU behind the firmware driver's hardware layer
// (firmware/driver/include/vnpu_hal.h): it logs every register access, and
// the test hooks (os_hooks.cc) log the cache and inference callbacks into the
// same log, so a test can compare the driver's whole sequence with a golden
// one. Behaviour, as the register map defines it:
//  - ID and CONFIG read as given; CMD reads as the last value written;
//  - RESET: STATUS becomes reset_status for `reset_polls` reads, then 0; PROT
//    takes the requested levels (unless `prot_override` is set);
//  - CMD.clear_irq clears STATUS.irq_raised; CMD.run sets STATUS to
//    `run_status` and, when `raise_irq_on_run`, calls vnpu_irq_handler()
//    before write32 returns (an interrupt taken at once);
//  - PMU: PMCR reset bits zero the counters, PMCNTENSET/CLR set/clear the
//    enable mask, PMCCNTR reads `cycles` (advanced by `cycles_per_low_read`
//    after each read of the low half), PMEVCNTRn read `event_counts[n]`.
// It also flags any register access from a second thread while a first one
// is inside an access (`concurrent_access`).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "firmware/driver/include/vnpu_driver.h"

namespace vnpu::firmware::test {

// One entry of the log: a register access or a hook call.
struct Event {
  enum Kind : char {
    kRead = 'R',
    kWrite = 'W',
    kFlush = 'F',
    kInvalidate = 'I',
    kBegin = 'B',
    kEnd = 'E'
  };
  Kind kind;
  uint64_t address;  // register offset, or the address a cache hook got
  uint64_t value;    // value read or written, or the byte count of a cache hook

  bool operator==(const Event& other) const {
    return kind == other.kind && address == other.address && value == other.value;
  }
};

std::string to_string(const Event& event);
std::string to_string(const std::vector<Event>& events);

class FakeNpu {
 public:
  FakeNpu(uint32_t config_register, uint32_t id_register);

  vnpu_hal hal();
  void attach(vnpu_driver* driver) { driver_ = driver; }

  std::vector<Event> log() const;
  void clear_log();
  void record(Event event);  // used by the hooks
  int runs() const { return runs_.load(); }

  // Behaviour knobs (set before the driver runs).
  uint32_t run_status = VNPU_STATUS_IRQ_RAISED | VNPU_STATUS_CMD_END_REACHED;
  bool raise_irq_on_run = true;
  int reset_polls = 0;
  std::optional<uint32_t> prot_override;
  uint64_t cycles = 0;
  uint64_t cycles_per_low_read = 0;
  std::array<uint32_t, VNPU_PMU_EVENT_COUNTERS> event_counts{};
  std::atomic<bool> concurrent_access{false};

  uint32_t status() const { return status_; }
  void set_status(uint32_t status) { status_ = status; }
  uint32_t register_value(uint32_t offset) const;

 private:
  static uint32_t read32(void* context, uint32_t offset);
  static void write32(void* context, uint32_t offset, uint32_t value);
  uint32_t read(uint32_t offset);
  void write(uint32_t offset, uint32_t value);
  void enter();
  void leave();

  const uint32_t config_register_;
  const uint32_t id_register_;
  vnpu_driver* driver_ = nullptr;
  std::map<uint32_t, uint32_t> registers_;
  uint32_t status_ = 0;
  uint32_t prot_ = 0;
  int reset_reads_left_ = 0;
  uint32_t counters_enabled_ = 0;
  std::atomic<int> runs_{0};

  mutable std::mutex log_mutex_;
  std::vector<Event> log_;

  std::mutex owner_mutex_;
  std::thread::id owner_;
  int depth_ = 0;
};

// The fake NPU the cache and inference hooks of os_hooks.cc log into
// (nullptr: they log nowhere).
void set_hook_log(FakeNpu* npu);

// Counts of OS objects the hooks created and destroyed.
int live_os_objects();

}  // namespace vnpu::firmware::test
