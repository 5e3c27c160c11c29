#include "api/dataset_store.h"

#include <deque>
#include <memory>
#include <new>
#include <optional>

#include "api/ingest_ops.h"
#include "api/request.h"
#include "core/error.h"
#include "ingest/ingest.h"

namespace kpikit::api {

namespace {

struct Dataset {
  int id = 0;
  std::optional<IngestSession> session;  // while reading
  std::optional<IngestResult> result;    // once finished
};

struct Store {
  std::deque<Dataset> datasets;
  int next_id = 1;
};

Store& store() {
  static Store s;
  return s;
}

Dataset* find(int id) {
  for (Dataset& d : store().datasets)
    if (d.id == id) return &d;
  return nullptr;
}

Dataset& require(int id) {
  Dataset* d = find(id);
  if (!d) throw Error("unknown_dataset", "no dataset with id " + std::to_string(id) + " (dropped or never read)", "dataset");
  return *d;
}

void drop(int id) {
  auto& all = store().datasets;
  for (auto it = all.begin(); it != all.end(); ++it)
    if (it->id == id) { all.erase(it); return; }
}

// Runs f, turning every failure into an error response; a failed read is dropped.
template <class F>
nlohmann::json guarded(int id, F f) {
  try {
    return {{"ok", true}, {"result", f()}};
  } catch (const Error& e) {
    if (id > 0 && e.code() != "unknown_dataset") drop(id);
    return error_response(e.code(), e.what(), e.field());
  } catch (const std::bad_alloc&) {
    if (id > 0) drop(id);
    return error_response("out_of_memory", "not enough memory to hold this file; try a smaller file or close other tabs");
  } catch (const std::exception& e) {
    if (id > 0) drop(id);
    return error_response("internal_error", e.what());
  }
}

const Dataset& finished(const nlohmann::json& params) {
  const auto it = params.find("dataset");
  if (it == params.end() || !it->is_number_integer())
    throw Error("missing", "dataset id is required", "dataset");
  const Dataset& d = require(it->get<int>());
  if (!d.result) throw Error("dataset_not_finished", "the dataset is still being read", "dataset");
  return d;
}

}  // namespace

nlohmann::json dataset_begin(const nlohmann::json& options) {
  return guarded(0, [&] {
    IngestOptions parsed = ingest_options_from_json(options.is_null() ? nlohmann::json::object() : options);
    auto& all = store().datasets;
    while (all.size() >= kMaxDatasets) all.pop_front();
    Dataset d;
    d.id = store().next_id++;
    d.session.emplace(std::move(parsed));
    all.push_back(std::move(d));
    return nlohmann::json{{"dataset", all.back().id}};
  });
}

nlohmann::json dataset_feed(int id, const std::uint8_t* data, std::size_t size) {
  return guarded(id, [&] {
    Dataset& d = require(id);
    if (!d.session) throw Error("dataset_finished", "the dataset has already been read to the end", "dataset");
    d.session->feed(data, size);
    return nlohmann::json{{"rows", d.session->rows_read()}};
  });
}

nlohmann::json dataset_finish(int id) {
  return guarded(id, [&] {
    Dataset& d = require(id);
    if (!d.session) throw Error("dataset_finished", "the dataset has already been read to the end", "dataset");
    d.result.emplace(d.session->finish());
    d.session.reset();
    nlohmann::json report = ingest_report_to_json(*d.result);
    report["dataset"] = id;
    return report;
  });
}

nlohmann::json dataset_drop(int id) {
  return guarded(0, [&] {
    drop(id);
    return nlohmann::json(nullptr);
  });
}

const OrderLines& dataset_orders(const nlohmann::json& params) {
  const Dataset& d = finished(params);
  if (d.result->mode != IngestMode::orders)
    throw Error("wrong_mode", "this dataset is a customer list, not an order history", "dataset");
  return d.result->orders;
}

const CustomerList& dataset_customers(const nlohmann::json& params) {
  const Dataset& d = finished(params);
  if (d.result->mode != IngestMode::customers)
    throw Error("wrong_mode", "this dataset is an order history, not a customer list", "dataset");
  return d.result->customers;
}

std::string dataset_mode(const nlohmann::json& params) {
  return finished(params).result->mode == IngestMode::customers ? "customers" : "orders";
}

}  // namespace kpikit::api
