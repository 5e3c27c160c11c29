// kpikit clv fit|predict FILE [options] [--json]
//
//   kpikit clv fit FILE --model bgnbd|pnbd|gg|bgbb|sbg [--calibration-end yyyy-mm-dd]
//                  [--holdout-end yyyy-mm-dd] [--unit day|week|month] [--json]
//   kpikit clv predict FILE [--model bgnbd|pnbd] [--horizon N] [--discount-rate R]
//                  [--spend gg|observed] [--calibration-end D] [--holdout-end D]
//                  [--unit U] [--csv OUT.csv] [--json]
//
// FILE is an order history read by ingestion (zero-amount lines kept: the
// models count transactions, not revenue); --customer-column N, --date-column N,
// --amount-column N (1-based) override the detected mapping, --delimiter X the
// dialect. For --model bgbb FILE is a CSV "frequency,recency,periods[,weights]"
// with that header (donations.csv); for --model sbg FILE holds the alive counts
// of one cohort (cohort size first), separated by commas, spaces or lines.
// Params and results: src/api/clv_ops.h, docs/clv.md.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "api/clv_ops.h"
#include "cli/commands.h"
#include "cli/read_file.h"
#include "core/error.h"
#include "ingest/ingest.h"

namespace kpikit::cli {

namespace {

using nlohmann::json;

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kpikit clv: %s\n", message.c_str());
  return 2;
}

void print_usage() {
  std::printf(
      "usage: kpikit clv fit FILE|- --model bgnbd|pnbd|gg|bgbb|sbg [--calibration-end yyyy-mm-dd]\n"
      "                  [--holdout-end yyyy-mm-dd] [--unit day|week|month] [--json]\n"
      "       kpikit clv predict FILE|- [--model bgnbd|pnbd] [--horizon N] [--discount-rate R]\n"
      "                  [--spend gg|observed] [--calibration-end D] [--holdout-end D] [--unit U]\n"
      "                  [--csv OUT.csv] [--json]\n"
      "reading: [--customer-column N] [--date-column N] [--amount-column N] (1-based) [--delimiter X]\n"
      "units: week = 7 days, month = 30.4375 days; --horizon in units (default one year);\n"
      "--discount-rate is annual (default 0.1); bgbb FILE: frequency,recency,periods[,weights];\n"
      "sbg FILE: alive counts of one cohort, cohort size first\n");
}

std::vector<double> numbers_in(const std::string& text) {
  std::vector<double> out;
  std::string token;
  auto flush = [&] {
    if (token.empty()) return;
    std::size_t used = 0;
    const double v = std::stod(token, &used);
    if (used != token.size()) throw Error("invalid_number", "not a number: '" + token + "'", "alive");
    out.push_back(v);
    token.clear();
  };
  for (char c : text) {
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r') flush();
    else token += c;
  }
  flush();
  return out;
}

// frequency,recency,periods[,weights] with a header line.
json bgbb_params(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  json p = {{"frequency", json::array()}, {"recency", json::array()}, {"periods", json::array()}, {"weights", json::array()}};
  std::size_t row = 0;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++row;
    std::vector<double> v;
    try {
      v = numbers_in(line);
    } catch (const Error&) {
      throw Error("invalid_number", "row " + std::to_string(row) + " is not numbers", "file", row);
    }
    if (v.size() < 3) throw Error("invalid_number", "row " + std::to_string(row) + " needs frequency,recency,periods", "file", row);
    p["frequency"].push_back(v[0]);
    p["recency"].push_back(v[1]);
    p["periods"].push_back(v[2]);
    p["weights"].push_back(v.size() > 3 ? v[3] : 1.0);
  }
  return p;
}

OrderLines read_orders(const std::string& path, IngestOptions options) {
  IngestResult r = ingest_file(path, std::move(options));
  if (r.mode != IngestMode::orders) throw Error("wrong_mode", "the file is a customer list, not an order history", "file");
  return std::move(r.orders);
}

std::string fmt(const json& v, int digits = 4) {
  if (!v.is_number()) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v.get<double>());
  return buf;
}

void print_fit(const json& fit) {
  std::printf("model %s: log-likelihood %s, %s after %d iterations (%s), %s observations\n",
              fit["model"].get<std::string>().c_str(), fmt(fit["log_likelihood"], 2).c_str(),
              fit["converged"].get<bool>() ? "converged" : "NOT converged", fit["iterations"].get<int>(),
              fit["method"].get<std::string>().c_str(), fmt(fit["observations"], 0).c_str());
  for (const auto& name : fit["parameter_order"]) {
    const std::string n = name.get<std::string>();
    std::printf("  %-6s %12s  (se %s)\n", n.c_str(), fmt(fit["parameters"][n]).c_str(), fmt(fit["std_errors"][n]).c_str());
  }
  for (const auto& w : fit["warnings"]) std::printf("  warning %s: %s\n", w["code"].get<std::string>().c_str(), w["message"].get<std::string>().c_str());
}

void print_header(const json& r) {
  std::printf("calibration end %s, holdout end %s, unit %s (%s days); %s customers, %s repeat transactions\n",
              r["calibration_end"].get<std::string>().c_str(),
              r["holdout_end"].is_string() ? r["holdout_end"].get<std::string>().c_str() : "-",
              r["unit"].get<std::string>().c_str(), fmt(r["unit_days"], 4).c_str(),
              fmt(r["counts"]["customers"], 0).c_str(), fmt(r["counts"]["repeat_transactions"], 0).c_str());
}

bool write_csv(const std::string& path, const json& c) {
  std::ofstream out(path, std::ios::binary);
  const char* cols[] = {"id", "first_purchase", "x", "t_x", "T", "mean_spend", "revenue", "p_alive", "expected_purchases", "expected_spend", "clv"};
  std::string line;
  for (const char* col : cols) line += (line.empty() ? "" : ",") + std::string(col);
  out << line << "\n";
  for (std::size_t i = 0; i < c["id"].size(); ++i) {
    line.clear();
    for (const char* col : cols) {
      const json& v = c[col][i];
      line += (line.empty() ? "" : ",") + (v.is_string() ? v.get<std::string>() : v.dump());
    }
    out << line << "\n";
  }
  return static_cast<bool>(out);
}

}  // namespace

int run_clv_command(int argc, char** argv) {
  if (argc < 1 || !std::strcmp(argv[0], "--help") || !std::strcmp(argv[0], "-h")) {
    print_usage();
    return argc < 1 ? 2 : 0;
  }
  const std::string action = argv[0];
  if (action != "fit" && action != "predict") return usage_error("unknown action '" + action + "' (fit or predict)");
  if (argc < 2) return usage_error("missing FILE");
  const std::string path = argv[1];
  json params = json::object();
  IngestOptions ingest;
  ingest.keep_zero_amounts = true;
  bool json_output = false;
  std::string csv_path;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") {
      json_output = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) return usage_error("unexpected argument '" + arg + "'");
    if (i + 1 >= argc) return usage_error("option " + arg + " needs a value");
    const std::string value = argv[++i];
    try {
      if (arg == "--model") params["model"] = value;
      else if (arg == "--calibration-end") params["calibration_end"] = value;
      else if (arg == "--holdout-end") params["holdout_end"] = value;
      else if (arg == "--unit") params["unit"] = value;
      else if (arg == "--spend") params["spend"] = value;
      else if (arg == "--horizon") params["horizon"] = std::stod(value);
      else if (arg == "--discount-rate") params["discount_rate"] = std::stod(value);
      else if (arg == "--csv") csv_path = value;
      else if (arg == "--delimiter") ingest.delimiter = value;
      else if (arg == "--customer-column" || arg == "--date-column" || arg == "--amount-column") {
        const int column = std::stoi(value);
        if (column < 1) return usage_error(arg + " needs a column number from 1");
        const Role role = arg == "--customer-column" ? Role::customer : arg == "--date-column" ? Role::date : Role::amount;
        ingest.mapping.push_back({role, ColumnRef{column - 1, {}}});
      } else return usage_error("unknown option " + arg);
    } catch (const std::logic_error&) {
      return usage_error(arg + " needs a number");
    }
  }
  try {
    const std::string model = params.value("model", std::string("bgnbd"));
    json result;
    if (model == "bgbb" || model == "sbg") {
      if (action == "predict") {
        const double horizon = params.value("horizon", 0.0);
        if (horizon > 0) params["horizon"] = horizon;
      }
      std::string text;
      if (!read_text_file(path, text)) return usage_error("cannot read " + path);
      json p = model == "bgbb" ? bgbb_params(text) : json{{"alive", numbers_in(text)}};
      if (params.contains("horizon")) p["horizon"] = params["horizon"];
      result = model == "bgbb" ? api::clv_bgbb(p) : api::clv_sbg(p);
      if (json_output) {
        std::printf("%s\n", result.dump().c_str());
        return 0;
      }
      print_fit(result["fit"]);
      if (model == "sbg") {
        const json& pr = result["projection"];
        std::printf("period  survival  expected_alive  actual_alive\n");
        for (std::size_t t = 0; t < pr["period"].size(); ++t)
          std::printf("%6s  %8s  %14s  %12s\n", fmt(pr["period"][t], 0).c_str(), fmt(pr["survival"][t]).c_str(),
                      fmt(pr["expected_alive"][t], 1).c_str(), fmt(pr["actual_alive"][t], 0).c_str());
      }
      return 0;
    }
    const OrderLines lines = read_orders(path, ingest);
    result = action == "fit" ? api::clv_fit(lines, params) : api::clv_predict(lines, params);
    if (!csv_path.empty() && action == "predict" && !write_csv(csv_path, result["customers"]))
      return usage_error("cannot write " + csv_path);
    if (json_output) {
      std::printf("%s\n", result.dump().c_str());
      return 0;
    }
    print_header(result);
    print_fit(result["fit"]);
    if (action == "fit") {
      if (result["tracking"].is_object())
        std::printf("holdout: %s repeat transactions observed, %s expected\n", fmt(result["tracking"]["holdout_actual"], 0).c_str(),
                    fmt(result["tracking"]["holdout_expected"], 1).c_str());
      return 0;
    }
    if (result["spend_fit"].is_object()) print_fit(result["spend_fit"]);
    std::printf("horizon %s %ss, annual discount rate %s (%s per %s), spend from %s\n", fmt(result["horizon"], 2).c_str(),
                result["horizon_unit"].get<std::string>().c_str(), fmt(result["discount_rate"], 4).c_str(),
                fmt(result["discount_rate_per_period"], 6).c_str(), result["horizon_unit"].get<std::string>().c_str(),
                result["spend_source"].get<std::string>().c_str());
    std::printf("total: %s expected purchases, CLV %s\n", fmt(result["totals"]["expected_purchases"], 1).c_str(),
                fmt(result["totals"]["clv"], 2).c_str());
    const json& c = result["customers"];
    std::printf("%-12s %4s %8s %8s %8s %10s %9s %10s\n", "customer", "x", "t_x", "T", "p_alive", "purchases", "spend", "clv");
    for (std::size_t i = 0; i < c["id"].size() && i < 10; ++i)
      std::printf("%-12s %4s %8s %8s %8s %10s %9s %10s\n", c["id"][i].get<std::string>().c_str(), fmt(c["x"][i], 0).c_str(),
                  fmt(c["t_x"][i], 2).c_str(), fmt(c["T"][i], 2).c_str(), fmt(c["p_alive"][i]).c_str(),
                  fmt(c["expected_purchases"][i]).c_str(), fmt(c["expected_spend"][i], 2).c_str(), fmt(c["clv"][i], 2).c_str());
    if (c["id"].size() > 10) std::printf("... %zu customers in all (--csv OUT.csv or --json for the full table)\n", c["id"].size());
    for (const auto& w : result["warnings"])
      std::printf("warning %s: %s\n", w["code"].get<std::string>().c_str(), w["message"].get<std::string>().c_str());
    return 0;
  } catch (const Error& e) {
    return usage_error(e.field().empty() ? std::string(e.what()) : e.field() + ": " + e.what());
  }
}

}  // namespace kpikit::cli
