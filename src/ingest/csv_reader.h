#pragma once
// The byte and record layer of ingestion: encodings, the streaming CSV
// tokenizer and dialect detection. Works on chunks that may split a line, a
// quoted field or a multi-byte character anywhere.
//
// Example:
//   detail::TextDecoder dec(Encoding::utf8);
//   detail::Tokenizer tok(Dialect{});
//   std::string text;
//   dec.decode(bytes, n, text);  // may be called per chunk
//   tok.feed(text, sink);        // sink.on_record(...) once per record
//   dec.finish(text); tok.feed(text, sink); tok.finish(sink);
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace kpikit {

// Text encodings ingestion reads. Everything is converted to UTF-8.
enum class Encoding : std::uint8_t { auto_detect, utf8, utf16le, utf16be, windows1252 };

// "utf-8", "utf-16le", "utf-16be", "windows-1252", "auto".
const char* encoding_name(Encoding e) noexcept;

// How records and fields are written.
//   delimiter   field separator; '\0' = one column per line (no separator);
//   whitespace  fields are separated by runs of spaces/tabs and leading or
//               trailing spaces are ignored (whitespace-aligned files such as
//               CDNOW_master.txt); delimiter is then ignored;
//   quote       quote character, '\0' = no quoting. A field is quoted only
//               when the quote is its first character (RFC 4180); a doubled
//               quote inside is one quote when double_quote is set;
//   escape      escape character inside quoted fields ('\\'), '\0' = none;
//   comment     lines starting with this character are skipped, '\0' = none;
//   terminator  record terminator; '\0' = any of CR LF, CRLF, CR.
struct Dialect {
  char delimiter = ',';
  bool whitespace = false;
  char quote = '"';
  char escape = '\0';
  bool double_quote = true;
  char comment = '\0';
  char terminator = '\0';
};

// Human-readable delimiter: ",", ";", "\t" as "tab", "whitespace", "none".
std::string delimiter_name(const Dialect& d);

// One record handed to a RecordSink: fields are slices of buffer, field i
// from ends[i-1] + gap (0 for i = 0) to ends[i]. gap is 0 when the fields
// were copied together (quoted fields, a record split between chunks) and 1
// when buffer is the record's own text with its one-character delimiters.
struct RecordView {
  std::string_view buffer;
  const std::uint32_t* ends = nullptr;  // ends[i] = end offset of field i in buffer
  std::size_t count = 0;
  std::uint32_t gap = 0;

  std::size_t size() const noexcept { return count; }
  // Field i < count. The tokenizer's ends lie within buffer, so the slice is
  // made directly (string_view::substr would check and clamp it once more).
  std::string_view field(std::size_t i) const noexcept {
    const std::uint32_t begin = i == 0 ? 0 : ends[i - 1] + gap;
    return std::string_view(buffer.data() + begin, ends[i] - begin);
  }
};

namespace detail {

// 0x80 in each byte of the 8 at q equal to one of the specials (each a byte
// repeated 8 times), 0 elsewhere. Exact for every byte (no borrow between
// bytes): ((x & 0x7F..) + 0x7F..) | x has a byte's high bit set exactly when
// that byte of x = word ^ special is not zero. Bytes in little-endian order.
inline std::uint64_t special_bytes(const char* q, const std::uint64_t (&specials)[3]) noexcept {
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  std::uint64_t w;
  std::memcpy(&w, q, 8);
  const std::uint64_t x0 = w ^ specials[0], x1 = w ^ specials[1], x2 = w ^ specials[2];
  const std::uint64_t other =
      (((x0 & kLow7) + kLow7) | x0) & (((x1 & kLow7) + kLow7) | x1) & (((x2 & kLow7) + kLow7) | x2);
  return ~other & ~kLow7;
}

}  // namespace detail

// How the tokenizer reads a plain record (no field starting with the quote)
// of a delimited dialect, for a sink that reads such lines itself
// (RecordSink::read_lines).
struct LineSyntax {
  std::uint64_t specials[3] = {};  // the delimiter and the line break bytes, each repeated 8 times
  char delimiter = ',';
  char quote = '"';       // '\0' = none
  char comment = '\0';    // '\0' = none
  char terminator = '\0'; // '\0' = any of LF, CRLF, CR

  bool is_line_break(char c) const noexcept { return terminator != '\0' ? c == terminator : c == '\n' || c == '\r'; }
};

// What RecordSink::read_lines took: the records up to next, and their line breaks.
struct LinesRead {
  const char* next = nullptr;  // the record after the last one taken
  std::uint64_t records = 0, lf = 0, crlf = 0, cr = 0;
  bool declined = false;       // the sink reads no lines itself now (none taken)
};

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void on_record(const RecordView& record) = 0;
  // Reads records itself from p, a record start, instead of being handed
  // them: the tokenizer offers the text of a delimited dialect before it
  // reads it. A sink may take consecutive records from p that the tokenizer
  // would hand over as slices of the input (not starting with a line break
  // or the comment character, no field starting with the quote, each ended
  // by a line break within [p, end), a CR not as the last byte) and must do
  // with them what on_record would. Returns the first record not taken. The
  // default takes none (declined).
  virtual LinesRead read_lines(const char* p, const char* end, const LineSyntax& syntax) {
    (void)end;
    (void)syntax;
    LinesRead none;
    none.next = p;
    none.declined = true;
    return none;
  }
};

// The result of looking at the first bytes of an input.
struct EncodingGuess {
  Encoding encoding = Encoding::utf8;
  std::size_t bom_size = 0;  // bytes of byte-order mark to skip
  std::string reason;        // "byte-order mark", "valid utf-8", ...
};

// Guesses the encoding from a sample of raw bytes (BOM, NUL pattern of
// UTF-16, UTF-8 validity, else Windows-1252). at_end: the sample is the whole input.
EncodingGuess detect_encoding(const std::uint8_t* data, std::size_t size, bool at_end);

// True when the bytes look like a binary file (zip/xlsx, xls, pdf, gzip, or
// many NUL/control bytes) rather than text. kind gets a short name ("xlsx/zip").
bool looks_binary(const std::uint8_t* data, std::size_t size, std::string& kind);

// The result of dialect detection.
struct DialectGuess {
  Dialect dialect;
  bool quotes_seen = false;  // a quoted field occurred in the text looked at
  double score = 0.0;        // consistency x type score of the winner
  std::string reason;
};

// Detects delimiter (, ; TAB | : ^ ~ # & % space, whitespace runs, or none) and
// quote (" ' or none) from UTF-8 text by the consistency measure of van den
// Burg et al. (2019, CleverCSV): pattern score (rows of equal length) times
// type score (share of cells that look like numbers, dates, words...).
// sample_complete: the text is the whole input (else the last record is ignored).
// Only the text up to the 1100th line feed is looked at (1000 records are
// scored; every candidate tokenizes all it is given).
// Example: detect_dialect("a;b\n1,5;2\n", true).dialect.delimiter == ';'.
// comment: lines starting with it are ignored while detecting ('\0' = none).
DialectGuess detect_dialect(std::string_view text, bool sample_complete, char comment = '\0');

// Reads all records of UTF-8 text with a known dialect (tests, small inputs).
// Blank lines are skipped unless keep_blank_lines (then they are [""]).
std::vector<std::vector<std::string>> read_records(std::string_view text, const Dialect& dialect,
                                                   bool keep_blank_lines = false);

namespace detail {

// Converts bytes in one encoding to UTF-8, chunk by chunk. Invalid bytes
// become U+FFFD and are counted. A UTF-8 input whose first invalid byte comes
// before any multi-byte character switches to Windows-1252 (nothing decoded
// so far changes, as it was ASCII).
class TextDecoder {
 public:
  explicit TextDecoder(Encoding encoding, bool allow_switch = true);
  // Appends the chunk's text to out. in_place: see decode_view.
  void decode(const std::uint8_t* data, std::size_t size, std::string& out, std::string_view* in_place = nullptr);
  // The same, returning the chunk's text: a view of data itself when it is
  // UTF-8 that needs no change (valid throughout, ending on a character
  // boundary, nothing carried over from the last chunk), so the usual chunk
  // is not copied; else out (cleared first) holds the decoded text. The view
  // lives as long as data.
  std::string_view decode_view(const std::uint8_t* data, std::size_t size, std::string& out);
  void finish(std::string& out);
  Encoding encoding() const noexcept { return encoding_; }
  bool switched() const noexcept { return switched_; }
  std::uint64_t invalid_count() const noexcept { return invalid_; }
  std::uint64_t first_invalid_offset() const noexcept { return first_invalid_; }

 private:
  // in_place: when not null and p[0, n) is valid UTF-8 ending on a character
  // boundary, nothing is appended and *in_place is set to it.
  std::size_t decode_utf8(const std::uint8_t* p, std::size_t n, bool final, std::string& out,
                          std::string_view* in_place = nullptr);
  std::size_t decode_utf16(const std::uint8_t* p, std::size_t n, bool final, std::string& out);
  void decode_1252(const std::uint8_t* p, std::size_t n, std::string& out);
  void invalid(std::string& out, std::uint64_t offset);

  Encoding encoding_;
  bool allow_switch_;
  bool switched_ = false;
  bool seen_multibyte_ = false;
  std::string carry_;
  std::string scratch_;
  std::uint64_t offset_ = 0;  // input offset of the first byte of the next decode
  std::uint64_t invalid_ = 0;
  std::uint64_t first_invalid_ = 0;
};

// The streaming CSV state machine. Semantics (PapaParse / RFC 4180):
// a quote opens a quoted field only as its first character; inside, a doubled
// quote is a quote; a closing quote may be followed by spaces before the
// delimiter or line end; a quote followed by anything else is kept as text
// (counted in bad_quotes); an unterminated quote runs to the end of input
// (counted in unterminated_quotes). Blank lines are skipped and counted.
class Tokenizer {
 public:
  explicit Tokenizer(const Dialect& dialect, bool keep_blank_lines = false);
  void feed(std::string_view text, RecordSink& sink);
  void finish(RecordSink& sink);

  std::uint64_t records() const noexcept { return records_; }
  std::uint64_t blank_lines() const noexcept { return blank_lines_; }
  std::uint64_t bad_quotes() const noexcept { return bad_quotes_; }
  std::uint64_t unterminated_quotes() const noexcept { return unterminated_; }
  std::uint64_t quoted_fields() const noexcept { return quoted_fields_; }
  const std::uint64_t* quoted_fields_counter() const noexcept { return &quoted_fields_; }
  std::uint64_t line_breaks_lf() const noexcept { return lf_; }
  std::uint64_t line_breaks_crlf() const noexcept { return crlf_; }
  std::uint64_t line_breaks_cr() const noexcept { return cr_; }

 private:
  enum class State : std::uint8_t {
    record_start, field_start, unquoted, quoted, quote_in_quoted, quote_spaces, escape_in_quoted,
    after_cr, comment, ws_skip
  };
  bool is_delim(char c) const noexcept;
  bool is_newline(char c) const noexcept;
  void end_field();
  void end_record(RecordSink& sink);
  void after_newline(char c);
  const char* plain_records(const char* p, const char* end, RecordSink& sink);
  const char* plain_run(const char* p, const char* end, RecordSink& sink, std::size_t max_records, bool& full);
  const char* next_special(const char* q, const char* end) const noexcept;

  Dialect d_;
  bool keep_blank_;
  State state_ = State::record_start;
  bool special_unquoted_[256];
  std::uint64_t special_words_[3];  // each special byte of an unquoted field repeated 8 times
  LineSyntax line_syntax_;          // offered to RecordSink::read_lines
  static constexpr std::size_t kMaxPlainRun = 256;  // records plain_run reads before read_lines is offered again
  std::size_t run_cap_ = kMaxPlainRun;             // plain_records' next run, at most
  bool special_quoted_[256];
  std::string buf_;
  std::string pending_;
  std::vector<std::uint32_t> ends_;
  std::vector<std::uint32_t> plain_ends_;  // plain_run's field ends of a record (its size is its capacity)
  std::uint64_t records_ = 0, blank_lines_ = 0, bad_quotes_ = 0, unterminated_ = 0, quoted_fields_ = 0;
  std::uint64_t lf_ = 0, crlf_ = 0, cr_ = 0;
};

}  // namespace detail
}  // namespace kpikit
