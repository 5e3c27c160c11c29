// The embind boundary: coarse calls only, JSON across.
//
// request(json) -> json is the whole API for small requests (calculators now;
// analyses later). Nothing here computes: it forwards to api::handle_request_text,
// which never throws, so no C++ exception or abort reaches JavaScript.
#include <emscripten/bind.h>

#include <string>

#include "api/request.h"

namespace {

std::string request(const std::string& request_json) {
  return kpikit::api::handle_request_text(request_json);
}

}  // namespace

EMSCRIPTEN_BINDINGS(kpikit_core) {
  emscripten::function("request", &request);
}
