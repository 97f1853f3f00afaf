#include "tests/firmware/driver/fake_device.h"

#include <cstdio>

namespace vnpu::firmware::test {

std::string to_string(const Event& event) {
  char text[64];
  std::snprintf(text, sizeof(text), "%c 0x%03llx 0x%llx", static_cast<char>(event.kind),
                static_cast<unsigned long long>(event.address),
                static_cast<unsigned long long>(event.value));
  return text;
}

std::string to_string(const std::vector<Event>& events) {
  std::string out;
  for (const Event& event : events) out += to_string(event) + "\n";
  return out;
}

FakeNpu::FakeNpu(uint32_t config_register, uint32_t id_register)
    : config_register_(config_register), id_register_(id_register) {}

vnpu_hal FakeNpu::hal() {
  static const vnpu_hal_ops ops = {&FakeNpu::read32, &FakeNpu::write32};
  return vnpu_hal{&ops, this};
}

std::vector<Event> FakeNpu::log() const {
  std::lock_guard<std::mutex> lock(log_mutex_);
  return log_;
}

void FakeNpu::clear_log() {
  std::lock_guard<std::mutex> lock(log_mutex_);
  log_.clear();
}

void FakeNpu::record(Event event) {
  std::lock_guard<std::mutex> lock(log_mutex_);
  log_.push_back(event);
}

uint32_t FakeNpu::register_value(uint32_t offset) const {
  auto it = registers_.find(offset);
  return it == registers_.end() ? 0 : it->second;
}

uint32_t FakeNpu::read32(void* context, uint32_t offset) {
  auto* npu = static_cast<FakeNpu*>(context);
  npu->enter();
  const uint32_t value = npu->read(offset);
  npu->record({Event::kRead, offset, value});
  npu->leave();
  return value;
}

void FakeNpu::write32(void* context, uint32_t offset, uint32_t value) {
  auto* npu = static_cast<FakeNpu*>(context);
  npu->enter();
  npu->record({Event::kWrite, offset, value});
  npu->write(offset, value);
  npu->leave();
}

// Flags an access from a second thread while another thread is inside one
// (the IRQ handler nested in write32(CMD.run) is the same thread).
void FakeNpu::enter() {
  std::lock_guard<std::mutex> lock(owner_mutex_);
  if (depth_ > 0 && owner_ != std::this_thread::get_id()) concurrent_access = true;
  owner_ = std::this_thread::get_id();
  ++depth_;
}

void FakeNpu::leave() {
  std::lock_guard<std::mutex> lock(owner_mutex_);
  --depth_;
}

uint32_t FakeNpu::read(uint32_t offset) {
  switch (offset) {
    case VNPU_REG_ID:
      return id_register_;
    case VNPU_REG_CONFIG:
      return config_register_;
    case VNPU_REG_STATUS:
      if (reset_reads_left_ > 0 && --reset_reads_left_ == 0) status_ &= ~VNPU_STATUS_RESET_STATUS;
      return status_;
    case VNPU_REG_PROT:
      return prot_override.value_or(prot_);
    case VNPU_REG_PMCNTENSET:
    case VNPU_REG_PMCNTENCLR:
      return counters_enabled_;
    case VNPU_REG_PMCCNTR_HI:
      return static_cast<uint32_t>(cycles >> 32) & 0xFFFFu;
    case VNPU_REG_PMCCNTR_LO: {
      const auto low = static_cast<uint32_t>(cycles);
      cycles += cycles_per_low_read;
      return low;
    }
    default:
      break;
  }
  if (offset >= VNPU_REG_PMEVCNTR0 && offset < VNPU_REG_PMEVCNTR0 + 4 * VNPU_PMU_EVENT_COUNTERS) {
    return event_counts[(offset - VNPU_REG_PMEVCNTR0) / 4];
  }
  return register_value(offset);
}

void FakeNpu::write(uint32_t offset, uint32_t value) {
  switch (offset) {
    case VNPU_REG_RESET:
      prot_ = value & (VNPU_PROT_ACTIVE_CPL_PRIVILEGED | VNPU_PROT_ACTIVE_CSL_SECURE);
      reset_reads_left_ = reset_polls;
      status_ = reset_polls > 0 ? VNPU_STATUS_RESET_STATUS : 0u;
      return;
    case VNPU_REG_CMD:
      registers_[offset] = value;
      if ((value & VNPU_CMD_CLEAR_IRQ) != 0) status_ &= ~VNPU_STATUS_IRQ_RAISED;
      if ((value & VNPU_CMD_RUN) != 0) {
        ++runs_;
        status_ = run_status;
        if (raise_irq_on_run && driver_ != nullptr) {
          leave();  // the handler's accesses are this thread's, at depth 1 again
          vnpu_irq_handler(driver_);
          enter();
        }
      }
      return;
    case VNPU_REG_PMCR:
      if ((value & VNPU_PMCR_EVENT_CNT_RST) != 0) event_counts.fill(0);
      if ((value & VNPU_PMCR_CYCLE_CNT_RST) != 0) cycles = 0;
      registers_[offset] = value & ~(VNPU_PMCR_EVENT_CNT_RST | VNPU_PMCR_CYCLE_CNT_RST);
      return;
    case VNPU_REG_PMCNTENSET:
      counters_enabled_ |= value;
      return;
    case VNPU_REG_PMCNTENCLR:
      counters_enabled_ &= ~value;
      return;
    default:
      registers_[offset] = value;
      return;
  }
}

}  // namespace vnpu::firmware::test
