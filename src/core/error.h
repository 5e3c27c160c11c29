#pragma once
// The one error type of the KPIkit core.
//
// Every failure the core reports to a caller is a kpikit::Error carrying
//   code    a stable snake_case identifier ("not_a_number", "zero_start") that
//           the JS API, the CLI and the UI translate; never reworded;
//   message a short lowercase English phrase for logs and the CLI
//           ("start must be greater than 0");
//   field   the input the problem concerns ("start"), empty if none.
// Row-level problems while reading files are not thrown: they are collected as
// data (see ingest) so one bad row never ends a read.
#include <stdexcept>
#include <string>

namespace kpikit {

class Error : public std::runtime_error {
 public:
  Error(std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), code_(std::move(code)), field_(std::move(field)) {}

  const std::string& code() const noexcept { return code_; }
  const std::string& field() const noexcept { return field_; }

 private:
  std::string code_;
  std::string field_;
};

}  // namespace kpikit
