#include "ingest/csv_reader.h"

#include <algorithm>
#include <cstring>
#include <map>

#include "ingest/values.h"

namespace kpikit {

const char* encoding_name(Encoding e) noexcept {
  switch (e) {
    case Encoding::utf8: return "utf-8";
    case Encoding::utf16le: return "utf-16le";
    case Encoding::utf16be: return "utf-16be";
    case Encoding::windows1252: return "windows-1252";
    case Encoding::auto_detect: break;
  }
  return "auto";
}

std::string delimiter_name(const Dialect& d) {
  if (d.whitespace) return "whitespace";
  if (d.delimiter == '\0') return "none";
  if (d.delimiter == '\t') return "tab";
  return std::string(1, d.delimiter);
}

namespace {

// Length of the UTF-8 sequence starting with lead byte b, 0 if b cannot lead.
int utf8_length(std::uint8_t b) noexcept {
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return 2;
  if (b >= 0xE0 && b <= 0xEF) return 3;
  if (b >= 0xF0 && b <= 0xF4) return 4;
  return 0;
}

// Whether the n-byte sequence at p (n = utf8_length(p[0])) is valid UTF-8.
bool utf8_valid_sequence(const std::uint8_t* p, int n) noexcept {
  const std::uint8_t b0 = p[0];
  std::uint8_t lo = 0x80, hi = 0xBF;
  if (b0 == 0xE0) lo = 0xA0;
  if (b0 == 0xED) hi = 0x9F;
  if (b0 == 0xF0) lo = 0x90;
  if (b0 == 0xF4) hi = 0x8F;
  if (n >= 2 && (p[1] < lo || p[1] > hi)) return false;
  for (int i = 2; i < n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return false;
  }
  return true;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Windows-1252 bytes 0x80..0x9F; undefined positions keep their C1 code point.
constexpr std::uint16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

EncodingGuess detect_encoding(const std::uint8_t* p, std::size_t n, bool at_end) {
  if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) return {Encoding::utf8, 3, "utf-8 byte-order mark"};
  if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) return {Encoding::utf16le, 2, "utf-16le byte-order mark"};
  if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) return {Encoding::utf16be, 2, "utf-16be byte-order mark"};
  const std::size_t m = std::min<std::size_t>(n, 4096) & ~std::size_t{1};
  std::size_t zero_even = 0, zero_odd = 0;
  for (std::size_t i = 0; i < m; i += 2) {
    zero_even += p[i] == 0;
    zero_odd += p[i + 1] == 0;
  }
  if (m >= 4) {
    const double half = static_cast<double>(m / 2);
    const auto zo = static_cast<double>(zero_odd), ze = static_cast<double>(zero_even);
    if (zo > 0.3 * half && ze < 0.05 * half) return {Encoding::utf16le, 0, "utf-16le pattern of zero bytes"};
    if (ze > 0.3 * half && zo < 0.05 * half) return {Encoding::utf16be, 0, "utf-16be pattern of zero bytes"};
  }
  bool multibyte = false;
  for (std::size_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const int len = utf8_length(p[i]);
    if (len == 0) return {Encoding::windows1252, 0, "not valid utf-8"};
    if (i + static_cast<std::size_t>(len) > n) {
      if (at_end) return {Encoding::windows1252, 0, "not valid utf-8"};
      break;  // the sample cut a character
    }
    if (!utf8_valid_sequence(p + i, len)) return {Encoding::windows1252, 0, "not valid utf-8"};
    multibyte = true;
    i += static_cast<std::size_t>(len);
  }
  return {Encoding::utf8, 0, multibyte ? "valid utf-8" : "ascii (read as utf-8)"};
}

bool looks_binary(const std::uint8_t* p, std::size_t n, std::string& kind) {
  auto magic = [&](const char* m, std::size_t len) { return n >= len && std::memcmp(p, m, len) == 0; };
  if (magic("PK\x03\x04", 4)) return kind = "zip or xlsx", true;
  if (magic("\xD0\xCF\x11\xE0", 4)) return kind = "xls", true;
  if (magic("%PDF", 4)) return kind = "pdf", true;
  if (magic("\x1F\x8B", 2)) return kind = "gzip", true;
  if (magic("BZh", 3)) return kind = "bzip2", true;
  std::size_t controls = 0;
  const std::size_t m = std::min<std::size_t>(n, 65536);
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint8_t b = p[i];
    controls += (b < 0x09) || (b > 0x0D && b < 0x1C);
  }
  if (m > 0 && controls >= 8 && controls * 20 > m) return kind = "binary data", true;
  return false;
}

namespace detail {

TextDecoder::TextDecoder(Encoding encoding, bool allow_switch)
    : encoding_(encoding == Encoding::auto_detect ? Encoding::utf8 : encoding), allow_switch_(allow_switch) {}

void TextDecoder::invalid(std::string& out, std::uint64_t offset) {
  if (invalid_ == 0) first_invalid_ = offset;
  ++invalid_;
  out.append("\xEF\xBF\xBD");
}

void TextDecoder::decode(const std::uint8_t* data, std::size_t size, std::string& out, std::string_view* in_place) {
  const std::uint8_t* p = data;
  std::size_t n = size;
  const std::uint64_t start_offset = offset_ - carry_.size();
  if (!carry_.empty()) {
    scratch_.assign(carry_);
    scratch_.append(reinterpret_cast<const char*>(data), size);
    carry_.clear();
    p = reinterpret_cast<const std::uint8_t*>(scratch_.data());
    n = scratch_.size();
  }
  std::size_t used = n;
  const std::uint64_t saved = offset_;
  offset_ = start_offset;
  switch (encoding_) {
    case Encoding::utf16le:
    case Encoding::utf16be: used = decode_utf16(p, n, false, out); break;
    case Encoding::windows1252: decode_1252(p, n, out); break;
    // Only a chunk read from data itself (nothing carried over) can be handed out in place.
    default: used = decode_utf8(p, n, false, out, p == data ? in_place : nullptr); break;
  }
  carry_.assign(reinterpret_cast<const char*>(p + used), n - used);
  offset_ = saved + size;
}

std::string_view TextDecoder::decode_view(const std::uint8_t* data, std::size_t size, std::string& out) {
  out.clear();
  std::string_view in_place;
  decode(data, size, out, &in_place);
  if (in_place.data() != nullptr) return in_place;
  return out;
}

void TextDecoder::finish(std::string& out) {
  if (carry_.empty()) return;
  const std::string rest = carry_;
  carry_.clear();
  const auto* p = reinterpret_cast<const std::uint8_t*>(rest.data());
  offset_ -= rest.size();
  if (encoding_ == Encoding::utf16le || encoding_ == Encoding::utf16be) {
    decode_utf16(p, rest.size(), true, out);
  } else if (encoding_ == Encoding::windows1252) {
    decode_1252(p, rest.size(), out);
  } else {
    decode_utf8(p, rest.size(), true, out);
  }
  offset_ += rest.size();
}

std::size_t TextDecoder::decode_utf8(const std::uint8_t* p, std::size_t n, bool final, std::string& out,
                                     std::string_view* in_place) {
  std::size_t i = 0;
  std::size_t run = 0;  // start of the pending run of valid bytes
  while (i < n) {
    // Fast path: ASCII bytes 32 at a time, then 8 at a time.
    while (i + 32 <= n) {
      std::uint64_t w[4];
      std::memcpy(w, p + i, 32);
      if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL) break;
      i += 32;
    }
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const int len = utf8_length(p[i]);
    if (len > 0 && i + static_cast<std::size_t>(len) > n && !final) {
      // A character split by the chunk boundary: keep it for the next chunk,
      // unless its bytes so far are already invalid.
      bool prefix_ok = true;
      for (std::size_t k = i + 1; k < n; ++k) prefix_ok = prefix_ok && (p[k] & 0xC0) == 0x80;
      if (prefix_ok) {
        out.append(reinterpret_cast<const char*>(p + run), i - run);
        return i;
      }
    }
    if (len > 0 && i + static_cast<std::size_t>(len) <= n && utf8_valid_sequence(p + i, len)) {
      seen_multibyte_ = true;
      i += static_cast<std::size_t>(len);
      continue;
    }
    out.append(reinterpret_cast<const char*>(p + run), i - run);
    if (allow_switch_ && !seen_multibyte_ && invalid_ == 0) {
      // Only ASCII so far: the input is a single-byte encoding after all.
      encoding_ = Encoding::windows1252;
      switched_ = true;
      decode_1252(p + i, n - i, out);
      return n;
    }
    invalid(out, offset_ + i);
    ++i;
    run = i;
  }
  if (in_place && run == 0) {
    *in_place = std::string_view(reinterpret_cast<const char*>(p), n);
    return n;
  }
  out.append(reinterpret_cast<const char*>(p + run), i - run);
  return n;
}

std::size_t TextDecoder::decode_utf16(const std::uint8_t* p, std::size_t n, bool final, std::string& out) {
  const bool le = encoding_ == Encoding::utf16le;
  std::size_t i = 0;
  while (i + 2 <= n) {
    const std::uint32_t u = le ? (p[i] | (p[i + 1] << 8)) : ((p[i] << 8) | p[i + 1]);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 4 > n) {
        if (!final) return i;
        invalid(out, offset_ + i);
        i += 2;
        continue;
      }
      const std::uint32_t v = le ? (p[i + 2] | (p[i + 3] << 8)) : ((p[i + 2] << 8) | p[i + 3]);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        i += 4;
      } else {
        invalid(out, offset_ + i);
        i += 2;
      }
      continue;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) {
      invalid(out, offset_ + i);
    } else {
      append_utf8(out, u);
    }
    i += 2;
  }
  if (i < n && final) {
    invalid(out, offset_ + i);
    return n;
  }
  return i;
}

void TextDecoder::decode_1252(const std::uint8_t* p, std::size_t n, std::string& out) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t b = p[i];
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
    } else {
      append_utf8(out, b < 0xA0 ? kCp1252High[b - 0x80] : b);
    }
  }
}

Tokenizer::Tokenizer(const Dialect& dialect, bool keep_blank_lines) : d_(dialect), keep_blank_(keep_blank_lines) {
  if (d_.escape == d_.quote) d_.escape = '\0';
  std::fill(std::begin(special_unquoted_), std::end(special_unquoted_), false);
  std::fill(std::begin(special_quoted_), std::end(special_quoted_), false);
  auto mark = [](bool* table, char c) { table[static_cast<unsigned char>(c)] = true; };
  if (d_.terminator != '\0') {
    mark(special_unquoted_, d_.terminator);
  } else {
    mark(special_unquoted_, '\n');
    mark(special_unquoted_, '\r');
  }
  if (d_.whitespace) {
    mark(special_unquoted_, ' ');
    mark(special_unquoted_, '\t');
  } else if (d_.delimiter != '\0') {
    mark(special_unquoted_, d_.delimiter);
  }
  if (d_.quote != '\0') mark(special_quoted_, d_.quote);
  if (d_.escape != '\0') mark(special_quoted_, d_.escape);
  // next_special looks for up to three bytes 8 at a time: the line break(s)
  // and the delimiter (a repeated entry when there are fewer). Whitespace
  // dialects (space and tab as well) use the table alone.
  char specials[3] = {'\n', '\r', '\n'};
  if (d_.terminator != '\0') specials[0] = specials[1] = specials[2] = d_.terminator;
  if (!d_.whitespace && d_.delimiter != '\0') specials[2] = d_.delimiter;
  for (int i = 0; i < 3; ++i) special_words_[i] = 0x0101010101010101ULL * static_cast<unsigned char>(specials[i]);
  for (int i = 0; i < 3; ++i) line_syntax_.specials[i] = special_words_[i];
  line_syntax_.delimiter = d_.delimiter;
  line_syntax_.quote = d_.quote;
  line_syntax_.comment = d_.comment;
  line_syntax_.terminator = d_.terminator;
  buf_.reserve(1024);
  ends_.reserve(64);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "next_special reads 8 bytes as a little-endian word"
#endif


// The first byte in [q, end) that ends an unquoted field (delimiter or line
// break), or end. Eight bytes at a time, the lowest flagged byte first
// (little-endian).
const char* Tokenizer::next_special(const char* q, const char* end) const noexcept {
  if (!d_.whitespace) {
    while (end - q >= 8) {
      if (const std::uint64_t found = special_bytes(q, special_words_)) return q + (__builtin_ctzll(found) >> 3);
      q += 8;
    }
  }
  while (q < end && !special_unquoted_[static_cast<unsigned char>(*q)]) ++q;
  return q;
}

// The fast path for common records, run from a record start: records that
// lie whole in this chunk, start with neither a line break nor the comment
// character, and have no field starting with the quote. The sink may read
// them itself (RecordSink::read_lines); what it leaves is handed to
// on_record as slices of the input itself, nothing copied (plain_run). After
// the sink took lines, the next run is one record (the one it left); while
// it takes none, each run is twice the last, up to kMaxPlainRun records.
// Returns the start of the first record it leaves to the state machine (p
// when none was read), or end; state_ is record_start, or after_cr when the
// chunk ended with a CR.
const char* Tokenizer::plain_records(const char* p, const char* const end, RecordSink& sink) {
  if (d_.whitespace || end - p < 8) return p;
  for (;;) {
    const LinesRead lines = sink.read_lines(p, end, line_syntax_);
    if (lines.records > 0) {
      records_ += lines.records;
      lf_ += lines.lf;
      crlf_ += lines.crlf;
      cr_ += lines.cr;
      p = lines.next;
      run_cap_ = 1;
    } else {
      run_cap_ = lines.declined ? kMaxPlainRun : std::min(run_cap_ * 2, kMaxPlainRun);
    }
    bool full = false;
    p = plain_run(p, end, sink, run_cap_, full);
    if (!full) return p;
  }
}

// Plain records from p (see plain_records), at most max_records, each handed
// to on_record as a RecordView of the input (gap 1) when its line break is
// found. The text is scanned 8 bytes at a time, once: each word's special
// bytes are taken lowest first across field and record ends. Returns the
// first record not read (p when none was), or end; full: max_records were
// read and the next record may be plain too.
const char* Tokenizer::plain_run(const char* p, const char* const end, RecordSink& sink, std::size_t max_records,
                                 bool& full) {
  full = false;
  if (end - p < 8) return p;
  const char quote = d_.quote, delimiter = d_.delimiter, comment = d_.comment;
  const bool any_line_break = d_.terminator == '\0';
  auto record_can_start = [&](const char* r) {
    return r < end && !is_newline(*r) && (comment == '\0' || *r != comment) && (quote == '\0' || *r != quote);
  };
  if (!record_can_start(p)) return p;
  const std::uint64_t specials[3] = {special_words_[0], special_words_[1], special_words_[2]};
  if (plain_ends_.empty()) plain_ends_.resize(64);
  std::uint32_t* ends = plain_ends_.data();  // the record's field ends, offsets from its start
  std::size_t capacity = plain_ends_.size(), count = 0, records = 0;
  const char* record = p;    // start of the record being read
  const char* field = p;     // start of the field being read
  const char* word = p;      // the 8 bytes whose special bytes are in found
  std::uint64_t found = special_bytes(word, specials);
  for (;;) {
    while (found == 0) {
      word += 8;
      if (end - word < 8) return record;  // the rest is the state machine's
      found = special_bytes(word, specials);
    }
    const char* const q = word + (__builtin_ctzll(found) >> 3);
    found &= found - 1;
    if (q < field) continue;  // the LF of a CRLF already taken
    if (count == capacity) {
      plain_ends_.resize(capacity * 2);
      ends = plain_ends_.data();
      capacity = plain_ends_.size();
    }
    ends[count++] = static_cast<std::uint32_t>(q - record);
    if (*q == delimiter) {
      field = q + 1;
      if (field == end || (quote != '\0' && *field == quote)) return record;
      continue;
    }
    ++records_;
    ++records;
    sink.on_record(RecordView{std::string_view(record, static_cast<std::size_t>(q - record)), ends, count, 1});
    count = 0;
    const char* next = q + 1;
    if (any_line_break && *q == '\r') {
      if (next == end) {
        state_ = State::after_cr;
        return end;
      }
      if (*next == '\n') {
        ++crlf_;
        ++next;
      } else {
        ++cr_;
      }
    } else {
      lf_ += *q == '\n';
    }
    record = field = next;
    if (records == max_records) {
      full = record_can_start(record);
      return record;
    }
    if (!record_can_start(record)) return record;
  }
}

bool Tokenizer::is_delim(char c) const noexcept {
  if (d_.whitespace) return c == ' ' || c == '\t';
  return d_.delimiter != '\0' && c == d_.delimiter;
}

bool Tokenizer::is_newline(char c) const noexcept {
  return d_.terminator != '\0' ? c == d_.terminator : (c == '\n' || c == '\r');
}

void Tokenizer::end_field() { ends_.push_back(static_cast<std::uint32_t>(buf_.size())); }

void Tokenizer::end_record(RecordSink& sink) {
  ++records_;
  sink.on_record(RecordView{buf_, ends_.data(), ends_.size()});
  buf_.clear();
  ends_.clear();
}

void Tokenizer::after_newline(char c) {
  if (d_.terminator == '\0' && c == '\r') {
    state_ = State::after_cr;
  } else {
    state_ = State::record_start;
    lf_ += c == '\n';
  }
}

void Tokenizer::feed(std::string_view text, RecordSink& sink) {
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char c = *p;
    switch (state_) {
      case State::after_cr:
        state_ = State::record_start;
        if (c == '\n') {
          ++crlf_;
          ++p;
        } else {
          ++cr_;
        }
        break;
      case State::record_start:
        if (is_newline(c)) {
          ++blank_lines_;
          if (keep_blank_) {
            end_field();
            end_record(sink);
          }
          after_newline(c);
          ++p;
        } else if (d_.comment != '\0' && c == d_.comment) {
          state_ = State::comment;
          ++p;
        } else if (d_.whitespace && (c == ' ' || c == '\t')) {
          ++p;
        } else if (const char* next = plain_records(p, end, sink); next != p) {
          p = next;
        } else {
          state_ = State::field_start;
        }
        break;
      case State::comment:
        if (is_newline(c)) after_newline(c);
        ++p;
        break;
      case State::field_start:
        if (d_.quote != '\0' && c == d_.quote) {
          state_ = State::quoted;
          ++quoted_fields_;
          ++p;
        } else {
          state_ = State::unquoted;
        }
        break;
      case State::unquoted: {
        const char* q = next_special(p, end);
        buf_.append(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        const char s = *p++;
        end_field();
        if (is_delim(s)) {
          state_ = d_.whitespace ? State::ws_skip : State::field_start;
        } else {
          end_record(sink);
          after_newline(s);
        }
        break;
      }
      case State::ws_skip:
        if (c == ' ' || c == '\t') {
          ++p;
        } else if (is_newline(c)) {
          end_record(sink);
          after_newline(c);
          ++p;
        } else {
          state_ = State::field_start;
        }
        break;
      case State::quoted: {
        const char* q = p;
        while (q < end && !special_quoted_[static_cast<unsigned char>(*q)]) ++q;
        buf_.append(p, static_cast<std::size_t>(q - p));
        p = q;
        if (p == end) break;
        state_ = (d_.escape != '\0' && *p == d_.escape) ? State::escape_in_quoted : State::quote_in_quoted;
        ++p;
        break;
      }
      case State::escape_in_quoted:
        if (c == d_.quote || c == d_.escape) {
          buf_.push_back(c);
          ++p;
        } else {
          buf_.push_back(d_.escape);
        }
        state_ = State::quoted;
        break;
      case State::quote_in_quoted:
        if (c == d_.quote && d_.double_quote) {
          buf_.push_back(c);
          state_ = State::quoted;
          ++p;
        } else if (is_delim(c)) {
          end_field();
          state_ = d_.whitespace ? State::ws_skip : State::field_start;
          ++p;
        } else if (is_newline(c)) {
          end_field();
          end_record(sink);
          after_newline(c);
          ++p;
        } else if (c == ' ' || c == '\t') {
          pending_.assign(1, c);
          state_ = State::quote_spaces;
          ++p;
        } else {
          ++bad_quotes_;  // a stray quote inside a quoted field is kept as text
          buf_.push_back(d_.quote);
          state_ = State::quoted;
        }
        break;
      case State::quote_spaces:
        if (c == ' ' || c == '\t') {
          pending_.push_back(c);
          ++p;
        } else if (is_delim(c) || is_newline(c)) {
          pending_.clear();
          state_ = State::quote_in_quoted;
        } else {
          ++bad_quotes_;
          buf_.push_back(d_.quote);
          buf_ += pending_;
          pending_.clear();
          state_ = State::quoted;
        }
        break;
    }
  }
}

void Tokenizer::finish(RecordSink& sink) {
  switch (state_) {
    case State::record_start:
    case State::after_cr:
      if (state_ == State::after_cr) ++cr_;
      break;
    case State::comment: break;
    case State::escape_in_quoted:
      buf_.push_back(d_.escape);
      ++unterminated_;
      end_field();
      end_record(sink);
      break;
    case State::quoted:
      ++unterminated_;
      end_field();
      end_record(sink);
      break;
    case State::ws_skip: end_record(sink); break;
    case State::field_start:
    case State::unquoted:
    case State::quote_in_quoted:
    case State::quote_spaces:
      end_field();
      end_record(sink);
      break;
  }
  pending_.clear();
  state_ = State::record_start;
}

}  // namespace detail

namespace {

class CollectSink : public RecordSink {
 public:
  explicit CollectSink(std::size_t limit = static_cast<std::size_t>(-1)) : limit_(limit) {}
  void on_record(const RecordView& r) override {
    if (rows.size() >= limit_) return;
    std::vector<std::string> row;
    row.reserve(r.size());
    for (std::size_t i = 0; i < r.size(); ++i) row.emplace_back(r.field(i));
    rows.push_back(std::move(row));
  }
  std::vector<std::vector<std::string>> rows;

 private:
  std::size_t limit_;
};

// Records scored per candidate dialect; detection reads the text up to the
// line feed that ends line kDetectionRows + 100 (a margin for blank and
// comment lines), since every candidate tokenizes all it is given.
constexpr std::size_t kDetectionRows = 1000;

std::string_view detection_window(std::string_view text) {
  std::size_t pos = 0;
  for (std::size_t lines = 0; lines < kDetectionRows + 100; ++lines) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return text;
    ++pos;
  }
  return text.substr(0, pos);
}

// Counts rows by length and cells of a known type without storing records.
class ScoreSink : public RecordSink {
 public:
  // empty_known: empty cells count as typed; not for a single-space delimiter,
  // where runs of alignment spaces would make empty cells look consistent.
  // quoted: the tokenizer's running count of quoted fields; a quoted cell is
  // a string by the writer's own account and counts as typed.
  // with_types false: only the row lengths are counted (the pattern score).
  ScoreSink(bool empty_known, const std::uint64_t* quoted, bool with_types = true)
      : empty_known_(empty_known), with_types_(with_types), quoted_(quoted) {}
  void on_record(const RecordView& r) override {
    const std::uint64_t quoted_here = *quoted_ - quoted_seen_;
    quoted_seen_ = *quoted_;
    if (r.size() == 1 && r.field(0).empty()) return;
    if (rows_ >= kMaxRows) return;
    ++rows_;
    last_length_ = r.size();
    ++lengths_[r.size()];
    if (!with_types_) return;
    std::size_t known = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const std::string_view f = r.field(i);
      known += f.empty() ? empty_known_ : known_type(f);
    }
    known_ += std::min<std::size_t>(r.size(), known + static_cast<std::size_t>(quoted_here));
    cells_ += r.size();
  }
  void drop_last() {
    if (rows_ == 0 || rows_ >= kMaxRows) return;
    if (--lengths_[last_length_] == 0) lengths_.erase(last_length_);
    --rows_;
  }
  // Rows of equal length score high: sum over lengths of count x (l-1)/l,
  // divided by the number of distinct lengths.
  double pattern() const {
    if (rows_ == 0) return 0.0;
    double pattern = 0.0;
    for (const auto& [length, count] : lengths_) {
      const double l = static_cast<double>(length);
      pattern += static_cast<double>(count) * std::max(0.001, (l - 1.0) / l);
    }
    return pattern / static_cast<double>(lengths_.size());
  }
  // pattern x type, type = share of cells of a known type (at least 0.01, at
  // most 1, so the score never exceeds the pattern score).
  double score() const {
    const double type = cells_ == 0 ? 0.0 : static_cast<double>(known_) / static_cast<double>(cells_);
    return pattern() * std::max(type, 0.01);
  }

 private:
  static constexpr std::size_t kMaxRows = kDetectionRows;

  static bool word_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
  }

  // A cell "of a known type": empty, a number, a date, a time, a single word,
  // an e-mail address or URL, or a short phrase of words.
  static bool known_type(std::string_view cell) {
    const std::string_view s = trim_value(cell);
    if (s.empty()) return true;
    if (parse_number(s)) return true;
    DateToken t;
    if (scan_date(s, t)) return true;
    std::size_t words = 1;
    bool prev_space = false;
    for (char c : s) {
      if (c == ' ') {
        if (prev_space) return false;
        prev_space = true;
        ++words;
        continue;
      }
      prev_space = false;
      if (!word_char(c) && c != '-' && c != '.' && c != '@' && c != ':' && c != '/' && c != '%' && c != '\'' &&
          c != '&' && c != '+' && c != '(' && c != ')') {
        return false;
      }
    }
    return words <= 4 && !prev_space;
  }

  bool empty_known_;
  bool with_types_;
  const std::uint64_t* quoted_;
  std::uint64_t quoted_seen_ = 0;
  std::map<std::size_t, std::size_t> lengths_;
  std::size_t rows_ = 0, last_length_ = 0, known_ = 0, cells_ = 0;
};

}  // namespace

std::vector<std::vector<std::string>> read_records(std::string_view text, const Dialect& dialect,
                                                   bool keep_blank_lines) {
  CollectSink sink;
  detail::Tokenizer tok(dialect, keep_blank_lines);
  tok.feed(text, sink);
  tok.finish(sink);
  return std::move(sink.rows);
}

DialectGuess detect_dialect(std::string_view whole_text, bool sample_complete, char comment) {
  const std::string_view text = detection_window(whole_text);
  sample_complete = sample_complete && text.size() == whole_text.size();
  // Candidate delimiters: the usual ones that occur in the text.
  std::vector<Dialect> candidates;
  const std::string_view delims = ",;\t|:^~#&% ";
  // '"' is always a candidate (and wins ties), so quoting that starts after
  // the sample is still honoured; "'" only when it occurs.
  std::vector<char> quotes = {'"', '\0'};
  if (text.find('\'') != std::string_view::npos) quotes.push_back('\'');
  auto add = [&](char delim, bool ws) {
    for (char q : quotes) {
      Dialect d;
      d.delimiter = delim;
      d.whitespace = ws;
      d.quote = q;
      d.comment = comment;
      candidates.push_back(d);
    }
  };
  for (char c : delims) {
    if (c != comment && text.find(c) != std::string_view::npos) add(c, false);
  }
  if (text.find("  ") != std::string_view::npos || text.find("\n ") != std::string_view::npos ||
      (!text.empty() && text[0] == ' ')) {
    add(' ', true);
  }
  add('\0', false);

  // Pass 1: the pattern score of every candidate (tokenizing only). The
  // type score (the costly part: every cell parsed) is then computed only for
  // candidates whose pattern score could still reach the best full score,
  // since a score never exceeds its pattern score (as CleverCSV prunes).
  struct Scored {
    double pattern = 0.0;
    double score = -1.0;  // < 0: not computed (cannot win)
    bool quotes = false;
  };
  std::vector<Scored> scored(candidates.size());
  auto run = [&](const Dialect& d, bool with_types, Scored& out) {
    detail::Tokenizer tok(d);
    ScoreSink sink(d.whitespace || d.delimiter != ' ', tok.quoted_fields_counter(), with_types);
    tok.feed(text, sink);
    if (sample_complete) {
      tok.finish(sink);
    } else {
      sink.drop_last();
    }
    out.quotes = tok.quoted_fields() > 0;
    if (with_types) out.score = sink.score(); else out.pattern = sink.pattern();
  };
  for (std::size_t i = 0; i < candidates.size(); ++i) run(candidates[i], false, scored[i]);
  std::vector<std::size_t> by_pattern(candidates.size());
  for (std::size_t i = 0; i < by_pattern.size(); ++i) by_pattern[i] = i;
  std::stable_sort(by_pattern.begin(), by_pattern.end(),
                   [&](std::size_t a, std::size_t b) { return scored[a].pattern > scored[b].pattern; });
  double max_score = -1.0;
  for (std::size_t i : by_pattern) {
    if (scored[i].pattern < max_score * (1.0 - 1e-8) - 1e-12) break;  // it and all after it score lower
    run(candidates[i], true, scored[i]);
    max_score = std::max(max_score, scored[i].score);
  }
  // Pass 2 in preference order: strictly better wins, so ties go to the earlier candidate.
  DialectGuess best;
  best.score = -1.0;
  bool best_quotes = false;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const double s = scored[i].score;
    if (s < 0.0) continue;  // pruned
    if (s > best.score * (1.0 + 1e-9) + 1e-12) {
      best.score = s;
      best.dialect = candidates[i];
      best_quotes = scored[i].quotes;
    }
  }
  best.quotes_seen = best_quotes;
  best.reason = "most consistent rows with delimiter " + delimiter_name(best.dialect);
  return best;
}

}  // namespace kpikit
