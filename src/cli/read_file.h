#pragma once
// Reading the CLI's input files, each a path or "-" for standard input.
// ingest_file (analyze, clv, inspect): the data fed to an IngestSession in
// 1 MiB chunks.
// A regular file's size goes to the session as IngestOptions::size_hint (it
// reserves its columns once). Throws kpikit::Error "cannot_open" or
// "cannot_read" naming the path, and whatever the session
// throws for the data.
#include <string>

#include "ingest/ingest.h"

namespace kpikit::cli {

IngestResult ingest_file(const std::string& path, IngestOptions options);

// The whole text of a small input (a calculator's list, the BG/BB or sBG
// counts); false when it cannot be opened or read.
bool read_text_file(const std::string& path, std::string& text);

}  // namespace kpikit::cli
