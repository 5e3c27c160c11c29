// kpikit analyze FILE [options] [--json]
//
// Reads an order history or customer list with the ingestion defaults (the
// file is streamed in 1 MB chunks) and prints the retention report of
// api/analytics_ops.h: with --json the one report object, else a short
// readable summary. Options map one to one onto the report params
// (docs/analytics.md):
//   --period month|quarter|year     --inactivity-days N     --reference-date yyyy-mm-dd
//   --segments A,B (or "" for none) --rfm-monetary total|average
//   --rfm-customers                 include the per-customer RFM table in the JSON
//   --confidence-level X
//   --rfm-csv OUT.csv [--rfm-segment NAME]  write the RFM customer list (of one segment) as CSV
// and onto ingestion: --mode orders|customers, --delimiter X, --skip-duplicates,
// --keep-zero-amounts.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "analytics/analytics.h"
#include "api/analytics_ops.h"
#include "cli/commands.h"
#include "cli/read_file.h"
#include "core/error.h"
#include "ingest/ingest.h"

namespace kpikit::cli {

namespace {

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kpikit analyze: %s\n", message.c_str());
  return 2;
}

void print_usage() {
  std::printf(
      "usage: kpikit analyze FILE|- [--period month|quarter|year] [--inactivity-days N]\n"
      "       [--reference-date yyyy-mm-dd] [--segments COL,COL] [--rfm-monetary total|average]\n"
      "       [--rfm-customers] [--confidence-level X] [--rfm-csv OUT.csv [--rfm-segment NAME]]\n"
      "       [--mode orders|customers] [--delimiter X] [--skip-duplicates] [--keep-zero-amounts] [--json]\n");
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty() || !out.empty()) out.push_back(cur);
  return out;
}

std::string pct(const nlohmann::json& v) {
  if (v.is_null()) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", v.get<double>() * 100);
  return buf;
}

std::string money(const nlohmann::json& v) {
  if (v.is_null()) return "-";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.2f", v.get<double>());
  return buf;
}

void print_orders_summary(const nlohmann::json& r) {
  const auto& t = r["totals"];
  std::printf("%lld customers, %lld orders, revenue %s (%s .. %s, reference %s)\n",
              t["customers"].get<long long>(), t["orders"].get<long long>(), money(t["revenue"]).c_str(),
              r["range"]["first_day"].is_null() ? "-" : r["range"]["first_day"].get<std::string>().c_str(),
              r["range"]["last_day"].is_null() ? "-" : r["range"]["last_day"].get<std::string>().c_str(),
              r["range"]["reference_date"].is_null() ? "-" : r["range"]["reference_date"].get<std::string>().c_str());
  const auto& p = r["periods"];
  std::printf("\n%-9s %8s %7s %7s %7s %8s %7s %7s %7s %12s\n", "period", "S", "new", "react", "lost", "E", "CRR",
              "active", "orders", "revenue");
  for (std::size_t i = 0; i < p["label"].size(); ++i)
    std::printf("%-9s %8lld %7lld %7lld %7lld %8lld %7s %7lld %7lld %12s%s\n", p["label"][i].get<std::string>().c_str(),
                p["customers_start"][i].get<long long>(), p["new_customers"][i].get<long long>(),
                p["reactivated"][i].get<long long>(), p["lost"][i].get<long long>(),
                p["customers_end"][i].get<long long>(), pct(p["crr"][i]).c_str(), p["active"][i].get<long long>(),
                p["orders"][i].get<long long>(), money(p["revenue"][i]).c_str(),
                p["incomplete"][i].get<bool>() ? "  (incomplete)" : "");
  const auto& b = r["repeat"];
  std::printf("\nrepeat-purchase rate %s, orders per customer %s, average order value %s,\n",
              pct(b["repeat_purchase_rate"]).c_str(), money(b["orders_per_customer"]).c_str(),
              money(b["average_order_value"]).c_str());
  std::printf("revenue per customer %s, median days between orders %s\n", money(b["revenue_per_customer"]).c_str(),
              money(b["median_days_between_orders"]).c_str());
  if (r["cross_sell"]["available"].get<bool>()) std::printf("cross-sell rate %s\n", pct(r["cross_sell"]["rate"]).c_str());
  if (r["referral"]["available"].get<bool>()) std::printf("referral share %s\n", pct(r["referral"]["share"]).c_str());
  const auto& s = r["rfm"]["segments"];
  std::printf("\nRFM segments:\n");
  for (std::size_t i = 0; i < s["name"].size(); ++i)
    std::printf("  %-20s %8lld customers  revenue %s\n", s["name"][i].get<std::string>().c_str(),
                s["customers"][i].get<long long>(), money(s["revenue"][i]).c_str());
  for (const auto& w : r["warnings"])
    std::printf("warning %s: %s\n", w["code"].get<std::string>().c_str(), w["message"].get<std::string>().c_str());
}

void print_customers_summary(const nlohmann::json& r) {
  std::printf("%lld customers, %lld churned: churn rate %s, revenue churn %s, mean tenure %s\n",
              r["customers"].get<long long>(), r["churned"].get<long long>(), pct(r["churn_rate"]).c_str(),
              pct(r["revenue_churn"]).c_str(), money(r["mean_tenure"]).c_str());
  const auto& s = r["survival"];
  std::printf("median lifetime %s\n", s["median"].is_null() ? "not reached" : money(s["median"]).c_str());
  for (const auto& seg : r["segments"]) {
    std::printf("\nby %s:\n", seg["column"].get<std::string>().c_str());
    for (std::size_t i = 0; i < seg["label"].size(); ++i)
      std::printf("  %-28s %7lld customers  churn %s\n", seg["label"][i].get<std::string>().c_str(),
                  seg["customers"][i].get<long long>(), pct(seg["churn_rate"][i]).c_str());
  }
}

}  // namespace

int run_analyze_command(int argc, char** argv) {
  if (argc < 1 || !std::strcmp(argv[0], "--help") || !std::strcmp(argv[0], "-h")) {
    print_usage();
    return argc < 1 ? 2 : 0;
  }
  const std::string path = argv[0];
  nlohmann::json params = nlohmann::json::object();
  IngestOptions ingest;
  bool json_output = false;
  std::string rfm_csv_path;
  std::optional<RfmSegment> rfm_only;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") { json_output = true; continue; }
    if (arg == "--rfm-customers") { params["rfm_customers"] = true; continue; }
    if (arg == "--skip-duplicates") { ingest.skip_duplicates = true; continue; }
    if (arg == "--keep-zero-amounts") { ingest.keep_zero_amounts = true; continue; }
    if (arg.rfind("--", 0) != 0) return usage_error("unexpected argument '" + arg + "'");
    if (i + 1 >= argc) return usage_error("option " + arg + " needs a value");
    const std::string value = argv[++i];
    if (arg == "--period") params["period"] = value;
    else if (arg == "--inactivity-days") {
      try {
        std::size_t used = 0;
        const long days = std::stol(value, &used);
        if (used != value.size()) throw std::invalid_argument(value);
        params["inactivity_days"] = days;
      } catch (const std::exception&) {
        return usage_error("--inactivity-days needs a whole number of days");
      }
    } else if (arg == "--reference-date") params["reference_date"] = value;
    else if (arg == "--segments") params["segments"] = split_commas(value);
    else if (arg == "--rfm-monetary") params["rfm_monetary"] = value;
    else if (arg == "--confidence-level") {
      try {
        params["confidence_level"] = std::stod(value);
      } catch (const std::exception&) {
        return usage_error("--confidence-level needs a number");
      }
    } else if (arg == "--rfm-csv") rfm_csv_path = value;
    else if (arg == "--rfm-segment") {
      rfm_only = rfm_segment_from_name(value);
      if (!rfm_only) return usage_error("--rfm-segment must name an RFM segment, e.g. \"At Risk\"");
    }
    else if (arg == "--mode") {
      if (value == "orders") ingest.mode = IngestMode::orders;
      else if (value == "customers") ingest.mode = IngestMode::customers;
      else return usage_error("--mode must be orders or customers");
    } else if (arg == "--delimiter") ingest.delimiter = value;
    else return usage_error("unknown option " + arg);
  }

  try {
    const AnalyticsOptions options = api::analytics_options_from_json(params);
    const IngestResult data = ingest_file(path, ingest);
    nlohmann::json report;
    if (data.mode == IngestMode::customers) {
      report = api::customer_list_report_to_json(analyze_customer_list(data.customers, options), options);
    } else {
      const OrdersReport r = analyze_order_lines(data.orders, options);
      report = api::orders_report_to_json(data.orders, r, options);
      if (!rfm_csv_path.empty()) {
        std::ofstream out(rfm_csv_path, std::ios::binary);
        const std::string csv = rfm_csv(data.orders, r.rfm, rfm_only);
        out.write(csv.data(), static_cast<std::streamsize>(csv.size()));
        if (!out) return usage_error("cannot write " + rfm_csv_path);
      }
    }
    if (json_output) {
      std::printf("%s\n", report.dump().c_str());
      return 0;
    }
    std::printf("%s: %llu rows read, %llu used (%s mode)\n", path.c_str(),
                static_cast<unsigned long long>(data.accounting.rows_read),
                static_cast<unsigned long long>(data.accounting.rows_used), mode_name(data.mode));
    for (const auto& [code, count] : data.accounting.skipped)
      std::printf("  skipped %llu rows: %s\n", static_cast<unsigned long long>(count), code.c_str());
    if (data.mode == IngestMode::customers) print_customers_summary(report);
    else print_orders_summary(report);
    return 0;
  } catch (const Error& e) {
    return usage_error(e.field().empty() ? std::string(e.what()) : e.field() + ": " + e.what());
  }
}

}  // namespace kpikit::cli
