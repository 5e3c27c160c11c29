#pragma once
// Datasets held by the core between calls: the streaming side of the request
// boundary.
//
// A file is read in three coarse steps, so the browser can feed File.stream()
// chunks and show progress without one call per row:
//   dataset_begin(options)      -> {"dataset": id}         options as for ingestion
//   dataset_feed(id, bytes)     -> {"rows": data rows read so far}   any chunk boundary
//   dataset_finish(id)          -> the ingestion report (inspect report + "dataset": id)
// The finished dataset (its OrderLines or CustomerList) stays in the store
// under id until dataset_drop(id); the request ops "analyze", "clv_fit",
// "clv_predict" name it with {"dataset": id}. At most kMaxDatasets are kept;
// beginning one more drops the oldest.
//
// Every function here returns a full response ({"ok": ...}) and never throws.
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "data/order_lines.h"

namespace kpikit::api {

constexpr std::size_t kMaxDatasets = 4;

nlohmann::json dataset_begin(const nlohmann::json& options);
nlohmann::json dataset_feed(int id, const std::uint8_t* data, std::size_t size);
nlohmann::json dataset_finish(int id);
nlohmann::json dataset_drop(int id);

// A finished dataset for the request ops; throws Error("unknown_dataset") if
// id names none, Error("wrong_mode") if it holds the other kind of table.
const OrderLines& dataset_orders(const nlohmann::json& params);
const CustomerList& dataset_customers(const nlohmann::json& params);
// "orders" or "customers" for the dataset named in params.
std::string dataset_mode(const nlohmann::json& params);

}  // namespace kpikit::api
