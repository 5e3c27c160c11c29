// The record layer: tokenizer semantics, chunk boundaries, encodings, dialects.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "ingest/csv_reader.h"
#include "ingest/ingest.h"

using namespace kpikit;
using Rows = std::vector<std::vector<std::string>>;

namespace {

class Collect : public RecordSink {
 public:
  void on_record(const RecordView& r) override {
    std::vector<std::string> row;
    for (std::size_t i = 0; i < r.size(); ++i) row.emplace_back(r.field(i));
    rows.push_back(row);
  }
  Rows rows;
};

// Decodes and tokenizes bytes fed in chunks of `chunk` bytes.
Rows read_chunked(const std::string& bytes, Encoding enc, const Dialect& d, std::size_t chunk) {
  detail::TextDecoder dec(enc);
  detail::Tokenizer tok(d);
  Collect sink;
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); i += chunk) {
    text.clear();
    const std::size_t n = std::min(chunk, bytes.size() - i);
    dec.decode(reinterpret_cast<const std::uint8_t*>(bytes.data() + i), n, text);
    tok.feed(text, sink);
  }
  text.clear();
  dec.finish(text);
  tok.feed(text, sink);
  tok.finish(sink);
  return sink.rows;
}

}  // namespace

TEST_CASE("tokenizer: RFC 4180 quoting, line ends, blank lines, ragged rows") {
  struct Case {
    const char* name;
    std::string input;
    Rows expected;
  };
  const std::vector<Case> cases = {
      {"plain", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}},
      {"crlf", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
      {"cr only", "a,b\r1,2\r", {{"a", "b"}, {"1", "2"}}},
      {"no final newline", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}},
      {"quoted delimiter", "\"a,b\",c\n", {{"a,b", "c"}}},
      {"doubled quote", "\"say \"\"hi\"\"\",x\n", {{"say \"hi\"", "x"}}},
      {"embedded newline", "\"line1\nline2\",x\n", {{"line1\nline2", "x"}}},
      {"embedded crlf kept", "\"l1\r\nl2\",x\r\n", {{"l1\r\nl2", "x"}}},
      {"blank lines skipped", "\n\na,b\n\n\n1,2\n\n", {{"a", "b"}, {"1", "2"}}},
      {"ragged", "a,b,c\n1\n1,2,3,4\n", {{"a", "b", "c"}, {"1"}, {"1", "2", "3", "4"}}},
      {"trailing delimiter", "a,b,\n", {{"a", "b", ""}}},
      {"empty quoted", "\"\",x\n", {{"", "x"}}},
      {"quote in unquoted field", "5'11\",x\n", {{"5'11\"", "x"}}},
      {"spaces after closing quote", "\"a\" ,b\n", {{"a", "b"}}},
      {"stray quote kept", "\"a\"b,c\"\n", {{"a\"b,c"}}},
      {"unterminated quote", "a,\"b\nc", {{"a", "b\nc"}}},
  };
  // In one piece plain records are passed as slices of the input (no copy);
  // in 1- to 3-byte chunks every record takes the copying path: same fields.
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(read_records(c.input, Dialect{}) == c.expected);
    for (std::size_t chunk : {1, 2, 3}) {
      CAPTURE(chunk);
      CHECK(read_chunked(c.input, Encoding::utf8, Dialect{}, chunk) == c.expected);
    }
  }
}

TEST_CASE("tokenizer: the uncopied path with other delimiters, a set terminator, comments and no delimiter") {
  Dialect semi{';'};
  CHECK(read_records("a;;c\r\n;x;\r\n", semi) == Rows{{"a", "", "c"}, {"", "x", ""}});
  Dialect pipe_lf{'|'};
  pipe_lf.terminator = '\n';
  CHECK(read_records("a|b\r\n1|2\n", pipe_lf) == Rows{{"a", "b\r"}, {"1", "2"}});  // CR is text
  Dialect commented{','};
  commented.comment = '#';
  CHECK(read_records("# note,1\na,b\n#x\n1,2\n", commented) == Rows{{"a", "b"}, {"1", "2"}});
  Dialect none{'\0'};
  CHECK(read_records("a,b;c\n1 2\n", none) == Rows{{"a,b;c"}, {"1 2"}});
  CHECK(read_records("a,b\n\n1,2\n", Dialect{}, true) == Rows{{"a", "b"}, {""}, {"1", "2"}});
}

TEST_CASE("tokenizer: whitespace-aligned columns (CDNOW layout)") {
  Dialect d;
  d.whitespace = true;
  const Rows expected = {{"00001", "19970101", "1", "11.77"}, {"00002", "19970112", "1", "12.00"}};
  CHECK(read_records(" 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n", d) == expected);
}

TEST_CASE("chunks may split lines, quotes and characters anywhere") {
  const std::string text =
      "Kunde;Straße;\"Notiz\"\r\n\"Müller, A.\";Hauptstraße 1;\"zwei\r\nZeilen \"\"zitiert\"\"\"\r\n"
      "Ölz;Weg 2;€ 12,50\r\n";
  const Rows expected = read_records(text, Dialect{';'});
  REQUIRE(expected.size() == 3);
  CHECK(expected[1][0] == "Müller, A.");
  CHECK(expected[1][2] == "zwei\r\nZeilen \"zitiert\"");
  for (std::size_t chunk : {1, 2, 3, 5, 7, 64}) {
    CAPTURE(chunk);
    CHECK(read_chunked(text, Encoding::utf8, Dialect{';'}, chunk) == expected);
  }
}

TEST_CASE("the 8-bytes-at-a-time path reads what the byte-by-byte state machine reads") {
  // Fed one byte at a time the tokenizer never takes its fast path (it needs 8
  // bytes); fed whole it takes it wherever it can. Random texts of the bytes
  // that matter (delimiters, quotes, CR, LF, '#', and the neighbours of the
  // special bytes: '-' after ',', VT and FF beside LF and CR) must give the same
  // records and the same counts both ways, in every dialect.
  struct Counts {
    Rows rows;
    std::uint64_t records, blank, lf, crlf, cr, quoted, bad_quotes, unterminated;
    bool operator==(const Counts& o) const {
      return rows == o.rows && records == o.records && blank == o.blank && lf == o.lf && crlf == o.crlf && cr == o.cr &&
             quoted == o.quoted && bad_quotes == o.bad_quotes && unterminated == o.unterminated;
    }
  };
  auto tokenize = [](const std::string& text, const Dialect& d, std::size_t chunk) {
    detail::Tokenizer tok(d);
    Collect sink;
    for (std::size_t i = 0; i < text.size(); i += chunk) tok.feed(std::string_view(text).substr(i, chunk), sink);
    tok.finish(sink);
    return Counts{sink.rows, tok.records(), tok.blank_lines(), tok.line_breaks_lf(), tok.line_breaks_crlf(),
                  tok.line_breaks_cr(), tok.quoted_fields(), tok.bad_quotes(), tok.unterminated_quotes()};
  };
  Dialect semicolon{';'}, lf_only{','}, no_delimiter{'\0'}, commented{','}, unquoted{','};
  lf_only.terminator = '\n';
  commented.comment = '#';
  unquoted.quote = '\0';
  const std::string alphabet = "abc123-.,,,;;;\"\r\n\r\n\n #\x0b\x0c";
  std::mt19937 rng(41);
  // Whole, byte by byte and in random chunks of 1..max_chunk bytes, in every dialect.
  auto check_every_way = [&](const std::string& text, std::size_t max_chunk) {
    for (const Dialect& d : {Dialect{}, semicolon, lf_only, no_delimiter, commented, unquoted}) {
      CAPTURE(d.delimiter);
      const Counts whole = tokenize(text, d, text.size() + 1), bytewise = tokenize(text, d, 1),
                   chunked = tokenize(text, d, 1 + rng() % max_chunk);
      CHECK(whole == bytewise);
      CHECK(chunked == bytewise);
    }
  };
  for (int k = 0; k < 3000; ++k) {
    std::string text(rng() % 120, 'a');
    for (auto& c : text) c = alphabet[rng() % alphabet.size()];
    CAPTURE(text);
    check_every_way(text, 40);
  }
  // Long texts with few quotes: long runs of plain records in one fast-path
  // call, across chunk ends, left at a rare quote.
  const std::string plain_alphabet = "abcdefgh12345678-.,;\r\n\n\n";
  for (int k = 0; k < 120; ++k) {
    std::string text(rng() % 12000, 'a');
    for (auto& c : text) c = rng() % 700 == 0 ? '"' : plain_alphabet[rng() % plain_alphabet.size()];
    CAPTURE(k);
    check_every_way(text, 5000);
  }
}

TEST_CASE("encodings: UTF-16 LE/BE with BOM and Windows-1252 become UTF-8") {
  const std::string utf8 = "Name,Stadt\nJürgen,Köln €\n";
  // Build UTF-16 bytes by hand from the code points.
  const std::u16string u16 = u"Name,Stadt\nJürgen,Köln €\n";
  std::string le = "\xFF\xFE", be = "\xFE\xFF";
  for (char16_t ch : u16) {
    le.push_back(static_cast<char>(ch & 0xFF));
    le.push_back(static_cast<char>(ch >> 8));
    be.push_back(static_cast<char>(ch >> 8));
    be.push_back(static_cast<char>(ch & 0xFF));
  }
  const std::string cp1252 = "Name,Stadt\nJ\xFCrgen,K\xF6ln \x80\n";
  const Rows expected = read_records(utf8, Dialect{});

  auto le_guess = detect_encoding(reinterpret_cast<const std::uint8_t*>(le.data()), le.size(), true);
  CHECK(le_guess.encoding == Encoding::utf16le);
  CHECK(le_guess.bom_size == 2);
  auto be_guess = detect_encoding(reinterpret_cast<const std::uint8_t*>(be.data()), be.size(), true);
  CHECK(be_guess.encoding == Encoding::utf16be);
  auto w_guess = detect_encoding(reinterpret_cast<const std::uint8_t*>(cp1252.data()), cp1252.size(), true);
  CHECK(w_guess.encoding == Encoding::windows1252);
  auto u_guess = detect_encoding(reinterpret_cast<const std::uint8_t*>(utf8.data()), utf8.size(), true);
  CHECK(u_guess.encoding == Encoding::utf8);

  for (std::size_t chunk : {1, 3, 1000}) {
    CAPTURE(chunk);
    CHECK(read_chunked(le.substr(2), Encoding::utf16le, Dialect{}, chunk) == expected);
    CHECK(read_chunked(be.substr(2), Encoding::utf16be, Dialect{}, chunk) == expected);
    CHECK(read_chunked(cp1252, Encoding::windows1252, Dialect{}, chunk) == expected);
  }
}

TEST_CASE("invalid UTF-8 is replaced and counted, not fatal") {
  detail::TextDecoder dec(Encoding::utf8);
  std::string out;
  const std::string bytes = "K\xC3\xB6ln,\xFF\n";  // valid ö first, then a stray byte
  dec.decode(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), out);
  dec.finish(out);
  CHECK(out == "K\xC3\xB6ln,\xEF\xBF\xBD\n");
  CHECK(dec.invalid_count() == 1);
  CHECK(dec.first_invalid_offset() == 6);
}

TEST_CASE("decode_view hands out a clean UTF-8 chunk itself and decodes every other chunk as decode does") {
  // A clean chunk: the view is the input's own bytes, nothing copied.
  {
    detail::TextDecoder dec(Encoding::utf8);
    std::string out = "left over";
    const std::string chunk = "id;Stadt\n1;K\xC3\xB6ln\n";
    const std::string_view v = dec.decode_view(reinterpret_cast<const std::uint8_t*>(chunk.data()), chunk.size(), out);
    CHECK(v.data() == chunk.data());
    CHECK(v.size() == chunk.size());
    CHECK(out.empty());
  }
  // A chunk that ends inside a character: the rest waits for the next chunk,
  // and that one (carrying it) is decoded into out.
  {
    detail::TextDecoder dec(Encoding::utf8);
    std::string out;
    const std::string a = "1;K\xC3", b = "\xB6ln\n";
    std::string_view v = dec.decode_view(reinterpret_cast<const std::uint8_t*>(a.data()), a.size(), out);
    CHECK(v == "1;K");
    CHECK(v.data() == out.data());
    std::string text(v);
    v = dec.decode_view(reinterpret_cast<const std::uint8_t*>(b.data()), b.size(), out);
    text += v;
    CHECK(text == "1;K\xC3\xB6ln\n");
  }
  // Random texts (ASCII, umlauts, stray bytes) in random chunks: the same text,
  // invalid count and first invalid offset as decode.
  std::mt19937 rng(20261128);
  const std::string pieces[] = {"a", ";", "\n", "\xC3\xB6", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xFF", "\xC3", "1234567"};
  for (int round = 0; round < 300; ++round) {
    std::string bytes = "x\xC3\xA4";  // a multi-byte character first: no switch to Windows-1252
    for (int k = 0; k < 60; ++k) bytes += pieces[rng() % (round % 3 == 0 ? 9 : 6)];
    detail::TextDecoder whole(Encoding::utf8), viewed(Encoding::utf8);
    std::string expected, out, text;
    std::size_t at = 0;
    while (at < bytes.size()) {
      const std::size_t n = std::min<std::size_t>(1 + rng() % 24, bytes.size() - at);
      const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data() + at);
      whole.decode(p, n, expected);
      text += viewed.decode_view(p, n, out);
      at += n;
    }
    whole.finish(expected);
    out.clear();
    viewed.finish(out);
    text += out;
    CAPTURE(bytes);
    REQUIRE(text == expected);
    CHECK(viewed.invalid_count() == whole.invalid_count());
    CHECK(viewed.first_invalid_offset() == whole.first_invalid_offset());
  }
}

TEST_CASE("ascii start then a Windows-1252 byte switches the decoder") {
  detail::TextDecoder dec(Encoding::utf8);
  std::string out;
  const std::string a = "id,city\n1,Berlin\n", b = "2,M\xFCnchen\n";
  dec.decode(reinterpret_cast<const std::uint8_t*>(a.data()), a.size(), out);
  dec.decode(reinterpret_cast<const std::uint8_t*>(b.data()), b.size(), out);
  CHECK(out == "id,city\n1,Berlin\n2,M\xC3\xBCnchen\n");
  CHECK(dec.switched());
  CHECK(dec.encoding() == Encoding::windows1252);
  CHECK(dec.invalid_count() == 0);
}

TEST_CASE("dialect detection: delimiters and quotes from the data") {
  struct Case {
    const char* name;
    const char* text;
    char delimiter;
    bool whitespace;
  };
  const Case cases[] = {
      {"comma", "id,date,amount\n1,2020-01-01,12.50\n2,2020-01-02,3.00\n", ',', false},
      {"semicolon with decimal comma", "Kunde;Datum;Umsatz\n1;01.02.2020;12,50\n2;03.02.2020;1.234,56\n", ';', false},
      {"tab", "a\tb\tc\n1\t2\t3\n4\t5\t6\n", '\t', false},
      {"pipe", "a|b|c\n1|2|3\n4|5|6\n", '|', false},
      {"quoted commas inside semicolons", "name;note\n\"A, B\";x\n\"C, D\";y\n", ';', false},
      {"whitespace aligned", " 00001 19970101  1   11.77\n 00002 19970112  1   12.00\n 00003 19970102  2   20.76\n", ' ', true},
      {"single column", "email\na@b.de\nc@d.de\n", '\0', false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const DialectGuess g = detect_dialect(c.text, true);
    CHECK(g.dialect.whitespace == c.whitespace);
    if (!c.whitespace) CHECK(g.dialect.delimiter == c.delimiter);
  }
}

TEST_CASE("binary input is one clear fatal error") {
  const std::string zip = std::string("PK\x03\x04", 4) + std::string(100, '\0');
  try {
    ingest_bytes(zip);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == "binary_data");
    CHECK(std::string(e.what()) == "the input is not a text table (zip or xlsx); export it as csv");
  }
  try {
    ingest_bytes("\xEF\xBB\xBF\r\n\r\n");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == "empty_input");
  }
}
