#include "cli/run_backends.h"

#include <cstdio>

#ifdef VNPU_HAVE_SYSTEMC
#include "cli/run_report.h"
#include "driver/npu/systemc_session.h"
#endif
#ifdef VNPU_HAVE_RTL
#include "driver/npu/rtl_backend.h"
#endif

namespace vnpu::cli {

const driver::npu::BackendRegistry& run_backends() {
  static const driver::npu::BackendRegistry kBackends = [] {
    driver::npu::BackendRegistry registry;
    driver::npu::register_cpu_backend(registry);
    driver::npu::register_functional_backend(registry);
#ifdef VNPU_HAVE_SYSTEMC
    driver::npu::register_systemc_backend(registry);
#endif
#ifdef VNPU_HAVE_RTL
    driver::npu::register_rtl_backend(registry);
#endif
    return registry;
  }();
  return kBackends;
}

#ifdef VNPU_HAVE_SYSTEMC

Expected<std::string> timed_report_format(const std::string& path) { return report_format(path); }

Status report_timed_run(const driver::npu::NpuSession& session,
                        const driver::cpu::CpuRuntime& runtime, const TimedReportRequest& request) {
  const auto* timed = dynamic_cast<const driver::npu::SystemcSession*>(&session);
  if (timed == nullptr) return Status::ok();
  Expected<RunReport> report = build_run_report(runtime, timed->log(), timed->options(),
                                                *request.energy,
                                                {request.model_label, request.energy->name,
                                                 session.run_note()});
  if (!report) return report.status();
  print_run_report(*report, timed->log());
  if (!request.report_path.empty()) {
    Status status = write_run_report(*report, request.report_path);
    if (!status) return status;
    std::printf("report: written to %s\n", request.report_path.c_str());
  }
  if (!request.trace_path.empty()) {
    Status status = timed->write_trace(request.trace_path, [&runtime](int32_t tensor) {
      return operator_label(runtime.graph(), tensor);
    });
    if (!status) return status;
    std::printf("trace: written to %s (open in ui.perfetto.dev)\n", request.trace_path.c_str());
  }
  if (!request.vcd_path.empty()) {
    const driver::npu::VcdSummary vcd = timed->close_vcd();
    std::printf("vcd: written to %s (one time unit = one NPU cycle; %llu of %llu unit-busy cycles "
                "began before the model knew them and are drawn from then; --trace has them "
                "exact)\n",
                request.vcd_path.c_str(), static_cast<unsigned long long>(vcd.late_cycles),
                static_cast<unsigned long long>(vcd.busy_cycles));
  }
  return Status::ok();
}

#else  // no timed backend in this build: no session has a timed report

Expected<std::string> timed_report_format(const std::string& path) {
  return Status::invalid_input("--report " + path + ": this build has no timed backend");
}

Status report_timed_run(const driver::npu::NpuSession&, const driver::cpu::CpuRuntime&,
                        const TimedReportRequest&) {
  return Status::ok();
}

#endif

}  // namespace vnpu::cli
