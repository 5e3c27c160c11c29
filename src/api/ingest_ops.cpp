#include "api/ingest_ops.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "core/error.h"
#include "ingest/lines_summary.h"

namespace kpikit::api {

namespace {

[[noreturn]] void bad(const std::string& key, const std::string& message) { throw Error("bad_option", message, key); }

std::string get_string(const nlohmann::json& v, const std::string& key) {
  if (!v.is_string()) bad(key, key + " must be a string");
  return v.get<std::string>();
}

char get_char(const nlohmann::json& v, const std::string& key) {
  const std::string s = get_string(v, key);
  if (s.size() > 1) bad(key, key + " must be one character or empty");
  return s.empty() ? '\0' : s[0];
}

bool get_bool(const nlohmann::json& v, const std::string& key) {
  if (!v.is_boolean()) bad(key, key + " must be true or false");
  return v.get<bool>();
}

std::size_t get_count(const nlohmann::json& v, const std::string& key, std::size_t min) {
  if (!v.is_number_integer() || v.get<long long>() < static_cast<long long>(min)) {
    bad(key, key + " must be a whole number of at least " + std::to_string(min));
  }
  return static_cast<std::size_t>(v.get<long long>());
}

ColumnRef get_column(const nlohmann::json& v, const std::string& key) {
  if (v.is_null()) return ColumnRef{};
  if (v.is_number_integer() && v.get<long long>() >= 0) return ColumnRef{static_cast<int>(v.get<long long>()), ""};
  if (v.is_string() && !v.get<std::string>().empty()) return ColumnRef{-1, v.get<std::string>()};
  bad(key, key + " must be a column index, a header name or null");
}

template <class E>
E pick(const nlohmann::json& v, const std::string& key, std::initializer_list<std::pair<const char*, E>> choices) {
  const std::string s = get_string(v, key);
  std::string names;
  for (const auto& [name, value] : choices) {
    if (s == name) return value;
    names += names.empty() ? name : std::string(", ") + name;
  }
  bad(key, key + " must be one of " + names);
}

std::string iso_day(Day d) { return format_iso_date(d); }

std::string char_text(char c) { return c == '\0' ? std::string() : std::string(1, c); }

}  // namespace

IngestOptions ingest_options_from_json(const nlohmann::json& options) {
  IngestOptions o;
  if (options.is_null()) return o;
  if (!options.is_object()) bad("options", "options must be an object");
  for (const auto& [key, v] : options.items()) {
    if (key == "encoding") {
      o.encoding = pick<Encoding>(v, key, {{"auto", Encoding::auto_detect}, {"utf-8", Encoding::utf8},
                                           {"utf-16le", Encoding::utf16le}, {"utf-16be", Encoding::utf16be},
                                           {"windows-1252", Encoding::windows1252}});
    } else if (key == "delimiter") {
      std::string d = get_string(v, key);
      if (d == "\\t" || d == "\t") d = "tab";
      if (d.size() > 1 && d != "tab" && d != "whitespace" && d != "none") {
        bad(key, "delimiter must be one character, \"tab\", \"whitespace\" or \"none\"");
      }
      if (d == "\n" || d == "\r" || d == "\"") bad(key, "delimiter cannot be a line break or a quote");
      o.delimiter = d;
    } else if (key == "quote") {
      if (!v.is_null()) o.quote = get_char(v, key);
    } else if (key == "escape") {
      o.escape = get_char(v, key);
    } else if (key == "comment") {
      o.comment = get_char(v, key);
    } else if (key == "header") {
      if (v.is_boolean()) {
        o.header = v.get<bool>() ? HeaderMode::present : HeaderMode::absent;
      } else {
        o.header = pick<HeaderMode>(v, key, {{"auto", HeaderMode::auto_detect}, {"yes", HeaderMode::present},
                                             {"no", HeaderMode::absent}});
      }
    } else if (key == "date_order") {
      o.date_order = pick<DateOrder>(v, key, {{"auto", DateOrder::auto_detect}, {"dmy", DateOrder::dmy}, {"mdy", DateOrder::mdy}});
    } else if (key == "decimal") {
      o.decimal = pick<DecimalStyle>(v, key, {{"auto", DecimalStyle::auto_detect}, {"point", DecimalStyle::point},
                                              {"comma", DecimalStyle::comma}});
    } else if (key == "mode") {
      o.mode = pick<IngestMode>(v, key, {{"auto", IngestMode::auto_detect}, {"orders", IngestMode::orders},
                                         {"customers", IngestMode::customers}, {"table", IngestMode::table}});
    } else if (key == "mapping") {
      if (!v.is_object()) bad(key, "mapping must be an object of role: column");
      for (const auto& [role_text, col] : v.items()) {
        const std::string field = "mapping." + role_text;
        const auto role = role_from_name(role_text);
        if (!role || *role == Role::none) bad(field, "unknown role \"" + role_text + "\"");
        if (*role == Role::segment) {
          if (!col.is_array()) bad(field, "mapping.segment must be an array of columns");
          for (const auto& c : col) o.mapping.emplace_back(Role::segment, get_column(c, field));
        } else {
          o.mapping.emplace_back(*role, get_column(col, field));
        }
      }
    } else if (key == "skip_duplicates") {
      o.skip_duplicates = get_bool(v, key);
    } else if (key == "keep_zero_amounts") {
      o.keep_zero_amounts = get_bool(v, key);
    } else if (key == "fallback_to_table") {
      o.fallback_to_table = get_bool(v, key);
    } else if (key == "sample_bytes") {
      o.sample_bytes = get_count(v, key, 1);
    } else if (key == "max_issues") {
      o.max_issues = get_count(v, key, 0);
    } else if (key == "size_hint") {
      o.size_hint = get_count(v, key, 0);
    } else if (key == "preview_rows") {
      o.preview_rows = get_count(v, key, 0);
    } else {
      bad(key, "unknown option \"" + key + "\"");
    }
  }
  return o;
}

nlohmann::json ingest_report_to_json(const IngestResult& r) {
  using nlohmann::json;
  json j;
  j["encoding"] = {{"name", encoding_name(r.encoding)}, {"reason", r.encoding_reason}};
  j["dialect"] = {{"delimiter", r.dialect.whitespace ? "whitespace" : r.dialect.delimiter == '\0' ? "none"
                                : r.dialect.delimiter == '\t' ? "tab" : char_text(r.dialect.delimiter)},
                  {"quote", char_text(r.dialect.quote)},
                  {"quotes_seen", r.quotes_seen},
                  {"escape", char_text(r.dialect.escape)},
                  {"comment", char_text(r.dialect.comment)},
                  {"line_break", r.line_break},
                  {"reason", r.dialect_reason}};
  j["header"] = {{"present", r.header}, {"reason", r.header_reason}};
  j["decimal"] = {{"style", decimal_style_name(r.decimal)}, {"reason", r.decimal_reason}};
  j["date_order"] = date_order_name(r.date_order);
  j["mode"] = {{"name", mode_name(r.mode)}, {"reason", r.mode_reason}};
  json cols = json::array();
  for (const auto& c : r.columns) {
    cols.push_back({{"index", c.index}, {"name", c.name}, {"type", value_type_name(c.type)},
                    {"role", role_name(c.role)}, {"reason", c.reason()}, {"reason_code", c.why.code},
                    {"reason_args", c.why.args}, {"format", c.format}});
  }
  j["columns"] = cols;
  j["rows"] = {{"read", r.accounting.rows_read},
               {"used", r.accounting.rows_used},
               {"skipped", r.accounting.skipped},
               {"skipped_total", r.accounting.skipped_total()},
               {"blank_lines", r.accounting.blank_lines},
               {"preamble_lines", r.accounting.preamble_lines}};
  j["issue_counts"] = r.issue_counts;
  json issues = json::array();
  for (const auto& i : r.issues) {
    issues.push_back({{"code", i.code}, {"message", i.message}, {"row", i.row},
                      {"column", i.column < 0 ? json(nullptr) : json(i.column)},
                      {"value", i.value.empty() ? json(nullptr) : json(i.value)}});
  }
  j["issues"] = issues;
  json summary = json::object();
  if (r.mode == IngestMode::orders) {
    const LinesSummary s = summarize_lines(r.orders);
    summary = {{"lines", s.lines},
               {"customers", r.orders.customer_ids.size()},
               {"orders", r.orders.order_ids.size()},
               {"purchases", s.purchases},
               {"cancellations", s.cancellations},
               {"revenue", std::isfinite(s.revenue) ? json(std::round(s.revenue * 100.0) / 100.0) : json(nullptr)}};
    if (s.first_day) {
      summary["first_day"] = iso_day(*s.first_day);
      summary["last_day"] = iso_day(*s.last_day);
    }
  } else if (r.mode == IngestMode::customers) {
    std::size_t churned = 0;
    for (auto c : r.customers.churned) churned += c;
    summary = {{"customers", r.customers.size()}, {"churned", churned}};
  }
  j["summary"] = summary;
  j["preview"] = r.preview;
  j["mapping_error"] = r.mapping_error ? json{{"code", r.mapping_error->code()},
                                              {"message", r.mapping_error->what()},
                                              {"field", r.mapping_error->field()}}
                                       : json(nullptr);
  j["bytes"] = r.bytes_read;
  return j;
}

nlohmann::json inspect_text(const nlohmann::json& params) {
  const auto text = params.find("text");
  if (text == params.end() || !text->is_string()) throw Error("missing", "text must be a string", "text");
  const IngestOptions o = ingest_options_from_json(params.contains("options") ? params["options"] : nlohmann::json());
  return ingest_report_to_json(ingest_bytes(text->get<std::string>(), o));
}

}  // namespace kpikit::api
