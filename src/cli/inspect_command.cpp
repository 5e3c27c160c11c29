// kpikit inspect FILE|- [options] [--json]
//
// Reads a customer or order table in 1 MB chunks through an IngestSession
// and prints the inspect report as JSON (api/ingest_ops.h): encoding,
// dialect, header, column mapping with reasons, row accounting, first issues.
// Detection can be overridden:
//   --delimiter X   ",", ";", tab, "|", whitespace, none
//   --quote X       '"', "'", none          --encoding E  utf-8, utf-16le, utf-16be, windows-1252
//   --header yes|no|auto                    --date-order dmy|mdy|auto
//   --decimal point|comma|auto              --mode orders|customers|table|auto
//   --map ROLE=COLUMN (index or header name; repeatable; ROLE segment may repeat)
//   --skip-duplicates  --keep-zero-amounts  --max-issues N
// Exit codes: 0 ok; 2 unreadable input, bad option, or a file whose required
// columns are missing (the report is still printed, with "mapping_error").
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "api/ingest_ops.h"
#include "cli/commands.h"
#include "cli/read_file.h"
#include "core/error.h"
#include "ingest/ingest.h"

namespace kpikit::cli {

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "kpikit inspect: %s\n", message.c_str());
  return 2;
}

void print_usage() {
  std::printf(
      "usage: kpikit inspect FILE|- [--delimiter X] [--quote X] [--encoding E] [--header yes|no|auto]\n"
      "                      [--date-order dmy|mdy|auto] [--decimal point|comma|auto]\n"
      "                      [--mode orders|customers|table|auto] [--map ROLE=COLUMN ...]\n"
      "                      [--skip-duplicates] [--keep-zero-amounts] [--max-issues N] [--json]\n"
      "prints the detected encoding, dialect, header, column mapping and row accounting as json\n"
      "roles: customer order date amount quantity unit_price product channel segment cost margin\n"
      "       tenure churn monthly_revenue start_date end_date status\n");
}

}  // namespace

int run_inspect_command(int argc, char** argv) {
  std::string path;
  bool compact = false;
  nlohmann::json options = {{"fallback_to_table", true}};
  nlohmann::json mapping = nlohmann::json::object();
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw Error("bad_option", a + " needs a value", a);
      return argv[++i];
    };
    try {
      if (a == "--help" || a == "-h") {
        print_usage();
        return 0;
      } else if (a == "--json") {
        compact = true;
      } else if (a == "--delimiter") {
        options["delimiter"] = value();
      } else if (a == "--quote") {
        const std::string q = value();
        options["quote"] = q == "none" ? "" : q;
      } else if (a == "--encoding") {
        options["encoding"] = value();
      } else if (a == "--header") {
        options["header"] = value();
      } else if (a == "--date-order") {
        options["date_order"] = value();
      } else if (a == "--decimal") {
        options["decimal"] = value();
      } else if (a == "--mode") {
        options["mode"] = value();
      } else if (a == "--max-issues") {
        options["max_issues"] = std::stoll(value());
      } else if (a == "--skip-duplicates") {
        options["skip_duplicates"] = true;
      } else if (a == "--keep-zero-amounts") {
        options["keep_zero_amounts"] = true;
      } else if (a == "--map") {
        const std::string m = value();
        const auto eq = m.find('=');
        if (eq == std::string::npos || eq == 0) return fail("--map needs ROLE=COLUMN");
        const std::string role = m.substr(0, eq), col = m.substr(eq + 1);
        const bool index = !col.empty() && col.find_first_not_of("0123456789") == std::string::npos;
        const nlohmann::json c = index ? nlohmann::json(std::stoll(col)) : nlohmann::json(col);
        if (role == "segment") {
          mapping["segment"].push_back(c);
        } else {
          mapping[role] = c;
        }
      } else if (!a.empty() && a[0] == '-' && a != "-") {
        return fail("unknown option " + a);
      } else if (path.empty()) {
        path = a;
      } else {
        return fail("only one FILE");
      }
    } catch (const Error& e) {
      return fail(e.what());
    } catch (const std::exception&) {
      return fail("bad value for " + a);
    }
  }
  if (path.empty()) {
    print_usage();
    return 2;
  }
  if (!mapping.empty()) options["mapping"] = mapping;

  try {
    IngestOptions o = api::ingest_options_from_json(options);
    const IngestResult r = ingest_file(path, o);
    const nlohmann::json report = api::ingest_report_to_json(r);
    std::printf("%s\n", report.dump(compact ? -1 : 2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    if (r.mapping_error) {
      std::fprintf(stderr, "kpikit inspect: %s\n", r.mapping_error->what());
      return 2;
    }
    return 0;
  } catch (const Error& e) {
    return fail(e.what());
  }
}

}  // namespace kpikit::cli
