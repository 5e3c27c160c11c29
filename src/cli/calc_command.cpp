// kpikit calc <calculator> --<input> VALUE ... [--locale de|en] [--json]
//
// List inputs (e.g. nps --scores) take a FILE with one value per line ("-"
// reads standard input): kpikit calc nps --scores answers.txt
//
// Goes through the JSON request boundary (api/request.h) exactly like the
// WASM module, so the CLI prints the same numbers the page shows.
#include <cstdio>
#include <cstring>
#include <string>

#include "api/request.h"
#include "cli/commands.h"
#include "cli/read_file.h"
#include "cli/format.h"

namespace kpikit::cli {

namespace {

void print_calculators() {
  const nlohmann::json list = api::handle_request({{"op", "calculators"}})["result"]["calculators"];
  std::printf("usage: kpikit calc <calculator> --<input> VALUE ... [--locale de|en] [--json]\n\ncalculators:\n");
  for (const auto& c : list) {
    std::string inputs;
    for (const auto& in : c["inputs"]) {
      const bool required = in["required"].get<bool>();
      const std::string kind = in.value("list", false) ? "FILE" : in["unit"].get<std::string>();
      inputs += std::string(" ") + (required ? "" : "[") + "--" + in["name"].get<std::string>() + " " + kind +
                (required ? "" : "]");
    }
    std::printf("  %-17s%s\n", c["id"].get<std::string>().c_str(), inputs.c_str());
  }
  std::printf("\npercent inputs are typed as percentages: --retention 80 means 80 %%\n");
  std::printf("FILE inputs hold one value per line (\"-\" reads standard input)\n");
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "kpikit calc: %s\n", message.c_str());
  return 2;
}

void print_table(const nlohmann::json& table) {
  std::string line;
  for (const auto& column : table["columns"]) line += (line.empty() ? "" : "\t") + column.get<std::string>();
  std::printf("%s\n", line.c_str());
  for (const auto& row : table["rows"]) {
    line.clear();
    for (std::size_t i = 0; i < row.size(); ++i)
      line += (i ? "\t" : "") + format_value(row[i].get<double>(), table["units"][i].get<std::string>());
    std::printf("%s\n", line.c_str());
  }
}

void print_readable(const nlohmann::json& r) {
  const auto& values = r["values"];
  const auto& inputs = r["inputs"];
  const auto& units = r["units"];
  std::printf("%s\n", fill_placeholders(r["substituted"].get<std::string>(), values, inputs, units).c_str());
  std::string rest;
  for (const auto& name : r["order"]) {
    const std::string n = name.get<std::string>();
    if (n == r["primary"].get<std::string>()) continue;
    rest += (rest.empty() ? "" : ", ") + n + " " + format_value(values[n].get<double>(), units[n].get<std::string>());
  }
  if (!rest.empty()) std::printf("%s\n", rest.c_str());
  if (r["verdict"].is_string()) std::printf("verdict: %s\n", r["verdict"].get<std::string>().c_str());
  for (const auto& w : r["warnings"]) std::printf("warning: %s\n", w.get<std::string>().c_str());
  for (const auto& table : r["tables"]) {
    std::printf("\n");
    print_table(table);
  }
}

}  // namespace

int run_calc_command(int argc, char** argv) {
  if (argc < 1 || !std::strcmp(argv[0], "--help") || !std::strcmp(argv[0], "-h")) {
    print_calculators();
    return argc < 1 ? 2 : 0;
  }
  nlohmann::json request = {{"op", "calc"}, {"calculator", argv[0]}, {"inputs", nlohmann::json::object()}};
  bool json_output = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json") { json_output = true; continue; }
    if (arg.rfind("--", 0) != 0) return usage_error("unexpected argument '" + arg + "'");
    if (i + 1 >= argc) return usage_error("option " + arg + " needs a value");
    const std::string name = arg.substr(2);
    const std::string value = argv[++i];
    if (name == "locale") request["locale"] = value;
    else request["inputs"][name] = value;
  }

  // Options that are not inputs of this calculator are a usage error, not silently ignored;
  // list inputs name a file whose text is the pasted column.
  const nlohmann::json list = api::handle_request({{"op", "calculators"}})["result"]["calculators"];
  for (const auto& c : list) {
    if (c["id"] != request["calculator"]) continue;
    for (auto& item : request["inputs"].items()) {
      const nlohmann::json* known = nullptr;
      for (const auto& in : c["inputs"])
        if (in["name"] == item.key()) known = &in;
      if (!known) return usage_error("calculator '" + c["id"].get<std::string>() + "' has no input --" + item.key());
      if (!known->value("list", false)) continue;
      const std::string path = item.value().get<std::string>();
      std::string text;
      if (!read_text_file(path, text)) return usage_error("--" + item.key() + ": cannot read file '" + path + "'");
      item.value() = text;
    }
  }

  const nlohmann::json response = api::handle_request(request);
  if (!response["ok"].get<bool>()) {
    const auto& e = response["error"];
    const std::string field = e["field"].is_string() ? "--" + e["field"].get<std::string>() + ": " : "";
    return usage_error(field + e["message"].get<std::string>() + " [" + e["code"].get<std::string>() + "]");
  }
  const nlohmann::json& result = response["result"];
  if (json_output) std::printf("%s\n", result.dump().c_str());
  else print_readable(result);
  return 0;
}

}  // namespace kpikit::cli
