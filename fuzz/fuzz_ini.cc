// Feeds arbitrary text to the two INI readers of perf/: the Vela-format system
// configuration reader (parse_vela_ini, `--config`) and the energy table
// reader (parse_energy_ini, `--energy-ini`). Asserts no out-of-bounds access,
// UB or abort; every rejection has a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "perf/energy_model.h"
#include "perf/system_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vnpu;
  const std::string text(reinterpret_cast<const char*>(data), size);
  Expected<perf::VelaIni> vela = perf::parse_vela_ini(text, "fuzz.ini");
  if (!vela && vela.status().message().empty()) std::abort();
  Expected<perf::EnergyTables> energy = perf::parse_energy_ini(text, "fuzz_energy.ini");
  if (!energy && energy.status().message().empty()) std::abort();
  return 0;
}
