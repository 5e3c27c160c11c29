#pragma once
// Test fixture: the CDNOW files as OrderLines, read here directly until the
// clv tests switch to the ingestion reader.
//   CDNOW_sample.txt: no header; original id, sample id, yyyymmdd, CDs, dollars.
//   CDNOW_master.txt: one header line; id, yyyymmdd, CDs, dollars.
// Customer ids are the sample id (sample) or the id (master), as text. All lines of
// one customer on one day form one order (the ingestion convention without an
// order column). Every line is a purchase.
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_map>

#include "data/order_lines.h"

namespace kpikit::testing {

inline OrderLines load_cdnow(const std::string& path, bool sample) {
  OrderLines lines;
  std::ifstream in(path);
  std::string line;
  std::unordered_map<std::string, std::uint32_t> customers, orders;
  std::uint32_t row = 0;
  if (!sample) std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string original, id, date;
    int cds = 0;
    double dollars = 0;
    if (sample) fields >> original;
    fields >> id >> date >> cds >> dollars;
    if (!fields || date.size() != 8) continue;
    ++row;
    const int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(4, 2)), d = std::stoi(date.substr(6, 2));
    const Day day = days_from_civil(y, m, d);
    auto c = customers.emplace(id, static_cast<std::uint32_t>(lines.customer_ids.size()));
    if (c.second) lines.customer_ids.push_back(id);
    const std::string order_key = id + "/" + date;
    auto o = orders.emplace(order_key, static_cast<std::uint32_t>(lines.order_ids.size()));
    if (o.second) lines.order_ids.push_back(order_key);
    lines.customer.push_back(c.first->second);
    lines.order.push_back(o.first->second);
    lines.day.push_back(day);
    lines.amount.push_back(dollars);
    lines.kind.push_back(LineKind::purchase);
    lines.source_row.push_back(row);
  }
  return lines;
}

inline std::string cdnow_path(const char* file) { return std::string(KPIKIT_SHARED_DATA) + "/cdnow/" + file; }

}  // namespace kpikit::testing
