#pragma once
// Decimal digits read 8 at a time (SWAR), for ids and amounts: the interner
// keys short decimal ids by their number, normalize_id passes digits-only ids
// through untouched, and parse_number reads the usual short amount without a
// loop.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace kpikit::detail {

// A word of 8 ASCII '0' digits.
constexpr std::uint64_t kZeroDigits = 0x3030303030303030ULL;

// The n (1..8) bytes at p as a word, right-aligned behind '0' bytes: byte 0
// holds the most significant digit position ("7.74" -> "00007.74"). Fixed-size
// loads only: WebAssembly calls memcpy for a variable size. For n < 8 two loads
// that overlap (the first and the last 4 or 2 bytes; the overlapping bytes are
// equal, so OR keeps them), never reading past p + n.
inline std::uint64_t right_aligned_word(const char* p, std::size_t n) noexcept {
  std::uint64_t x = 0;
  if (n == 8) {
    std::memcpy(&x, p, 8);
    return x;
  }
  if (n >= 4) {
    std::uint32_t head = 0, tail = 0;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, p + n - 4, 4);
    x = head | (static_cast<std::uint64_t>(tail) << (8 * (n - 4)));
  } else if (n >= 2) {
    std::uint16_t head = 0, tail = 0;
    std::memcpy(&head, p, 2);
    std::memcpy(&tail, p + n - 2, 2);
    x = head | (static_cast<std::uint64_t>(tail) << (8 * (n - 2)));
  } else {
    x = static_cast<unsigned char>(p[0]);
  }
  return (x << (8 * (8 - n))) | (kZeroDigits >> (8 * n));
}

// 0x80 in each byte of x that is not an ASCII digit, 0 in the others.
inline std::uint64_t non_digit_bytes(std::uint64_t x) noexcept {
  constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  // A digit byte becomes 0x33 (high nibble 3, and 3 again after adding 6);
  // a carry out of a byte >= 0xFA only meets bytes that are flagged already.
  const std::uint64_t y = ((x & 0xF0F0F0F0F0F0F0F0ULL) | (((x + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) ^
                          0x3333333333333333ULL;
  return (((y & kLow7) + kLow7) | y) & ~kLow7;  // high bit set exactly for the non-zero bytes
}

// The value of a word of 8 digit bytes, most significant first (as simdjson's
// parse_eight_digits: pairs, then quads, then the whole, by three multiplications).
inline std::uint64_t eight_digits_value(std::uint64_t x) noexcept {
  x = ((x & 0x0F0F0F0F0F0F0F0FULL) * 2561) >> 8;
  x = ((x & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;
  return ((x & 0x0000FFFF0000FFFFULL) * 42949672960001ULL) >> 32;
}

// The 8 decimal digits of v (< 10^8, with leading zeros) as ASCII bytes of a
// little-endian word, the most significant digit in byte 0: the reverse of
// eight_digits_value, without a loop. v splits into two groups of 4 digits,
// each of those into 2 of 2, each of those into 2 digits, every split of all
// lanes by one multiplication (x * 10486 >> 20 is x / 100 for x < 10^4, and
// x * 103 >> 10 is x / 10 for x < 100; no lane's product reaches the next).
inline std::uint64_t eight_digit_bytes(std::uint32_t v) noexcept {
  const std::uint64_t fours = (v / 10000) | (static_cast<std::uint64_t>(v % 10000) << 32);
  const std::uint64_t high_pairs = ((fours * 10486) >> 20) & 0x0000007F0000007FULL;
  const std::uint64_t pairs = ((fours - 100 * high_pairs) << 16) | high_pairs;
  const std::uint64_t tens = ((pairs * 103) >> 10) & 0x000F000F000F000FULL;
  const std::uint64_t digits = tens | ((pairs - 10 * tens) << 8);
  return digits | kZeroDigits;
}

// The value of 1..8 decimal digits at p, 8 bytes at a time (SWAR). False when
// some byte is not a digit. Byte order: little-endian (x86, WebAssembly).
inline bool digits_value(const char* p, std::size_t n, std::uint64_t& value) noexcept {
  if (n == 0) return false;
  const std::uint64_t x = right_aligned_word(p, n);
  if (non_digit_bytes(x) != 0) return false;
  value = eight_digits_value(x);
  return true;
}

// The powers of ten that a short plain number's mantissa is divided by.
inline constexpr double kDecimalScale[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};

// The usual amount, read without a loop: 1..8 characters, digits with at most
// one decimal separator ('.', and ',' when comma_decimal) that has digits after
// it: "7.74", "1299", "12,5". Gives its digits without the separator as a word
// of 8 ASCII digits, right-aligned behind '0' bytes ("7.74" gives "00000774":
// eight_digits_value of it is the mantissa 774, exact in a double), and the
// number of digits after the separator (decimals, 0..7). The amount's value,
// mantissa / kDecimalScale[decimals] (one correctly rounded division), is
// what parse_number gives. False (the caller's general path decides) for
// anything else: signs, spaces, currency, grouping, more characters, and
// "1.234" (3 decimals after 1..3 digits: a thousands separator or not, the
// general path's question). Always inlined where it is called (the line
// reader, where a call would cost as much as the reading); the line reader
// keeps the word and reads its value later, a block of lines at a time, so
// that no line waits for the multiplications.
[[gnu::always_inline]] inline bool short_plain_digits_here(const char* p, std::size_t n, bool comma_decimal,
                                                           std::uint64_t& digits, int& decimals) noexcept {
  if (n == 0 || n > 8) return false;
  const std::uint64_t x = right_aligned_word(p, n);
  const std::uint64_t other = non_digit_bytes(x);
  if (other == 0) {
    digits = x;
    decimals = 0;
    return true;
  }
  if ((other & (other - 1)) != 0) return false;  // more than one non-digit
  const int at = __builtin_ctzll(other) >> 3;  // byte index of the separator
  const char separator = static_cast<char>(x >> (8 * at));
  if (separator != '.' && !(comma_decimal && separator == ',')) return false;
  const int after_separator = 7 - at;
  const int integer_digits = static_cast<int>(n) - 1 - after_separator;
  if (after_separator == 0 || (after_separator == 3 && integer_digits <= 3)) return false;
  // Take the separator out: the bytes before it move up one, a '0' comes in front.
  const std::uint64_t before = x & ((std::uint64_t{1} << (8 * at)) - 1);
  const std::uint64_t after = x & ~((std::uint64_t{1} << (8 * at + 8)) - 1);
  digits = (before << 8) | after | 0x30;
  decimals = after_separator;
  return true;
}

// short_plain_digits_here's value ("7.74" gives 7.74), always inlined.
[[gnu::always_inline]] inline bool short_plain_number_here(const char* p, std::size_t n, bool comma_decimal,
                                                           double& out) noexcept {
  std::uint64_t digits = 0;
  int decimals = 0;
  if (!short_plain_digits_here(p, n, comma_decimal, digits, decimals)) return false;
  out = static_cast<double>(static_cast<std::int64_t>(eight_digits_value(digits))) / kDecimalScale[decimals];
  return true;
}

inline bool short_plain_number(std::string_view s, bool comma_decimal, double& out) noexcept {
  return short_plain_number_here(s.data(), s.size(), comma_decimal, out);
}

// The value of 1..18 decimal digits, else false. decimal_value_here: the
// same, always inlined where it is called.
[[gnu::always_inline]] inline bool decimal_value_here(const char* p, std::size_t n, std::uint64_t& value) noexcept {
  if (n == 0 || n > 18) return false;
  // A head of 1..8 digits, then blocks of 8.
  std::size_t at = n % 8 == 0 ? 8 : n % 8;
  std::uint64_t v = 0;
  if (!digits_value(p, at, v)) return false;
  for (; at < n; at += 8) {
    std::uint64_t block = 0;
    if (!digits_value(p + at, 8, block)) return false;
    v = v * 100000000ULL + block;
  }
  value = v;
  return true;
}

inline bool decimal_value(std::string_view s, std::uint64_t& value) noexcept {
  return decimal_value_here(s.data(), s.size(), value);
}

// An id's number when the id is 1..18 decimal digits, else nullopt.
// normalize_id reports it and the interners key by it (given by the caller
// that has read it already), so the usual id is read once.
using IdNumber = std::optional<std::uint64_t>;

inline IdNumber id_number(std::string_view s) noexcept {
  std::uint64_t v = 0;
  return decimal_value(s, v) ? IdNumber(v) : std::nullopt;
}

}  // namespace kpikit::detail
