// core_bench: times the KPIkit core natively on one file, for bench/run.mjs.
//
//   core_bench read   FILE [--runs N] [--warmup N]   ingestion only (detect, parse, columns)
//   core_bench report FILE [--runs N] [--warmup N]   ingestion + the whole analytics report as JSON text
//   core_bench clv    FILE [--runs N] [--warmup N] [--calibration-end 1997-09-30] [--unit week]
//                                                   per-customer summary, each model fit, predictions
//   core_bench discrete DONATIONS_CSV [--runs N]     BG/BB on the donations table, sBG on the 2007 example
//
// The file is loaded into memory once (disk time is not measured) and fed to
// IngestSession in 1 MiB chunks, as the browser feeds File.stream() chunks.
// Prints one JSON object: per-run milliseconds of each stage, the figures the
// harness compares across tools, and peak RSS (getrusage, KiB).
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/analytics.h"
#include "api/analytics_ops.h"
#include "clv/models.h"
#include "clv/predict.h"
#include "clv/summary.h"
#include "ingest/ingest.h"

using namespace kpikit;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// CPU time of the process: less disturbed than wall time when the machine is shared.
double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::string load(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

// size_hint is the file's size, as web/kpikit.js passes File.size: the columns are reserved once.
IngestResult ingest(const std::string& bytes, IngestOptions options) {
  options.size_hint = bytes.size();
  IngestSession s(options);
  constexpr std::size_t chunk = 1 << 20;
  const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
  for (std::size_t i = 0; i < bytes.size(); i += chunk) s.feed(p + i, std::min(chunk, bytes.size() - i));
  return s.finish();
}

json read_figures(const IngestResult& r) {
  return {{"rows_read", r.accounting.rows_read}, {"rows_used", r.accounting.rows_used},
          {"skipped", r.accounting.skipped}, {"lines", r.orders.size()}, {"customer_ids", r.orders.customer_ids.size()}};
}

// The figures every tool must agree on, from the analytics report.
json report_figures(const json& report) {
  json cells = json::object();
  const auto& cohorts = report["cohorts"];
  for (std::size_t c = 0; c < cohorts["cohort"].size(); ++c) {
    json row = json::array();
    for (const auto& v : cohorts["active"][c]) row.push_back(v);
    cells[cohorts["cohort"][c].get<std::string>()] = row;
  }
  return {{"customers", report["totals"]["customers"]}, {"orders", report["totals"]["orders"]},
          {"repeat_customers", report["repeat"]["repeat_customers"]}, {"revenue", report["totals"]["revenue"]},
          {"cohort_active", cells}};
}

struct Args {
  std::string task, file;
  int runs = 5, warmup = 1;
  std::string calibration_end = "1997-09-30", unit = "week";
};

Args parse(int argc, char** argv) {
  if (argc < 3 || !std::strcmp(argv[1], "--help")) {
    std::fprintf(stderr, "usage: core_bench read|records|report|clv|discrete FILE [--runs N] [--warmup N] [--calibration-end D] [--unit U]\n");
    std::exit(2);
  }
  Args a{argv[1], argv[2]};
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--runs") a.runs = std::atoi(v.c_str());
    else if (k == "--warmup") a.warmup = std::atoi(v.c_str());
    else if (k == "--calibration-end") a.calibration_end = v;
    else if (k == "--unit") a.unit = v;
    else { std::fprintf(stderr, "core_bench: unknown option %s\n", k.c_str()); std::exit(2); }
  }
  return a;
}

Day parse_day(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) throw std::runtime_error("bad date " + iso);
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

// Runs f warmup + runs times; returns the timed runs' stage times, and the
// first run's (a fresh process: memory not yet touched) as first_run.
void repeat(const Args& a, json& out, const std::function<json()>& f) {
  json runs = json::array();
  for (int i = 0; i < a.warmup + a.runs; ++i) {
    const double cpu0 = cpu_ms();
    json stages = f();
    stages["cpu"] = cpu_ms() - cpu0;
    if (i == 0) out["figures"] = stages["figures"];
    stages.erase("figures");
    if (i == 0) out["first_run"] = stages;
    if (i >= a.warmup) runs.push_back(stages);
  }
  out["runs"] = runs;
}

json run_read(const Args& a, const std::string& bytes) {
  json out;
  repeat(a, out, [&] {
    const auto t0 = Clock::now();
    IngestResult r = ingest(bytes, IngestOptions{});
    const double t = ms_since(t0);
    return json{{"read", t}, {"figures", read_figures(r)}};
  });
  return out;
}

// The CSV reader alone (issue 3, item 1): encoding, dialect, header, every
// record tokenized and counted, no value read (IngestMode::table).
json run_records(const Args& a, const std::string& bytes) {
  json out;
  repeat(a, out, [&] {
    const auto t0 = Clock::now();
    IngestOptions o;
    o.mode = IngestMode::table;
    IngestResult r = ingest(bytes, o);
    const double t = ms_since(t0);
    return json{{"read", t}, {"figures", {{"rows_read", r.accounting.rows_read}}}};
  });
  return out;
}

json run_report(const Args& a, const std::string& bytes) {
  json out;
  repeat(a, out, [&] {
    const auto t0 = Clock::now();
    IngestResult r = ingest(bytes, IngestOptions{});
    const double t_read = ms_since(t0);
    const auto t1 = Clock::now();
    json report = api::analyze_orders(r.orders, json::object());
    const double t_analyze = ms_since(t1);
    const auto t2 = Clock::now();
    const std::string text = report.dump();
    const double t_text = ms_since(t2);
    json figures = report_figures(report);
    figures["json_bytes"] = text.size();
    return json{{"read", t_read}, {"analyze", t_analyze}, {"json_text", t_text}, {"total", ms_since(t0)}, {"figures", figures}};
  });
  return out;
}

json fit_json(const ModelFit& f) {
  return {{"params", f.params}, {"names", f.names}, {"log_likelihood", f.log_likelihood}, {"converged", f.converged},
          {"rows", f.rows}, {"evaluations", f.evaluations}};
}

json run_clv(const Args& a, const std::string& bytes) {
  IngestOptions o;
  o.keep_zero_amounts = true;  // the literature's CDNOW counts include the $0 lines
  const auto tr = Clock::now();
  const IngestResult r = ingest(bytes, o);
  const double t_read = ms_since(tr);
  const auto unit = parse_time_unit(a.unit);
  if (!unit) throw std::runtime_error("bad unit " + a.unit);
  const SummaryOptions so{parse_day(a.calibration_end), *unit, std::nullopt};
  json out;
  out["read_once_ms"] = t_read;
  repeat(a, out, [&] {
    json st;
    auto t = Clock::now();
    const CustomerSummary s = summarize_customers(r.orders, so);
    st["summary"] = ms_since(t);
    t = Clock::now();
    const WeightedRows rows = compress_rows(s);
    st["compress"] = ms_since(t);
    t = Clock::now();
    const ModelFit bg = fit_bgnbd(rows);
    st["fit_bgnbd"] = ms_since(t);
    t = Clock::now();
    const ModelFit pn = fit_pnbd(rows);
    st["fit_pnbd"] = ms_since(t);
    t = Clock::now();
    const ModelFit gg = fit_gamma_gamma(s.frequency, s.mean_spend);
    st["fit_gg"] = ms_since(t);
    t = Clock::now();
    const CustomerPredictions p = predict_customers(bg, s, &gg, PredictOptions{52, 0.1});
    st["predict_bgnbd_gg"] = ms_since(t);
    t = Clock::now();
    const CustomerPredictions p2 = predict_customers(pn, s, &gg, PredictOptions{52, 0.1});
    st["predict_pnbd_gg"] = ms_since(t);
    st["figures"] = {{"customers", s.size()}, {"repeat_transactions", s.total_repeat()}, {"unique_rows", rows.size()},
                     {"bgnbd", fit_json(bg)}, {"pnbd", fit_json(pn)}, {"gg", fit_json(gg)},
                     {"predicted_customers", p.p_alive.size() + 0 * p2.p_alive.size()}};
    return st;
  });
  return out;
}

// BG/BB on a donations-style table (frequency,recency,periods,weights with a
// header line) and sBG on the Fader-Hardie (2007) "regular" cohort.
json run_discrete(const Args& a, const std::string& bytes) {
  std::vector<double> x, tx, n, w;
  std::istringstream in(bytes);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    double v[4];
    if (std::sscanf(line.c_str(), "%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3]) != 4) continue;
    x.push_back(v[0]);
    tx.push_back(v[1]);
    n.push_back(v[2]);
    w.push_back(v[3]);
  }
  json out;
  repeat(a, out, [&] {
    json st;
    auto t = Clock::now();
    const ModelFit bb = fit_bgbb(x, tx, n, w);
    st["fit_bgbb"] = ms_since(t);
    t = Clock::now();
    const ModelFit sbg = fit_sbg({1000, 631, 468, 382, 326, 289, 262, 241});
    st["fit_sbg"] = ms_since(t);
    st["figures"] = {{"bgbb", fit_json(bb)}, {"sbg", fit_json(sbg)}};
    return st;
  });
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  try {
    const std::string bytes = load(a.file);
    json out;
    if (a.task == "read") out = run_read(a, bytes);
    else if (a.task == "records") out = run_records(a, bytes);
    else if (a.task == "report") out = run_report(a, bytes);
    else if (a.task == "clv") out = run_clv(a, bytes);
    else if (a.task == "discrete") out = run_discrete(a, bytes);
    else { std::fprintf(stderr, "core_bench: unknown task %s\n", a.task.c_str()); return 2; }
#ifdef __EMSCRIPTEN__
    out["tool"] = "kpikit-wasm-stages";  // peak RSS and CPU time are not available in WebAssembly
#else
    out["tool"] = "kpikit-native";
#endif
    out["task"] = a.task;
    out["bytes"] = bytes.size();
    out["peak_rss_kib"] = peak_rss_kib();
    std::cout << out.dump() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "core_bench: %s\n", e.what());
    return 1;
  }
}
