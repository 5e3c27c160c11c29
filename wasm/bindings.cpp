// The embind boundary: coarse calls only, JSON or raw bytes across.
//
// request(json) -> json           every small request (calculators, analyses, CLV)
// dataset_begin(options) -> json  start reading a file (api/dataset_store.h)
// dataset_feed(id, ptr, size)     one chunk of bytes the caller copied into
//                                 wasm memory at ptr (allocated with _malloc)
// dataset_finish(id) -> json      the ingestion report; the dataset stays for analyses
// dataset_drop(id) -> json
// Nothing here computes, and nothing throws: every call returns a response
// {"ok": ...}, so no C++ exception or abort reaches JavaScript.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "api/dataset_store.h"
#include "api/request.h"

namespace {

std::string request(const std::string& request_json) {
  return kpikit::api::handle_request_text(request_json);
}

std::string dataset_begin(const std::string& options_json) {
  // Parsed as a string_view, like handle_request_text: one instantiation of the JSON parser (about 11 KB less).
  const auto options = nlohmann::json::parse(std::string_view(options_json), nullptr, /*allow_exceptions=*/false);
  if (options.is_discarded()) return kpikit::api::error_response("invalid_json", "options are not valid json").dump();
  return kpikit::api::dataset_begin(options).dump();
}

std::string dataset_feed(int id, std::uintptr_t ptr, std::size_t size) {
  return kpikit::api::dataset_feed(id, reinterpret_cast<const std::uint8_t*>(ptr), size).dump();
}

std::string dataset_finish(int id) {
  return kpikit::api::dataset_finish(id).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string dataset_drop(int id) { return kpikit::api::dataset_drop(id).dump(); }

}  // namespace

EMSCRIPTEN_BINDINGS(kpikit_core) {
  emscripten::function("request", &request);
  emscripten::function("dataset_begin", &dataset_begin);
  emscripten::function("dataset_feed", &dataset_feed);
  emscripten::function("dataset_finish", &dataset_finish);
  emscripten::function("dataset_drop", &dataset_drop);
}
