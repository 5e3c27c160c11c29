#include "cli/read_file.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"

namespace kpikit::cli {
namespace {

// Closes a file the command opened; standard input stays open.
struct CloseFile {
  void operator()(std::FILE* f) const noexcept {
    if (f != stdin) std::fclose(f);
  }
};
using InputFile = std::unique_ptr<std::FILE, CloseFile>;

// The file at path, or standard input for "-"; empty when it cannot be opened.
InputFile open_input(const std::string& path) {
  return InputFile(path == "-" ? stdin : std::fopen(path.c_str(), "rb"));
}

}  // namespace

IngestResult ingest_file(const std::string& path, IngestOptions options) {
  const InputFile in = open_input(path);
  if (!in) throw Error("cannot_open", "cannot open " + path);
  if (in.get() != stdin && options.size_hint == 0 && std::fseek(in.get(), 0, SEEK_END) == 0) {
    const long size = std::ftell(in.get());
    if (size > 0) options.size_hint = static_cast<std::uint64_t>(size);
    std::rewind(in.get());
  }
  IngestSession session(std::move(options));
  std::vector<std::uint8_t> buffer(1 << 20);
  for (;;) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), in.get());
    if (n > 0) session.feed(buffer.data(), n);
    if (n < buffer.size()) break;
  }
  if (std::ferror(in.get()) != 0) throw Error("cannot_read", "cannot read " + path);
  return session.finish();
}

bool read_text_file(const std::string& path, std::string& text) {
  const InputFile in = open_input(path);
  if (!in) return false;
  text.clear();
  char buffer[1 << 16];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, in.get())) > 0) text.append(buffer, n);
  return std::ferror(in.get()) == 0;
}

}  // namespace kpikit::cli
