// StringPool: texts back to back in one buffer (src/data/string_pool.h).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "data/string_pool.h"

using kpikit::StringPool;

TEST_CASE("StringPool keeps texts in order, including empty texts, NUL bytes and multi-byte characters") {
  StringPool p;
  CHECK(p.empty());
  p.push_back("anna@example.com");
  p.push_back("");
  p.push_back(std::string("a\0b", 3));
  p.push_back("Müller");
  REQUIRE(p.size() == 4);
  CHECK(p[0] == "anna@example.com");
  CHECK(p[1].empty());
  CHECK(p[2].size() == 3);
  CHECK(p[2] == std::string_view("a\0b", 3));
  CHECK(p[3] == "Müller");  // 7 bytes in UTF-8
  CHECK(p.text_bytes() == 16 + 0 + 3 + 7);
  CHECK(p.to_vector() == std::vector<std::string>{"anna@example.com", "", std::string("a\0b", 3), "Müller"});
}

TEST_CASE("StringPool texts survive the buffer growing, and pools compare by content") {
  StringPool p;
  for (int i = 0; i < 100000; ++i) p.push_back("customer-" + std::to_string(i));
  CHECK(p[0] == "customer-0");
  CHECK(p[54321] == "customer-54321");
  CHECK(p[99999] == "customer-99999");
  StringPool q = {"x", "yz"};
  CHECK(q == StringPool{"x", "yz"});
  CHECK_FALSE(q == StringPool{"xy", "z"});  // same bytes, different split
  CHECK(q == std::vector<std::string>{"x", "yz"});
  CHECK_FALSE(q == std::vector<std::string>{"x"});
  q.clear();
  CHECK(q.empty());
}

TEST_CASE("StringPool: texts longer than a block, texts across block boundaries, and the 16 MiB limit") {
  StringPool p;
  const std::string big(3 * 1024 * 1024 + 5, 'b');  // takes 4 slots of 1 MiB
  const std::string mid(700 * 1024, 'm');           // two of these do not fit one 1 MiB block
  p.push_back("first");
  p.push_back(big);
  p.push_back("after-big");
  p.push_back(mid);
  p.push_back(mid + "2");
  p.push_back("");
  p.push_back("last");
  REQUIRE(p.size() == 7);
  CHECK(p[0] == "first");
  CHECK(p[1].size() == big.size());
  CHECK(p[1] == big);
  CHECK(p[2] == "after-big");
  CHECK(p[3] == mid);
  CHECK(p[4] == mid + "2");
  CHECK(p[5].empty());
  CHECK(p[6] == "last");
  CHECK(p.text_bytes() == 5 + big.size() + 9 + mid.size() + mid.size() + 1 + 0 + 4);
  const std::string_view before = p[0];
  for (int i = 0; i < 300000; ++i) p.push_back("grow-" + std::to_string(i));  // many new blocks
  CHECK(before == "first");  // blocks never move: an earlier view stays valid
  CHECK(p[7 + 299999] == "grow-299999");
  CHECK_THROWS_AS(p.push_back(std::string(StringPool::kMaxText + 1, 'x')), kpikit::Error);
  CHECK(p.size() == 7 + 300000);  // the refused text left no trace
}

TEST_CASE("StringPool copies compare equal and grow on their own") {
  StringPool a = {"x", "y"};
  StringPool b = a;
  b.push_back("z");
  CHECK(a.size() == 2);
  CHECK(b.to_vector() == std::vector<std::string>{"x", "y", "z"});
  CHECK(a[1] == "y");
}

TEST_CASE("StringPool keeps texts of every length up to 40 bytes whole, next to one another") {
  // Short texts are copied by fixed-size words that overlap; each length's
  // text must come back whole, and its neighbours untouched.
  StringPool p;
  std::vector<std::string> texts;
  for (int round = 0; round < 3; ++round) {
    for (std::size_t n = 0; n <= 40; ++n) {
      std::string t(n, ' ');
      for (std::size_t i = 0; i < n; ++i) t[i] = static_cast<char>('a' + (i + n + static_cast<std::size_t>(round)) % 26);
      texts.push_back(t);
      p.push_back(t);
    }
  }
  CHECK(p == texts);
}
