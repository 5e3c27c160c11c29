#include "api/request.h"

#include <functional>
#include <map>
#include <new>

#include "api/analytics_ops.h"
#include "api/calc_ops.h"
#include "api/clv_ops.h"
#include "api/dataset_store.h"
#include "api/ingest_ops.h"
#include "core/error.h"

namespace kpikit::api {

namespace {

using Op = std::function<nlohmann::json(const nlohmann::json&)>;

const std::map<std::string, Op>& op_table() {
  static const std::map<std::string, Op> ops = {
      {"calculators", [](const nlohmann::json&) { return list_calculators(); }},
      {"calc", [](const nlohmann::json& p) { return run_calculator(p); }},
      {"inspect", [](const nlohmann::json& p) { return inspect_text(p); }},
      {"analyze", [](const nlohmann::json& p) {
         return dataset_mode(p) == "customers" ? analyze_customers(dataset_customers(p), p)
                                               : analyze_orders(dataset_orders(p), p);
       }},
      {"clv_summary", [](const nlohmann::json& p) { return clv_summary(dataset_orders(p), p); }},
      {"clv_fit", [](const nlohmann::json& p) { return clv_fit(dataset_orders(p), p); }},
      {"clv_predict", [](const nlohmann::json& p) { return clv_predict(dataset_orders(p), p); }},
      {"clv_bgbb", [](const nlohmann::json& p) { return clv_bgbb(p); }},
      {"clv_sbg", [](const nlohmann::json& p) { return clv_sbg(p); }},
  };
  return ops;
}

}  // namespace

nlohmann::json error_response(const std::string& code, const std::string& message, const std::string& field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  error["field"] = field.empty() ? nlohmann::json(nullptr) : nlohmann::json(field);
  return {{"ok", false}, {"error", error}};
}

nlohmann::json handle_request(const nlohmann::json& request) {
  try {
    if (!request.is_object()) return error_response("invalid_request", "request must be a json object");
    const auto op_it = request.find("op");
    if (op_it == request.end() || !op_it->is_string())
      return error_response("invalid_request", "request needs an \"op\" string", "op");
    const auto& ops = op_table();
    const auto op = ops.find(op_it->get<std::string>());
    if (op == ops.end()) return error_response("unknown_op", "unknown op '" + op_it->get<std::string>() + "'", "op");
    return {{"ok", true}, {"result", op->second(request)}};
  } catch (const Error& e) {
    nlohmann::json response = error_response(e.code(), e.what(), e.field());
    if (e.row() > 0) response["error"]["row"] = e.row();  // the row of a list input
    return response;
  } catch (const nlohmann::json::exception& e) {
    return error_response("invalid_request", std::string("malformed request: ") + e.what());
  } catch (const std::bad_alloc&) {
    return error_response("out_of_memory", "not enough memory for this request");
  } catch (const std::exception& e) {
    return error_response("internal_error", e.what());
  }
}

std::string handle_request_text(std::string_view request_text) {
  try {
    const nlohmann::json request = nlohmann::json::parse(request_text, nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded()) return error_response("invalid_json", "request is not valid json").dump();
    return handle_request(request).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const std::bad_alloc&) {
    return R"({"ok":false,"error":{"code":"out_of_memory","message":"not enough memory for this request","field":null}})";
  } catch (...) {
    return R"({"ok":false,"error":{"code":"internal_error","message":"unexpected failure","field":null}})";
  }
}

}  // namespace kpikit::api
