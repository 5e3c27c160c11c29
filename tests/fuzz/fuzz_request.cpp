// Fuzzes the JSON request boundary: any text must give a well-formed response
// ({"ok": true|false, ...}), never a crash, a hang or an uncaught exception.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/request.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string response = kpikit::api::handle_request_text(text);
  const auto parsed = nlohmann::json::parse(response, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("ok")) std::abort();
  if (parsed["ok"] == false && !parsed["error"]["code"].is_string()) std::abort();
  return 0;
}
