// The widget's WebAssembly boundary: the calculators only, nothing else.
//
// A deliberately separate, small module for the embeddable <kpi-kit> element
// (web/widget/). It links the same static core as the app but references only
// the calculator ops (api/calc_ops.h), so the linker leaves ingestion,
// analytics and CLV fitting out. To stay under the widget's size budget it
// avoids what is big in WebAssembly and not needed here:
//   - no embind and no Emscripten JS loader: a standalone module with two C
//     functions, instantiated by web/widget/core.js;
//   - no JSON parser: the request arrives as plain separated text (below);
//   - no printf: the response is written by write_json, numbers with
//     nlohmann's shortest round-trip to_chars (the same digits dump() gives).
//
// kpikit_widget_calculators() -> {"ok":true,"result":{"calculators":[...]}}
// kpikit_widget_calc(calculator, locale, inputs) -> {"ok":true,"result":{...}}
//   inputs = "name\x1Ftext\x1Ename\x1Ftext..." : each input as typed (strings,
//   read in `locale` as api::run_calculator reads strings).
// Failures: {"ok":false,"error":{"code","message","field"[,"row"]}} exactly as
// api/request.h. The returned text stays valid until the next call. No C++
// exception reaches JavaScript; nothing here computes.
#include <emscripten/emscripten.h>

#include <new>
#include <string>

#include <nlohmann/json.hpp>

#include "api/calc_ops.h"
#include "core/error.h"

namespace {

using nlohmann::json;

void write_string(const std::string& s, std::string& out) {
  static const char hex[] = "0123456789abcdef";
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;  // UTF-8 passes through; JS decodes it
    }
  }
  out += '"';
}

// A compact JSON writer for the values the calculator ops produce.
void write_json(const json& j, std::string& out) {
  switch (j.type()) {
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (!first) out += ',';
        first = false;
        write_string(it.key(), out);
        out += ':';
        write_json(it.value(), out);
      }
      out += '}';
      break;
    }
    case json::value_t::array: {
      out += '[';
      for (std::size_t i = 0; i < j.size(); ++i) {
        if (i) out += ',';
        write_json(j[i], out);
      }
      out += ']';
      break;
    }
    case json::value_t::string: write_string(j.get_ref<const std::string&>(), out); break;
    case json::value_t::boolean: out += j.get<bool>() ? "true" : "false"; break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: {
      const double v = j.get<double>();
      if (v != v || v - v != 0) {  // NaN or infinite: the ops never let these through
        out += "null";
        break;
      }
      char buffer[64];
      out.append(buffer, nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, v));
      break;
    }
    default: out += "null"; break;
  }
}

// {"ok":false,"error":{...}} written directly: no JSON values on the error path.
void write_error(const std::string& code, const std::string& message, const std::string& field, std::size_t row,
                 std::string& out) {
  out = "{\"ok\":false,\"error\":{\"code\":";
  write_string(code, out);
  out += ",\"message\":";
  write_string(message, out);
  out += ",\"field\":";
  if (field.empty()) out += "null";
  else write_string(field, out);
  if (row > 0) {
    char digits[24];
    char* p = digits + sizeof digits;
    do { *--p = static_cast<char>('0' + row % 10); row /= 10; } while (row > 0);
    out += ",\"row\":";
    out.append(p, digits + sizeof digits);
  }
  out += "}}";
}

// "a\x1F1\x1Eb\x1F2" -> {"a": "1", "b": "2"}
json parse_inputs(const std::string& text) {
  json inputs = json::object();
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\x1E', start);
    if (end == std::string::npos) end = text.size();
    const std::size_t sep = text.find('\x1F', start);
    if (sep != std::string::npos && sep < end)
      inputs[text.substr(start, sep - start)] = text.substr(sep + 1, end - sep - 1);
    start = end + 1;
  }
  return inputs;
}

// Lists the calculators (calculator == nullptr) or runs one.
const char* respond(const char* calculator, const char* locale, const char* inputs) {
  static std::string out;
  try {
    const json result = calculator == nullptr
                            ? kpikit::api::list_calculators()
                            : kpikit::api::run_calculator(
                                  {{"calculator", calculator}, {"locale", locale}, {"inputs", parse_inputs(inputs)}});
    out = "{\"ok\":true,\"result\":";
    write_json(result, out);
    out += '}';
  } catch (const kpikit::Error& e) {
    write_error(e.code(), e.what(), e.field(), e.row(), out);
  } catch (const std::bad_alloc&) {
    out = R"({"ok":false,"error":{"code":"out_of_memory","message":"not enough memory for this request","field":null}})";
  } catch (const std::exception& e) {
    write_error("internal_error", e.what(), {}, 0, out);
  }
  return out.c_str();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* kpikit_widget_calculators() { return respond(nullptr, nullptr, nullptr); }

EMSCRIPTEN_KEEPALIVE const char* kpikit_widget_calc(const char* calculator, const char* locale, const char* inputs) {
  return respond(calculator, locale, inputs);
}

}  // extern "C"
