#pragma once
// The JSON request boundary: the one entry point of the CLI, the WASM module
// and the fuzzers.
//
// A request is an object {"op": "<name>", ...params}. The response is
//   {"ok": true,  "result": {...}}                                  on success
//   {"ok": false, "error": {"code", "message", "field"[, "row"]}}    on failure
//   ("row": the 1-based row of a list input the error concerns, when it has one)
// handle_request never throws: kpikit::Error keeps its code and field; a
// malformed request is "invalid_request", text that is not JSON is
// "invalid_json", memory exhaustion is "out_of_memory", anything else
// "internal_error".
//
// Ops:
//   calculators                      -> {"calculators": [{id, inputs:[{name, unit, required}]}]}
//   calc {calculator, inputs, locale} -> the calculator's outcome (see api/calc_ops.h)
//   inspect {text, options}          -> the ingestion report of a text (api/ingest_ops.h)
//   analyze {dataset, ...}           -> the analytics report of a dataset read through
//                                       api/dataset_store.h (api/analytics_ops.h)
//   clv_summary | clv_fit | clv_predict {dataset, ...}, clv_bgbb {...}, clv_sbg {...}
//                                    -> see api/clv_ops.h
//
// Example: handle_request_text(R"({"op":"calc","calculator":"crr","inputs":{"start":150,"end":162,"new":30}})")
//   -> {"ok":true,"result":{"calculator":"crr","primary":"crr","values":{"crr":0.88,...},...}}
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace kpikit::api {

nlohmann::json handle_request(const nlohmann::json& request);
std::string handle_request_text(std::string_view request_text);

// The error response for a code, message and field (field may be empty).
nlohmann::json error_response(const std::string& code, const std::string& message, const std::string& field = {});

}  // namespace kpikit::api
