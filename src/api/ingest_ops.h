#pragma once
// JSON adapter of ingestion (ingest/ingest.h): options in, inspect report out.
//
// Options object (every key optional; unknown keys are an error naming the key):
//   {"encoding": "auto"|"utf-8"|"utf-16le"|"utf-16be"|"windows-1252",
//    "delimiter": ""(detect)|","|";"|"tab"|"|"|"whitespace"|"none"|any one character,
//    "quote": null(detect)|"\""|"'"|""(no quoting),  "escape": ""|"\\",  "comment": ""|"#",
//    "header": "auto"|"yes"|"no" (or true/false),  "date_order": "auto"|"dmy"|"mdy",
//    "decimal": "auto"|"point"|"comma",  "mode": "auto"|"orders"|"customers"|"table",
//    "mapping": {role: column index (0-based) | header name | null (map nothing), ...,
//                "segment": [index | name, ...]},
//    "skip_duplicates": false, "keep_zero_amounts": false, "fallback_to_table": false,
//    "sample_bytes": 65536, "max_issues": 1000, "preview_rows": 20, "size_hint": 0 (bytes expected)}
//   Roles: customer, order, date, amount, quantity, unit_price, product, channel,
//   segment, cost, margin, tenure, churn, monthly_revenue, start_date, end_date, status.
//
// Report (ingest_report_to_json) - what `kpikit inspect` prints:
//   {"encoding": {"name", "reason"},
//    "dialect": {"delimiter", "quote", "quotes_seen", "escape", "comment", "line_break", "reason"},
//    "header": {"present", "reason"}, "decimal": {"style", "reason"}, "date_order",
//    "mode": {"name", "reason"},
//    "columns": [{"index", "name", "type", "role", "reason", "reason_code", "reason_args", "format"}],
//    "rows": {"read", "used", "skipped": {reason: count}, "skipped_total", "blank_lines", "preamble_lines"},
//    "issue_counts": {code: count}, "issues": [{"code", "message", "row", "column"|null, "value"|null}],
//    "summary": orders {"lines", "customers", "orders", "purchases", "cancellations",
//                       "revenue", "first_day", "last_day"} | customers {"customers", "churned"} | table {},
//    "preview": [[cell, ...], ...], "mapping_error": {"code", "message", "field"} | null, "bytes"}
//   "delimiter" is the character, "tab", "whitespace" or "none"; "quote" is "" for none.
#include <nlohmann/json.hpp>

#include "ingest/ingest.h"

namespace kpikit::api {

// Reads an options object; throws kpikit::Error("bad_option", ..., key) naming the bad key.
// Example: ingest_options_from_json({{"delimiter", ";"}, {"mapping", {{"customer", "Kunde"}}}})
IngestOptions ingest_options_from_json(const nlohmann::json& options);

// The inspect report of a finished ingestion (see above).
nlohmann::json ingest_report_to_json(const IngestResult& result);

// Op "inspect": params {"text": string (the file's content as UTF-8), "options": {...}}.
// Result: the report above. Fatal problems throw kpikit::Error (empty_input, ...).
nlohmann::json inspect_text(const nlohmann::json& params);

}  // namespace kpikit::api
