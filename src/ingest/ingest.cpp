#include "ingest/ingest.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>
#include <unordered_map>
#include <unordered_set>

#include "core/affixes.h"
#include "core/error.h"
#include "core/same_text.h"
#include "data/keep_lines.h"
#include "ingest/decimal_digits.h"
#include "ingest/interner.h"

namespace kpikit {

const char* role_name(Role r) noexcept {
  switch (r) {
    case Role::customer: return "customer";
    case Role::order: return "order";
    case Role::date: return "date";
    case Role::amount: return "amount";
    case Role::quantity: return "quantity";
    case Role::unit_price: return "unit_price";
    case Role::product: return "product";
    case Role::channel: return "channel";
    case Role::segment: return "segment";
    case Role::cost: return "cost";
    case Role::margin: return "margin";
    case Role::tenure: return "tenure";
    case Role::churn: return "churn";
    case Role::monthly_revenue: return "monthly_revenue";
    case Role::start_date: return "start_date";
    case Role::end_date: return "end_date";
    case Role::status: return "status";
    case Role::none: break;
  }
  return "none";
}

std::optional<Role> role_from_name(std::string_view name) noexcept {
  for (int i = 0; i <= static_cast<int>(Role::status); ++i) {
    const auto r = static_cast<Role>(i);
    if (name == role_name(r)) return r;
  }
  return std::nullopt;
}

const char* value_type_name(ValueType t) noexcept {
  switch (t) {
    case ValueType::integer: return "integer";
    case ValueType::number: return "number";
    case ValueType::date: return "date";
    case ValueType::flag: return "flag";
    case ValueType::text: return "text";
    case ValueType::empty: break;
  }
  return "empty";
}

namespace {

// The English sentence of each column reason code; {0}, {1}, {2} are its args.
constexpr std::pair<const char*, const char*> kColumnReasons[] = {
    {"user", "set by the user"},
    {"header_names", "header \"{0}\" names the {1}"},
    {"header_contains", "header \"{0}\" contains \"{1}\""},
    {"shopify_name", "Shopify export: \"Name\" is the order; its line items share it"},
    {"shopify_total", "Shopify export: \"{0}\" stands on an order's first line only, with shipping and taxes; the amount is each line item's quantity x price"},
    {"first_dates", "first column holding dates"},
    {"first_repeated_ids", "first id-like column with repeated values"},
    {"last_decimals", "last column of decimal numbers"},
    {"amount_from_price", "amount = {0} x {1}"},
    {"segment_candidate", "{0} distinct values: a candidate segment"},
    {"emails", "e-mail addresses: they name customers, they are not groups"},
    {"guest_emails", "e-mail addresses: the customer of a row whose \"{0}\" is 0 or blank (guest orders)"},
    {"personal_data", "a person's name, address or phone: personal data, never a segment"},
    {"named_too", "header \"{0}\" names the {1} too; \"{2}\" is used for it"},
    {"not_needed", "header \"{0}\" names the {1}; not needed: \"{2}\" holds the line's amount"},
    {"not_in_order_list", "header \"{0}\" names the {1}; not used in an order list"},
    {"not_in_customer_list", "header \"{0}\" names the {1}; not used in a customer list"},
    {"not_used", "not used"},
};

}  // namespace

std::string column_reason_text(const ColumnReason& why) {
  for (const auto& [code, sentence] : kColumnReasons) {
    if (why.code != code) continue;
    std::string out;
    for (const char* p = sentence; *p != '\0'; ++p) {
      const std::size_t k = p[0] == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}' ? static_cast<std::size_t>(p[1] - '0') : 9;
      if (k < why.args.size()) {
        out += why.args[k];
        p += 2;
      } else {
        out += *p;
      }
    }
    return out;
  }
  return why.code;
}

const char* mode_name(IngestMode m) noexcept {
  return m == IngestMode::orders ? "orders" : m == IngestMode::customers ? "customers" : m == IngestMode::table ? "table" : "auto";
}
const char* decimal_style_name(DecimalStyle s) noexcept {
  return s == DecimalStyle::point ? "point" : s == DecimalStyle::comma ? "comma" : "auto";
}
const char* date_order_name(DateOrder o) noexcept {
  return o == DateOrder::dmy ? "dmy" : o == DateOrder::mdy ? "mdy" : "auto";
}

namespace detail {
namespace {

constexpr int kRoleCount = static_cast<int>(Role::status) + 1;
constexpr std::size_t kSampleRows = 2000;
constexpr std::size_t kMaxSegments = 8;           // orders mode: 4 bytes per line each
constexpr std::size_t kMaxCustomerSegments = 32;  // customer lists are small
constexpr std::size_t kSegmentMaxDistinct = 50;

// Stable codes of skip reasons and warnings (pointers compared, see Counter).
constexpr const char* kNoCustomer = "no_customer_id";
constexpr const char* kNoDate = "no_date";
constexpr const char* kBadDate = "bad_date";
constexpr const char* kNoAmount = "no_amount";
constexpr const char* kBadAmount = "bad_amount";
constexpr const char* kZeroAmount = "zero_amount";
constexpr const char* kDuplicate = "duplicate";
constexpr const char* kCancelledOrder = "cancelled_order";
constexpr const char* kTotalsRow = "totals_row";
constexpr const char* kDuplicateCustomer = "duplicate_customer";
constexpr const char* kBadTenure = "bad_tenure";
constexpr const char* kBadChurn = "bad_churn";
constexpr const char* kTooFew = "too_few_fields";
constexpr const char* kTooMany = "too_many_fields";
constexpr const char* kBadMargin = "bad_margin";

// Exact counts per code, codes being the constants above.
class Counter {
 public:
  void add(const char* code, std::uint64_t n = 1) {
    for (auto& [c, count] : counts_) {
      if (c == code) {
        count += n;
        return;
      }
    }
    counts_.emplace_back(code, n);
  }
  void export_to(std::map<std::string, std::uint64_t>& out) const {
    for (const auto& [c, count] : counts_) out[c] += count;
  }

 private:
  std::vector<std::pair<const char*, std::uint64_t>> counts_;
};

class CollectRows : public RecordSink {
 public:
  void on_record(const RecordView& r) override {
    ++records;
    if (rows.size() >= kSampleRows + 25) return;
    std::vector<std::string> row;
    row.reserve(r.size());
    for (std::size_t i = 0; i < r.size(); ++i) row.emplace_back(r.field(i));
    rows.push_back(std::move(row));
  }
  std::vector<std::vector<std::string>> rows;  // the first kSampleRows + 25 records
  std::size_t records = 0;                     // all records of the text
};

// Header text reduced for matching: ASCII lower case, umlauts folded, only [a-z0-9].
std::string normalize_header(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      const char* rep = d == 0xA4 || d == 0x84 ? "ae" : d == 0xB6 || d == 0x96 ? "oe"
                        : d == 0xBC || d == 0x9C ? "ue" : d == 0x9F ? "ss" : "";
      out += rep;
      ++i;
      continue;
    }
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(static_cast<char>(c));
  }
  return out;
}

struct Synonyms {
  Role role;
  std::vector<const char*> exact;  // normalized header names, best first
  std::vector<const char*> stems;  // substrings, best first
};

// The header vocabulary (normalized). Documented in docs/ingestion.md.
const std::vector<Synonyms>& synonyms() {
  static const std::vector<Synonyms> table = {
      {Role::customer,
       {"kundennummer", "kundennr", "kundenid", "kdnr", "customerid", "customerno", "customernumber", "customer",
        "kunde", "clientid", "client", "debitor", "debitorennummer", "email", "emailadresse", "customeremail",
        "mail", "userid", "memberid", "accountid", "contactid", "buyerid", "id"},
       {"kundennr", "kundenid", "kunde", "customer", "client", "email"}},
      {Role::order,
       {"bestellnummer", "bestellnr", "bestellid", "auftragsnummer", "auftragsnr", "rechnungsnummer", "rechnungsnr",
        "belegnummer", "belegnr", "invoiceno", "invoicenumber", "invoiceid", "invoice", "orderid", "ordernumber",
        "orderno", "order", "bestellung", "transactionid", "transaktionsid", "receiptid"},
       {"bestellnr", "bestellnummer", "rechnungsnr", "invoiceno", "orderid", "ordernumber"}},
      {Role::date,
       {"bestelldatum", "rechnungsdatum", "kaufdatum", "auftragsdatum", "belegdatum", "datum", "orderdate",
        "invoicedate", "purchasedate", "transactiondate", "createdat", "orderedat", "date", "created", "paidat",
        "zeitstempel", "timestamp", "day", "tag"},
       {"datum", "date"}},
      {Role::amount,
       {"umsatz", "betrag", "gesamtbetrag", "rechnungsbetrag", "bruttobetrag", "nettobetrag", "umsatzbrutto",
        "umsatznetto", "gesamt", "summe", "total", "amount", "revenue", "sales", "ordertotal", "totalprice",
        "linetotal", "dollarvalue", "value", "wert"},
       {"umsatz", "betrag", "amount", "revenue", "summe", "total", "dollar"}},
      {Role::quantity,
       {"menge", "anzahl", "stueck", "stueckzahl", "quantity", "qty", "lineitemquantity", "units", "numberofcds"},
       {"menge", "anzahl", "quantity", "qty"}},
      {Role::unit_price,
       {"einzelpreis", "stueckpreis", "preis", "unitprice", "price", "lineitemprice", "itemprice", "priceeach"},
       {"einzelpreis", "unitprice", "preis", "price"}},
      {Role::product,
       {"kategorie", "produktkategorie", "warengruppe", "category", "productcategory", "produkt", "produktname",
        "product", "productname", "artikel", "artikelname", "artikelnummer", "artikelnr", "productid", "stockcode",
        "sku", "lineitemsku", "lineitemname", "item", "itemname"},
       {"kategorie", "category", "produkt", "product", "artikel"}},
      {Role::channel,
       {"kanal", "vertriebskanal", "marketingkanal", "quelle", "channel", "saleschannel", "source", "utmsource",
        "referringsite", "referrer", "medium"},
       {"kanal", "channel", "quelle", "source"}},
      {Role::cost, {"kosten", "einstandspreis", "wareneinsatz", "cost", "cogs", "costofgoods"}, {"kosten", "cost"}},
      {Role::margin,
       {"marge", "deckungsbeitrag", "rohertrag", "margin", "grossmargin", "profit", "gewinn"},
       {"marge", "margin", "deckungsbeitrag"}},
      {Role::tenure,
       {"tenure", "laufzeit", "vertragsdauer", "kundendauer", "monate", "months", "tenuremonths", "dauer"},
       {"tenure", "laufzeit", "vertragsdauer"}},
      {Role::churn,
       {"churn", "churned", "gekuendigt", "kuendigung", "abgewandert", "exited", "cancelled", "canceled"},
       {"churn", "gekuendigt"}},
      {Role::monthly_revenue,
       {"monthlycharges", "monthlyrevenue", "monthlyfee", "mrr", "monatsbeitrag", "monatlicherbeitrag",
        "monatsumsatz", "grundgebuehr"},
       {"monthly", "monats"}},
      {Role::start_date,
       {"startdatum", "vertragsbeginn", "beginn", "startdate", "start", "signupdate", "kundeseit", "customersince",
        "eintrittsdatum", "eintritt", "mitgliedseit", "membersince", "anmeldedatum", "registrierungsdatum",
        "registriertam", "registrationdate", "signedupat"},
       {"beginn", "startdat", "kundeseit", "eintritt", "mitgliedseit"}},
      {Role::end_date,
       {"enddatum", "vertragsende", "kuendigungsdatum", "enddate", "end", "canceldate", "churndate", "ende",
        "gekuendigtam", "gekuendigtzum", "kuendigungzum", "austrittsdatum", "austritt",
        "kundebis", "abmeldedatum", "cancelledat", "canceledat", "churnedat"},
       {"vertragsende", "kuendigungsdat", "enddat", "churndate", "gekuendigtam", "gekuendigtzum", "austritt"}},
      // Not the stem "status" alone: "Kundenstatus" is a segment.
      {Role::status,
       {"bestellstatus", "orderstatus", "status", "financialstatus", "zahlungsstatus", "auftragsstatus",
        "paymentstatus", "orderstate"},
       {"bestellstatus", "orderstatus", "financialstatus", "zahlungsstatus", "paymentstatus"}},
  };
  return table;
}

// The first bytes of text, at most max, ending on a whole UTF-8 character.
std::string_view utf8_prefix(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

// Whether a customer id is the label of a spreadsheet's totals row ("Summe",
// "Gesamt", "Total:", "Grand total", "Σ"), ignoring ASCII case and a trailing
// colon: such a row adds up the others and is no customer.
bool is_totals_label(std::string_view id) {
  if (!id.empty() && id.back() == ':') id.remove_suffix(1);
  static const char* const kLabels[] = {"summe", "gesamt", "gesamtsumme", "endsumme", "total", "totals", "grand total",
                                        "sum", "\xCE\xA3", "\xE2\x88\x91"};
  return std::any_of(std::begin(kLabels), std::end(kLabels), [&](const char* label) { return iequals(id, label); });
}

// Whether an order or payment status (normalized like a header: "Wc-Cancelled"
// -> "wccancelled") says the order is not a purchase: it did not happen, was
// paid back (also returned) or is not paid (WooCommerce's and Shopify's statuses, Shopware's
// German ones): it contains one of the words below ("wc-cancelled",
// "Zahlung fehlgeschlagen"). Partial refunds ("partially refunded",
// "teilweise erstattet") are purchases: the refunded part is not known.
bool status_means_cancelled(const std::string& status) {
  static const char* const kWords[] = {"cancel",   "storn",     "annull",   "abgebrochen", "refunded", "erstattet",
                                       "void",     "failed",    "fehlgeschlagen", "declined", "abgelehnt", "trash",
                                       "deleted",  "geloescht", "pending",  "ausstehend", "returned", "retour",
                                       "ruecksendung"};
  if (status.find("partial") != std::string::npos || status.find("teilweise") != std::string::npos) return false;
  for (const char* word : kWords) {
    if (status.find(word) != std::string::npos) return true;
  }
  return false;
}

// The role whose vocabulary names a header (normalized) exactly, among the
// roles whose columns hold ids, dates or amounts (not product, channel, churn,
// status: their values are groups); Role::none otherwise. Such
// a column is never a candidate segment, even when it is not used (a second
// customer id such as E-Mail, Menge beside an amount column): its values are
// not groups. Only exact names count: "Kundengruppe" contains "kunde" and is
// a fine segment.
Role value_role_named(const std::string& norm) {
  for (const Synonyms& s : synonyms()) {
    if (s.role == Role::product || s.role == Role::channel || s.role == Role::churn || s.role == Role::status) continue;
    for (const char* name : s.exact) {
      if (norm == name) return s.role;
    }
  }
  return Role::none;
}

// Whether a header (normalized) names a person's name, address or phone
// (Vorname, Billing Name, Straße, Telefon, Firma …): personal data, never a
// candidate segment, however few distinct values the sample holds (a segment
// table per first name or street would list people, not groups). "Name" alone
// counts; a compound naming something else ("Produktname", "Kampagnenname")
// does not. The user can still pick such a column as a segment.
bool names_personal_data(const std::string& norm) {
  static const char* const kExact[] = {"name",         "fullname",       "kundenname",      "customername",
                                       "billingname",  "shippingname",   "contactname",     "ansprechpartner",
                                       "firma",        "firmenname",     "company",         "companyname",
                                       "billingcompany", "shippingcompany", "tel",          "mobil",
                                       "mobile",       "iban"};
  // Endings, after any trailing digits ("Address1", "BillingFirstName",
  // "MobilePhone"); not "PhoneService" or "Telefonie", which are services.
  static const char* const kEndings[] = {"vorname", "nachname", "firstname", "lastname", "surname",
                                         "strasse", "street",   "address",   "adresse",  "anschrift",
                                         "phone",   "phonenumber", "telefon", "telefonnummer", "fax", "handy"};
  std::string_view base = norm;
  while (!base.empty() && base.back() >= '0' && base.back() <= '9') base.remove_suffix(1);
  return std::any_of(std::begin(kExact), std::end(kExact), [&](const char* n) { return norm == n; }) ||
         std::any_of(std::begin(kEndings), std::end(kEndings), [&](const char* e) { return ends_with(base, e); });
}

// What the sample says about one column.
struct ColumnStats {
  std::size_t rows = 0;   // sample rows that reach this column
  std::size_t zeros = 0;  // cells that are exactly "0" (WooCommerce's customer id of a guest order)
  std::size_t nonempty = 0, numbers = 0, integral = 0, dates = 0, flags = 0, serial_range = 0;
  std::size_t comma_evidence = 0, point_evidence = 0;
  std::unordered_set<std::string> distinct;
  bool distinct_capped = false;
  ValueType type = ValueType::empty;
};

// Evidence for the decimal separator from one numeric-looking value:
// +1 comma, -1 point, 0 undecided ("1.234" or "1,234" or no separator).
int decimal_evidence(std::string_view v) {
  const std::size_t dot = v.rfind('.'), comma = v.rfind(',');
  if (dot == std::string_view::npos && comma == std::string_view::npos) return 0;
  if (dot != std::string_view::npos && comma != std::string_view::npos) return comma > dot ? 1 : -1;
  const std::size_t pos = dot != std::string_view::npos ? dot : comma;
  std::size_t digits = 0;
  for (std::size_t i = pos + 1; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) ++digits;
  if (digits == 3) return 0;
  if (digits == 0) return 0;
  return comma != std::string_view::npos ? 1 : -1;
}

// Whether most of a column's distinct sample values are e-mail addresses
// (hold an @): ids, never a segment, whatever the header says.
bool holds_emails(const ColumnStats& st) {
  std::size_t at = 0;
  for (const std::string& v : st.distinct) at += v.find('@') != std::string::npos;
  return at > 0 && at * 2 >= st.distinct.size();
}

ColumnStats column_stats(const std::vector<std::vector<std::string>>& rows, std::size_t first, std::size_t col) {
  ColumnStats st;
  for (std::size_t r = first; r < rows.size(); ++r) {
    if (col >= rows[r].size()) continue;
    ++st.rows;
    const std::string_view v = trim_value(rows[r][col]);
    if (v.empty()) continue;
    ++st.nonempty;
    st.zeros += v == "0";
    if (!st.distinct_capped) {
      st.distinct.emplace(v);
      if (st.distinct.size() > 1000) st.distinct_capped = true;
    }
    DateToken t;
    if (scan_date(v, t)) ++st.dates;
    if (parse_flag(v)) ++st.flags;
    // Spaces as thousands separators are ambiguous with other text; test both styles.
    std::optional<double> x = parse_number(v, DecimalStyle::point);
    if (!x) x = parse_number(v, DecimalStyle::comma);
    if (x) {
      ++st.numbers;
      if (*x == std::floor(*x)) ++st.integral;
      if (*x >= 20000 && *x <= 80000) ++st.serial_range;
      const int e = decimal_evidence(v);
      st.comma_evidence += e > 0;
      st.point_evidence += e < 0;
    }
  }
  const double n = static_cast<double>(st.nonempty);
  const std::size_t distinct = st.distinct.size();
  if (st.nonempty == 0) {
    st.type = ValueType::empty;
  } else if (static_cast<double>(st.dates) >= 0.9 * n) {
    st.type = ValueType::date;
  } else if (static_cast<double>(st.numbers) >= 0.9 * n) {
    st.type = st.integral == st.numbers ? ValueType::integer : ValueType::number;
  } else if (static_cast<double>(st.flags) >= 0.95 * n && distinct <= 2) {
    st.type = ValueType::flag;
  } else {
    st.type = ValueType::text;
  }
  return st;
}

// Whether a column's values suit a role. A header that names the role exactly
// (strict == false) needs only values that do not contradict it, so that a
// column with some unreadable cells is still mapped and its bad rows reported.
bool type_fits(Role role, const ColumnStats& st, bool strict = true) {
  const ValueType t = st.type;
  if (!strict) {
    switch (role) {
      case Role::customer:
      case Role::order: return t != ValueType::date && t != ValueType::number;
      case Role::date:
      case Role::start_date:
      case Role::end_date: return t == ValueType::text ? st.dates * 2 >= st.nonempty : type_fits(role, st, true);
      case Role::churn: return t == ValueType::flag || t == ValueType::text || t == ValueType::empty || (t == ValueType::integer && st.distinct.size() <= 2);
      case Role::product:
      case Role::channel:
      case Role::segment: return t != ValueType::date;
      case Role::none: return false;
      default: return t != ValueType::date && t != ValueType::flag;  // numeric roles
    }
  }
  const bool numeric = t == ValueType::integer || t == ValueType::number || t == ValueType::empty;
  switch (role) {
    case Role::customer:
    case Role::order: return t != ValueType::date && t != ValueType::number;
    case Role::date: return t == ValueType::date || t == ValueType::empty || (numeric && st.serial_range == st.numbers && st.numbers > 0);
    case Role::start_date:
    case Role::end_date: return t == ValueType::date || t == ValueType::empty;
    case Role::amount:
    case Role::quantity:
    case Role::unit_price:
    case Role::cost:
    case Role::margin:
    case Role::tenure:
    case Role::monthly_revenue: return numeric;
    case Role::churn: return t == ValueType::flag || t == ValueType::empty || (t == ValueType::integer && st.distinct.size() <= 2 && st.flags == st.nonempty);
    case Role::product:
    case Role::channel:
    case Role::segment: return t != ValueType::date;
    case Role::status: return t == ValueType::text || t == ValueType::flag || t == ValueType::empty;
    case Role::none: break;
  }
  return false;
}

// A categorical column of the output, interned.
struct Category {
  int col = -1;
  CategoryColumn column;
  Interner interner;
};

// Packs a date token whose day/month order is not yet known into a Day slot.
Day pack_token(const DateToken& t) noexcept { return static_cast<Day>(t.year * 10000 + t.a * 100 + t.b); }
DateToken unpack_token(Day v) noexcept { return DateToken{v / 10000, v / 100 % 100, v % 100, false}; }

}  // namespace

class SessionImpl : public RecordSink {
 public:
  explicit SessionImpl(IngestOptions options) : opts_(std::move(options)) {}

  void feed(const std::uint8_t* data, std::size_t size) {
    if (finished_) throw Error("session_finished", "the session has already finished");
    r_.bytes_read += size;
    if (!decided_) {
      sample_.append(reinterpret_cast<const char*>(data), size);
      if (sample_.size() >= opts_.sample_bytes) decide(false);
      return;
    }
    tokenizer_->feed(decoder_->decode_view(data, size, text_), *this);
  }

  std::uint64_t rows_read() const noexcept { return r_.accounting.rows_read; }

  IngestResult finish() {
    if (finished_) throw Error("session_finished", "the session has already finished");
    if (!decided_) decide(true);
    finished_ = true;
    text_.clear();
    decoder_->finish(text_);
    tokenizer_->feed(text_, *this);
    tokenizer_->finish(*this);
    flush_customers();
    return build_result();
  }

  void on_record(const RecordView& rec) override {
    if (preamble_left_ > 0) {
      --preamble_left_;
      ++r_.accounting.preamble_lines;
      return;
    }
    if (header_pending_) {
      header_pending_ = false;
      return;
    }
    const std::uint64_t row = ++r_.accounting.rows_read;
    if (row <= opts_.preview_rows) {  // the preview holds the first rows read
      std::vector<std::string> cells;
      for (std::size_t i = 0; i < rec.size(); ++i) cells.emplace_back(rec.field(i));
      r_.preview.push_back(std::move(cells));
    }
    check_shape(rec, row);
    if (r_.mode == IngestMode::table) {
      ++used_;
      return;
    }
    if (opts_.skip_duplicates && is_duplicate(rec)) return skip(kDuplicate, "exact repeat of an earlier row", row, -1);
    if (r_.mode == IngestMode::customers) {
      customer_row(rec, row);
    } else {
      order_row(rec, row);
    }
  }

  // The usual order lines are read by read_lines (see plain_rows_open); the
  // tokenizer hands every other record to on_record.

 private:
  // ---- detection -------------------------------------------------------
  void decide(bool at_end) {
    decided_ = true;
    const auto* raw = reinterpret_cast<const std::uint8_t*>(sample_.data());
    std::size_t n = sample_.size();
    EncodingGuess eg = detect_encoding(raw, n, at_end);
    if (opts_.encoding != Encoding::auto_detect) {
      if (opts_.encoding != eg.encoding) eg.bom_size = 0;
      eg.encoding = opts_.encoding;
      eg.reason = "set by the user";
    }
    std::string kind;
    if (eg.encoding != Encoding::utf16le && eg.encoding != Encoding::utf16be && looks_binary(raw, n, kind)) {
      throw Error("binary_data", "the input is not a text table (" + kind + "); export it as csv");
    }
    r_.encoding = eg.encoding;
    r_.encoding_reason = eg.reason;
    decoder_ = std::make_unique<TextDecoder>(eg.encoding, opts_.encoding == Encoding::auto_detect);
    std::string text;
    decoder_->decode(raw + eg.bom_size, n - eg.bom_size, text);
    if (at_end) decoder_->finish(text);
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    // Only spaces, tabs and line breaks (blank lines) count as empty too.
    if (at_end && text.find_first_not_of(" \t\r\n") == std::string::npos) {
      throw Error("empty_input", "the input is empty");
    }
    choose_dialect(text, at_end);
    CollectRows rows;
    {
      Tokenizer sample_tok(r_.dialect);
      sample_tok.feed(text, rows);
      if (at_end) sample_tok.finish(rows);
      // Detection looks at the sample's first lines only; a quote later in it counts too.
      r_.quotes_seen = r_.quotes_seen || sample_tok.quoted_fields() > 0;
    }
    // The last record of a cut sample may be incomplete; keep it only at the end of input.
    if (!at_end && rows.rows.size() > 1) rows.rows.pop_back();
    if (rows.rows.size() > kSampleRows) rows.rows.resize(kSampleRows);
    find_preamble(rows.rows);
    rows.rows.erase(rows.rows.begin(), rows.rows.begin() + static_cast<std::ptrdiff_t>(preamble_left_));
    choose_header(rows.rows);
    map_columns(rows.rows);
    header_pending_ = r_.header;
    reserve_columns(text.size(), rows.records);  // the sample may be a whole first chunk, beyond the rows kept
    tokenizer_ = std::make_unique<Tokenizer>(r_.dialect);
    sample_.clear();
    sample_.shrink_to_fit();
    tokenizer_->feed(text, *this);
  }

  // With IngestOptions::size_hint, reserve the columns for the expected rows
  // (estimated from the sample's bytes per row) to avoid regrowing them.
  void reserve_columns(std::size_t sample_text, std::size_t sample_rows) {
    if (opts_.size_hint == 0 || sample_rows == 0 || r_.mode != IngestMode::orders) return;
    const double per_row = static_cast<double>(sample_text) / static_cast<double>(sample_rows);
    const auto rows = static_cast<std::size_t>(static_cast<double>(opts_.size_hint) / std::max(per_row, 8.0) * 1.05);
    OrderLines& o = r_.orders;
    try {
      o.customer.reserve(rows);
      o.day.reserve(rows);
      o.amount.reserve(rows);
      o.kind.reserve(rows);
      if (col(Role::order) >= 0) o.order.reserve(rows);
      if (product_.col >= 0) product_.column.code.reserve(rows);
      if (channel_.col >= 0) channel_.column.code.reserve(rows);
      for (auto& seg : segments_) seg.column.code.reserve(rows);
    } catch (const std::exception&) {  // std::bad_alloc, or std::length_error beyond max_size()
      // The estimate is only a hint (the sample's rows may be shorter than the rest):
      // without the room, the columns grow as the rows come, and the memory ceiling, if
      // it is really reached, ends the read there with out_of_memory.
      release(o.customer);
      release(o.day);
      release(o.amount);
      release(o.kind);
      release(o.order);
      release(product_.column.code);
      release(channel_.column.code);
      for (auto& seg : segments_) release(seg.column.code);
    }
  }

  template <class T>
  static void release(std::vector<T>& v) noexcept {
    std::vector<T>().swap(v);
  }
  template <class Codec>
  static void release(NarrowColumn<Codec>& v) noexcept { v.release(); }

  void choose_dialect(std::string_view text, bool at_end) {
    DialectGuess g = detect_dialect(text, at_end, opts_.comment);
    Dialect& d = g.dialect;
    std::string reason = g.reason;
    if (!opts_.delimiter.empty()) {
      const std::string& s = opts_.delimiter;
      d.whitespace = s == "whitespace";
      d.delimiter = s == "tab" || s == "\\t" ? '\t' : s == "none" ? '\0' : d.whitespace ? ' ' : s[0];
      if (!d.whitespace && s != "none" && s != "tab" && s != "\\t" && s.size() != 1) {
        throw Error("bad_delimiter", "delimiter must be one character, \"tab\", \"whitespace\" or \"none\"", "delimiter");
      }
      reason = "set by the user";
      if (!opts_.quote) {
        // Re-detect the quote for the chosen delimiter.
        d.quote = text.find('"') != std::string_view::npos ? '"' : '\0';
      }
    }
    if (opts_.quote) {
      d.quote = *opts_.quote;
      reason += d.quote == '\0' ? "; no quoting (set by the user)" : "; quote set by the user";
    }
    d.escape = opts_.escape;
    d.comment = opts_.comment;
    r_.dialect = d;
    r_.quotes_seen = g.quotes_seen;
    r_.dialect_reason = reason;
  }

  // Title or note lines above the table: leading records much shorter than the usual row.
  void find_preamble(const std::vector<std::vector<std::string>>& rows) {
    preamble_left_ = 0;
    if (rows.size() < 3) return;
    std::map<std::size_t, std::size_t> lengths;
    for (const auto& r : rows) ++lengths[r.size()];
    std::size_t modal = 0, best = 0;
    for (const auto& [len, count] : lengths) {
      if (count > best) best = count, modal = len;
    }
    if (modal < 2) return;
    for (std::size_t i = 0; i < rows.size() && i < 20; ++i) {
      std::size_t filled = 0;
      for (const auto& f : rows[i]) filled += !trim_value(f).empty();
      const bool short_row = rows[i].size() < modal && (rows[i].size() * 2 <= modal || filled <= 1);
      const bool empty_row = filled == 0;
      if (!(short_row || empty_row)) break;
      preamble_left_ = i + 1;
    }
  }

  // How the sample writes a date column: "iso" (yyyy-mm-dd), "yyyymmdd",
  // "dd.mm.yyyy", or "a/b/yyyy" (order decided from all values in finish()).
  static std::string date_form(const std::vector<std::vector<std::string>>& rows, std::size_t first, std::size_t c) {
    for (std::size_t r = first; r < rows.size(); ++r) {
      if (c >= rows[r].size()) continue;
      const std::string_view v = trim_value(rows[r][c]);
      DateToken t;
      if (!scan_date(v, t)) continue;
      if (!t.order_fixed) return "a/b/yyyy";
      if (v.size() >= 8 && v.find_first_not_of("0123456789") == 8) return "yyyymmdd";
      if (v.size() == 8 && v.find_first_not_of("0123456789") == std::string_view::npos) return "yyyymmdd";
      return v.size() > 4 && (v[4] == '-' || v[4] == '/' || v[4] == '.') ? "iso" : "dd.mm.yyyy";
    }
    return "text";
  }

  static bool is_year(std::string_view v) {
    if (v.size() != 4) return false;
    for (char ch : v) {
      if (ch < '0' || ch > '9') return false;
    }
    return v >= "1900" && v <= "2100";
  }

  static bool column_has_years(const std::vector<std::vector<std::string>>& rows, std::size_t c) {
    std::size_t years = 0, values = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      if (c >= rows[r].size()) continue;
      const std::string_view v = trim_value(rows[r][c]);
      if (v.empty()) continue;
      ++values;
      years += is_year(v);
    }
    return years * 2 > values;
  }

  void choose_header(const std::vector<std::vector<std::string>>& rows) {
    if (opts_.header != HeaderMode::auto_detect) {
      r_.header = opts_.header == HeaderMode::present;
      r_.header_reason = "set by the user";
      return;
    }
    if (rows.empty()) {
      r_.header = false;
      r_.header_reason = "no rows";
      return;
    }
    const auto& first = rows[0];
    std::size_t synonym_hits = 0, typed_first = 0, yes = 0, no = 0;
    bool all_text = true, distinct = true;
    std::unordered_set<std::string> seen;
    for (std::size_t c = 0; c < first.size(); ++c) {
      const std::string_view v = trim_value(first[c]);
      const std::string norm = normalize_header(v);
      for (const auto& syn : synonyms()) {
        for (const char* e : syn.exact) synonym_hits += norm == e && std::strcmp(e, "id") != 0;
      }
      DateToken t;
      const bool typed = !v.empty() && (parse_number(v) || scan_date(v, t));
      typed_first += typed;
      if (v.empty() || typed) all_text = false;
      if (!seen.emplace(v).second) distinct = false;
      if (rows.size() < 2) continue;
      const ColumnStats st = column_stats(rows, 1, c);
      const bool data_typed = st.type == ValueType::integer || st.type == ValueType::number || st.type == ValueType::date;
      if (data_typed && !v.empty() && !typed) ++yes;
      // Years as column names ("1985", "1993", ...) above values that are not years.
      const bool year_name = is_year(v) && !column_has_years(rows, c);
      if (data_typed && typed && year_name) ++yes;
      if (data_typed && typed && !year_name) ++no;
    }
    if (synonym_hits > 0 && typed_first == 0) {
      r_.header = true;
      r_.header_reason = "first row holds known column names";
    } else if (yes > no) {
      r_.header = true;
      r_.header_reason = "first row is text above typed columns";
    } else if (no > 0) {
      r_.header = false;
      r_.header_reason = "first row has the same types as the data";
    } else {
      r_.header = all_text && distinct;
      r_.header_reason = r_.header ? "first row is distinct non-empty text" : "first row looks like data";
    }
  }

  int find_column(const ColumnRef& ref, const char* role) const {
    if (ref.index >= 0) {
      if (static_cast<std::size_t>(ref.index) >= r_.columns.size() && !r_.columns.empty()) {
        throw Error("no_header_column", std::string("no column ") + std::to_string(ref.index) + " for " + role, role);
      }
      return ref.index;
    }
    if (ref.name.empty()) return -1;
    for (const auto& c : r_.columns) {
      if (c.name == ref.name) return static_cast<int>(c.index);
    }
    const std::string norm = normalize_header(ref.name);
    for (const auto& c : r_.columns) {
      if (normalize_header(c.name) == norm) return static_cast<int>(c.index);
    }
    throw Error("no_header_column", "no column named \"" + ref.name + "\" for " + role, role);
  }

  void set_role(Role role, int col, ColumnReason why) {
    col_[static_cast<int>(role)] = col;
    if (col >= 0 && static_cast<std::size_t>(col) < r_.columns.size()) {
      r_.columns[static_cast<std::size_t>(col)].role = role;
      explain(static_cast<std::size_t>(col), std::move(why));
    }
  }

  void explain(std::size_t col, ColumnReason why) { r_.columns[col].why = std::move(why); }

  void map_columns(const std::vector<std::vector<std::string>>& rows) {
    // Without a header the usual (modal) row length sets the columns.
    std::map<std::size_t, std::size_t> lengths;
    for (const auto& r : rows) ++lengths[r.size()];
    std::size_t ncols = 0, most = 0;
    for (const auto& [len, count] : lengths) {
      if (count > most || (count == most && len > ncols)) most = count, ncols = len;
    }
    const std::size_t first = r_.header ? 1 : 0;
    if (r_.header && !rows.empty()) ncols = std::max<std::size_t>(rows[0].size(), 1);
    ncols_ = ncols;
    std::vector<ColumnStats> stats;
    std::size_t comma = 0, point = 0;
    for (std::size_t c = 0; c < ncols; ++c) {
      ColumnInfo info;
      info.index = c;
      info.name = r_.header && c < rows[0].size() ? std::string(trim_value(rows[0][c])) : "column_" + std::to_string(c + 1);
      stats.push_back(column_stats(rows, first, c));
      info.type = stats.back().type;
      if (info.type == ValueType::number || info.type == ValueType::integer) {
        comma += stats.back().comma_evidence;
        point += stats.back().point_evidence;
      }
      r_.columns.push_back(std::move(info));
    }
    // Decimal style of the file.
    if (opts_.decimal != DecimalStyle::auto_detect) {
      r_.decimal = opts_.decimal;
      r_.decimal_reason = "set by the user";
    } else if (comma != point) {
      r_.decimal = comma > point ? DecimalStyle::comma : DecimalStyle::point;
      r_.decimal_reason = std::to_string(std::max(comma, point)) + " values with a decimal " +
                          (comma > point ? "comma" : "point") + " against " + std::to_string(std::min(comma, point));
    } else {
      r_.decimal = r_.dialect.delimiter == ';' ? DecimalStyle::comma : DecimalStyle::point;
      r_.decimal_reason = r_.dialect.delimiter == ';' ? "no evidence; ';' delimiter suggests a decimal comma"
                                                      : "no evidence; decimal point assumed";
    }
    for (auto& c : r_.columns) {
      if (c.type == ValueType::number || c.type == ValueType::integer) c.format = decimal_style_name(r_.decimal);
    }

    std::fill(std::begin(col_), std::end(col_), -1);
    std::vector<std::string> norm(ncols);
    shopify_ = false;
    if (r_.header) {
      for (std::size_t c = 0; c < ncols; ++c) {
        norm[c] = normalize_header(r_.columns[c].name);
        shopify_ = shopify_ || norm[c] == "lineitemprice" || norm[c] == "lineitemquantity";
      }
    }
    std::vector<bool> taken(ncols, false);
    const Role order_of_roles[] = {Role::customer, Role::order,  Role::date,   Role::quantity, Role::unit_price,
                                   Role::amount,   Role::product, Role::channel, Role::status,  Role::cost,
                                   Role::margin,   Role::tenure,  Role::churn,   Role::monthly_revenue, Role::start_date,
                                   Role::end_date};
    // 1. user overrides
    std::vector<bool> fixed(kRoleCount, false);
    for (const auto& [role, ref] : opts_.mapping) {
      if (role == Role::none || role == Role::segment) continue;
      const int c = find_column(ref, role_name(role));
      fixed[static_cast<int>(role)] = true;
      if (c >= 0 && static_cast<std::size_t>(c) < ncols) taken[static_cast<std::size_t>(c)] = true;
      set_role(role, c, {"user", {}});
    }
    // 2. header names
    if (r_.header) {
      if (shopify_ && !fixed[static_cast<int>(Role::order)]) {
        for (std::size_t c = 0; c < ncols; ++c) {
          if (norm[c] == "name" && !taken[c]) {
            taken[c] = true;
            fixed[static_cast<int>(Role::order)] = true;
            set_role(Role::order, static_cast<int>(c), {"shopify_name", {}});
          }
        }
      }
      for (Role role : order_of_roles) {
        if (fixed[static_cast<int>(role)]) continue;
        if (shopify_ && role == Role::amount) continue;  // Total etc. sit on the first line item only
        const Synonyms* syn = nullptr;
        for (const auto& s : synonyms()) {
          if (s.role == role) syn = &s;
        }
        int best = -1, best_score = 0;
        ColumnReason why;
        for (std::size_t c = 0; c < ncols; ++c) {
          if (taken[c] || norm[c].empty() || !type_fits(role, stats[c], false)) continue;
          int score = 0;
          ColumnReason w;
          for (std::size_t k = 0; k < syn->exact.size(); ++k) {
            if (norm[c] == syn->exact[k]) {
              score = 1000 - static_cast<int>(k);
              w = {"header_names", {r_.columns[c].name, role_name(role)}};
              break;
            }
          }
          if (score == 0 && type_fits(role, stats[c])) {
            for (std::size_t k = 0; k < syn->stems.size(); ++k) {
              if (norm[c].find(syn->stems[k]) != std::string::npos) {
                score = 100 - static_cast<int>(k);
                w = {"header_contains", {r_.columns[c].name, syn->stems[k]}};
                break;
              }
            }
          }
          if (score > best_score) best_score = score, best = static_cast<int>(c), why = w;
        }
        if (best >= 0) {
          taken[static_cast<std::size_t>(best)] = true;
          set_role(role, best, why);
        }
      }
    }
    // 3. types, when names do not tell
    auto first_of = [&](auto pred) {
      for (std::size_t c = 0; c < ncols; ++c) {
        if (!taken[c] && pred(stats[c])) return static_cast<int>(c);
      }
      return -1;
    };
    auto role_col = [&](Role r) { return col_[static_cast<int>(r)]; };
    if (role_col(Role::date) < 0 && !fixed[static_cast<int>(Role::date)]) {
      const int c = first_of([](const ColumnStats& s) { return s.type == ValueType::date; });
      if (c >= 0) taken[static_cast<std::size_t>(c)] = true, set_role(Role::date, c, {"first_dates", {}});
    }
    if (!r_.header) {
      if (role_col(Role::customer) < 0 && !fixed[static_cast<int>(Role::customer)]) {
        const int c = first_of([](const ColumnStats& s) {
          return (s.type == ValueType::integer || s.type == ValueType::text) && s.distinct.size() < s.nonempty;
        });
        if (c >= 0) taken[static_cast<std::size_t>(c)] = true, set_role(Role::customer, c, {"first_repeated_ids", {}});
      }
      if (role_col(Role::amount) < 0 && !fixed[static_cast<int>(Role::amount)]) {
        int c = -1;
        for (std::size_t k = 0; k < ncols; ++k) {
          if (!taken[k] && stats[k].type == ValueType::number) c = static_cast<int>(k);
        }
        if (c >= 0) taken[static_cast<std::size_t>(c)] = true, set_role(Role::amount, c, {"last_decimals", {}});
      }
    }
    // Date format of the date columns.
    for (Role dr : {Role::date, Role::start_date, Role::end_date}) {
      const int c = role_col(dr);
      if (c < 0 || static_cast<std::size_t>(c) >= ncols) continue;
      const ColumnStats& st = stats[static_cast<std::size_t>(c)];
      const bool serial = st.type != ValueType::date && st.numbers > 0 && st.serial_range == st.numbers;
      if (dr == Role::date) {
        date_serial_ = serial;
        date_memo_ = DateMemo{};
      }
      r_.columns[static_cast<std::size_t>(c)].format = serial ? "excel_serial" : date_form(rows, first, static_cast<std::size_t>(c));
    }

    // Mode.
    const bool customer_roles = role_col(Role::churn) >= 0 || role_col(Role::tenure) >= 0 || role_col(Role::start_date) >= 0;
    // An order date found only by a stem ("Geburtsdatum" contains "datum") or
    // as the first date column does not outweigh a customer list's columns.
    const int dc = role_col(Role::date);
    const bool weak_date = dc >= 0 && !fixed[static_cast<int>(Role::date)] &&
                           r_.columns[static_cast<std::size_t>(dc)].why.code != "header_names";
    if (opts_.mode != IngestMode::auto_detect) {
      r_.mode = opts_.mode;
      r_.mode_reason = "set by the user";
    } else if (customer_roles && (dc < 0 || weak_date)) {
      r_.mode = IngestMode::customers;
      r_.mode_reason = dc < 0 ? "tenure/churn columns and no order date: one row per customer"
                              : "tenure/churn columns, and no column named as an order date: one row per customer";
    } else {
      r_.mode = IngestMode::orders;
      r_.mode_reason = "order date column: one row per order or order line";
    }
    // Roles that do not belong to the mode are dropped.
    const Role order_only[] = {Role::order, Role::date, Role::amount, Role::quantity, Role::unit_price, Role::product,
                               Role::channel, Role::status, Role::cost, Role::margin};
    const Role customer_only[] = {Role::tenure, Role::churn, Role::monthly_revenue, Role::start_date, Role::end_date};
    if (r_.mode == IngestMode::customers) {
      for (Role r : order_only) clear_role(r, taken);
    } else {
      for (Role r : customer_only) clear_role(r, taken);
    }
    if (r_.mode == IngestMode::orders && role_col(Role::amount) >= 0 && !fixed[static_cast<int>(Role::quantity)]) {
      // With an amount column, quantity and unit price are informative only.
      clear_role(Role::quantity, taken);
      clear_role(Role::unit_price, taken);
    }

    // Required columns.
    try {
      check_required();
    } catch (const Error& e) {
      if (!opts_.fallback_to_table) throw;
      r_.mapping_error = e;
      r_.mode = IngestMode::table;
      r_.mode_reason = std::string("read as a plain table: ") + e.what();
    }
    if (r_.mode == IngestMode::table) {
      for (auto& c : r_.columns) {
        if (c.why.code.empty()) explain(c.index, {"not_used", {}});
      }
      return;
    }
    map_extras(stats, norm, taken);
  }

  void check_required() {
    auto role_col = [&](Role r) { return col_[static_cast<int>(r)]; };
    if (r_.mode == IngestMode::table) return;
    if (role_col(Role::customer) < 0) throw Error("no_customer_column", "no customer id column found; map one", "customer");
    if (r_.mode == IngestMode::orders) {
      if (role_col(Role::date) < 0) throw Error("no_date_column", "no order date column found; map one", "date");
      if (role_col(Role::amount) < 0 && role_col(Role::unit_price) < 0) {
        throw Error("no_amount_column", "no amount or unit price column found; map one", "amount");
      }
      if (role_col(Role::amount) < 0) {
        const std::string q = role_col(Role::quantity) >= 0 ? r_.columns[static_cast<std::size_t>(role_col(Role::quantity))].name : "1";
        const auto price = static_cast<std::size_t>(role_col(Role::unit_price));
        explain(price, {"amount_from_price", {q, r_.columns[price].name}});
      }
    } else {
      if (role_col(Role::churn) < 0 && role_col(Role::end_date) < 0) {
        throw Error("no_churn_column", "no churn flag or end date column found; map one", "churn");
      }
      if (role_col(Role::tenure) < 0 && role_col(Role::start_date) < 0) {
        throw Error("no_tenure_column", "no tenure or start date column found; map one", "tenure");
      }
    }
  }

  // norm: the columns' normalized header names (empty without a header).
  void map_extras(const std::vector<ColumnStats>& stats, const std::vector<std::string>& norm, std::vector<bool>& taken) {
    auto role_col = [&](Role r) { return col_[static_cast<int>(r)]; };
    const std::size_t ncols = stats.size();
    // Invoice prefix "C" marks a cancellation when the other invoice ids are numbers (UCI layout).
    if (role_col(Role::order) >= 0 && static_cast<std::size_t>(role_col(Role::order)) < ncols) {
      const auto& st = stats[static_cast<std::size_t>(role_col(Role::order))];
      cancel_prefix_ = st.nonempty > 0 && st.numbers * 2 >= st.nonempty;
    }
    // Categorical columns.
    if (r_.mode == IngestMode::orders) {
      init_category(product_, role_col(Role::product));
      init_category(channel_, role_col(Role::channel));
      warn_mixed_currencies(stats, norm);
    }
    std::vector<int> user_segments;
    for (const auto& [role, ref] : opts_.mapping) {
      if (role == Role::segment) user_segments.push_back(find_column(ref, "segment"));
    }
    // WooCommerce writes customer id 0 for every guest order: when the sample's customer
    // column holds a 0 or a blank, the first e-mail column names those customers.
    const int customer_col = role_col(Role::customer);
    const ColumnStats* ids = customer_col >= 0 && static_cast<std::size_t>(customer_col) < ncols
                                 ? &stats[static_cast<std::size_t>(customer_col)] : nullptr;
    const bool guests = r_.mode == IngestMode::orders && ids && (ids->zeros > 0 || ids->nonempty < ids->rows);
    for (std::size_t c = 0; c < ncols; ++c) {
      const bool by_user = std::find(user_segments.begin(), user_segments.end(), static_cast<int>(c)) != user_segments.end();
      const auto& st = stats[c];
      const Role named = r_.header && !taken[c] ? value_role_named(norm[c]) : Role::none;
      const bool emails = !taken[c] && holds_emails(st);
      const bool personal = r_.header && !taken[c] && named == Role::none && !emails && names_personal_data(norm[c]);
      const bool candidate = !taken[c] && named == Role::none && !emails && !personal &&
                             (st.type == ValueType::text || st.type == ValueType::flag ||
                              (st.type == ValueType::integer && st.distinct.size() <= 5)) &&
                             st.distinct.size() >= 2 && st.distinct.size() <= kSegmentMaxDistinct;
      const bool guest_emails = emails && !by_user && guests && guest_email_col_ < 0;
      if (guest_emails) {
        guest_email_col_ = static_cast<int>(c);
        explain(c, {"guest_emails", {r_.columns[static_cast<std::size_t>(customer_col)].name}});
      } else if (named != Role::none && !by_user) explain(c, unused_reason(c, named));
      else if (emails && !by_user) explain(c, {"emails", {}});
      else if (personal && !by_user) explain(c, {"personal_data", {}});
      const std::size_t cap = r_.mode == IngestMode::customers ? kMaxCustomerSegments : kMaxSegments;
      if ((by_user || (candidate && user_segments.empty())) && segments_.size() < cap) {
        segments_.emplace_back();
        init_category(segments_.back(), static_cast<int>(c));
        r_.columns[c].role = Role::segment;
        explain(c, by_user ? ColumnReason{"user", {}}
                           : ColumnReason{"segment_candidate", {std::to_string(st.distinct.size())}});
      }
    }
    for (auto& c : r_.columns) {
      if (c.role == Role::none && c.why.code.empty()) explain(c.index, {"not_used", {}});
    }
  }

  // A currency column (Währung, Currency) holding more than one currency in
  // the sample: amounts are added as they are, so the user is warned (one
  // issue, row 0, the currencies as its value).
  void warn_mixed_currencies(const std::vector<ColumnStats>& stats, const std::vector<std::string>& norm) {
    if (!r_.header) return;
    static const char* const kNames[] = {"waehrung", "waehrungscode", "currency", "currencycode", "presentmentcurrency"};
    for (std::size_t c = 0; c < stats.size(); ++c) {
      if (std::none_of(std::begin(kNames), std::end(kNames), [&](const char* n) { return norm[c] == n; })) continue;
      if (stats[c].distinct.size() < 2) continue;
      std::vector<std::string> codes(stats[c].distinct.begin(), stats[c].distinct.end());
      std::sort(codes.begin(), codes.end());
      if (codes.size() > 5) codes.resize(5);
      std::string list;
      for (const std::string& code : codes) list += (list.empty() ? "" : ", ") + code;
      add_issue("mixed_currencies", 0, static_cast<int>(c),
                "amounts in more than one currency (" + list + ") are added as they are; filter the file to one currency",
                list);
    }
  }

  // Why column c, whose header names `named`, is not used.
  ColumnReason unused_reason(std::size_t c, Role named) const {
    const std::string& header = r_.columns[c].name;
    const int used = col(named);
    if (used >= 0) return {"named_too", {header, role_name(named), r_.columns[static_cast<std::size_t>(used)].name}};
    const int amount = col(Role::amount);
    if ((named == Role::quantity || named == Role::unit_price) && amount >= 0) {
      return {"not_needed", {header, role_name(named), r_.columns[static_cast<std::size_t>(amount)].name}};
    }
    if (named == Role::amount && shopify_) return {"shopify_total", {header}};
    return {r_.mode == IngestMode::customers ? "not_in_customer_list" : "not_in_order_list", {header, role_name(named)}};
  }

  void clear_role(Role r, std::vector<bool>& taken) {
    const int c = col_[static_cast<int>(r)];
    if (c < 0) return;
    col_[static_cast<int>(r)] = -1;
    if (static_cast<std::size_t>(c) < r_.columns.size()) {
      r_.columns[static_cast<std::size_t>(c)].role = Role::none;
      r_.columns[static_cast<std::size_t>(c)].why = ColumnReason{};
      taken[static_cast<std::size_t>(c)] = false;
    }
  }

  void init_category(Category& cat, int col) {
    cat.col = col;
    if (col >= 0 && static_cast<std::size_t>(col) < r_.columns.size()) cat.column.name = r_.columns[static_cast<std::size_t>(col)].name;
  }

  // ---- rows ------------------------------------------------------------
  int col(Role r) const noexcept { return col_[static_cast<int>(r)]; }

  static std::string_view cell(const RecordView& rec, int c) noexcept {
    return c >= 0 && static_cast<std::size_t>(c) < rec.size() ? rec.field(static_cast<std::size_t>(c)) : std::string_view{};
  }

  void add_issue(const char* code, std::uint64_t row, int column, const std::string& message, std::string value = {}) {
    issue_counter_.add(code);
    if (r_.issues.size() < opts_.max_issues) r_.issues.push_back(IngestIssue{code, message, row, column, std::move(value)});
  }

  bool issue_room() const noexcept { return r_.issues.size() < opts_.max_issues; }

  void skip(const char* code, const char* message, std::uint64_t row, int column) {
    skip_counter_.add(code);
    issue_counter_.add(code);
    if (issue_room()) r_.issues.push_back(IngestIssue{code, message, row, column, {}});
  }

  void skip_value(const char* code, const char* what, std::string_view value, std::uint64_t row, int column) {
    skip_counter_.add(code);
    issue_counter_.add(code);
    if (issue_room()) {
      std::string shown(utf8_prefix(value, 60));
      r_.issues.push_back(IngestIssue{code, std::string(what) + " \"" + shown + "\"", row, column, std::move(shown)});
    }
  }

  void check_shape(const RecordView& rec, std::uint64_t row) {
    if (rec.size() == ncols_ || ncols_ == 0) return;
    if (rec.size() < ncols_) {
      if (issue_room()) add_issue(kTooFew, row, -1, "row has " + std::to_string(rec.size()) + " fields, expected " + std::to_string(ncols_));
      else issue_counter_.add(kTooFew);
      return;
    }
    for (std::size_t i = ncols_; i < rec.size(); ++i) {
      if (!trim_value(rec.field(i)).empty()) {
        if (issue_room()) add_issue(kTooMany, row, -1, "row has " + std::to_string(rec.size()) + " fields, expected " + std::to_string(ncols_));
        else issue_counter_.add(kTooMany);
        return;
      }
    }
  }

  bool is_duplicate(const RecordView& rec) {
    std::uint64_t h = rec.size();
    for (std::size_t i = 0; i < rec.size(); ++i) h = h * 31 + hash_bytes(rec.field(i));
    return !seen_rows_.insert(h).second;
  }

  // Reads the order date; returns false (and skips the row) when unreadable.
  // pending: the value is a packed a/b/yyyy token resolved in finish().
  // Exports sorted by date repeat one date text row after row: a text equal to
  // the previous readable one gives what it gave, without reading it again.
  bool read_date(std::string_view v, std::uint64_t row, Day& day, bool& pending) {
    DateMemo& m = date_memo_;
    if (m.valid && same_text(v, m.text)) {
      day = m.day;
      pending = m.pending;
      dmy_only_ += m.dmy_only;
      mdy_only_ += m.mdy_only;
      return true;
    }
    const std::uint64_t dmy_before = dmy_only_, mdy_before = mdy_only_;
    if (!read_new_date(v, row, day, pending)) return false;
    m.remember(v, day, pending, dmy_only_ != dmy_before, mdy_only_ != mdy_before);
    return true;
  }

  bool read_new_date(std::string_view v, std::uint64_t row, Day& day, bool& pending) {
    pending = false;
    const int c = col(Role::date);
    if (trim_value(v).empty()) {
      skip(kNoDate, "no order date", row, c);
      return false;
    }
    if (date_serial_) {
      const auto x = parse_number(v, r_.decimal);
      const auto d = x ? excel_serial_to_day(*x) : std::nullopt;
      if (!d) {
        skip_value(kBadDate, "unreadable date", v, row, c);
        return false;
      }
      day = *d;
      return true;
    }
    DateToken t;
    if (!scan_date(v, t)) {
      skip_value(kBadDate, "unreadable date", v, row, c);
      return false;
    }
    if (order_settled(t)) {
      const auto d = resolve_settled(t);
      if (!d) {
        skip_value(kBadDate, "not a calendar date", v, row, c);
        return false;
      }
      day = *d;
      return true;
    }
    const bool dmy = date_valid_dmy(t), mdy = date_valid_mdy(t);
    dmy_only_ += dmy && !mdy;
    mdy_only_ += mdy && !dmy;
    day = pack_token(t);
    pending = true;
    return true;
  }

  // Whether a date token's day/month order is known: a fixed form, or an order the user chose.
  bool order_settled(const DateToken& t) const noexcept {
    return t.order_fixed || opts_.date_order != DateOrder::auto_detect;
  }

  std::optional<Day> resolve_settled(const DateToken& t) const noexcept {
    return resolve_date(t, opts_.date_order == DateOrder::auto_detect ? DateOrder::dmy : opts_.date_order);
  }

  // The day of a date text (not an Excel serial) whose day/month order is
  // settled; false for anything else, which read_date then reads or skips.
  bool settled_date(std::string_view v, Day& day) const noexcept {
    DateToken t;
    if (!scan_date(v, t) || !order_settled(t)) return false;
    const auto d = resolve_settled(t);
    if (!d) return false;
    day = *d;
    return true;
  }

  // The usual amount ("7.74", "12,5") is read here without a call into
  // parse_number (which gives the same value for it); anything else there.
  bool read_amount(std::string_view v, int c, std::uint64_t row, double& out, const char* what) {
    if (detail::short_plain_number(v, r_.decimal == DecimalStyle::comma, out)) return true;
    return read_other_amount(v, c, row, out, what);
  }

  bool read_other_amount(std::string_view v, int c, std::uint64_t row, double& out, const char* what) {
    const auto x = parse_number(v, r_.decimal);
    if (x) {
      out = *x;
      return true;
    }
    // Why not: nothing there, or not a number.
    if (trim_value(v).empty()) {
      skip(kNoAmount, what, row, c);
    } else {
      skip_value(kBadAmount, "unreadable number", v, row, c);
    }
    return false;
  }

  // number: the key's number when it is digits only (then the text is not kept).
  void remember_order_text(std::string_view key, const IdNumber& number) {
    last_order_size_ = key.size();
    last_order_number_ = number;
    if (number) return;
    if (key.size() <= sizeof(last_order_short_)) {
      std::memcpy(last_order_short_, key.data(), key.size());
    } else {
      last_order_long_.assign(key);
    }
  }

  // Whether text (of number, as remember_order_text) is the last order's id.
  // Two digits-only ids are the same when their numbers and lengths are (the
  // length tells "0123" from "123"); one is never the same as any other id.
  bool is_last_order(std::string_view text, const IdNumber& number) const noexcept {
    if (number || last_order_number_) {
      return number && last_order_number_ && *number == *last_order_number_ && text.size() == last_order_size_;
    }
    return text == last_order_text();
  }

  std::string_view last_order_text() const noexcept {
    if (last_order_size_ <= sizeof(last_order_short_)) return std::string_view(last_order_short_, last_order_size_);
    return last_order_long_;
  }

  // ---- customers of order lines, a block at a time ------------------------
  // A short decimal customer id (the usual customer number) is not looked up
  // when its row is read: o.customer gets a placeholder and the number waits
  // in pending_customers_, and flush_customers looks up the whole block in
  // one loop (Interner::intern_short_decimals), in row order, so the indices
  // are those of one-by-one interning. Pending entries are always the last
  // entries of o.customer: any other id flushes the block before it is
  // interned. Flushed when the block is full and at finish, before anything
  // reads o.customer or the customer ids.
  static constexpr std::size_t kCustomerBlock = Interner::kBatch;

  void append_customer(std::string_view id, const IdNumber& id_number) {
    OrderLines& o = r_.orders;
    std::uint32_t number = 0;
    if (!short_decimal_id(id, id_number, number)) {
      flush_customers();
      o.customer.push_back(customers_.intern(id, id_number, o.customer_ids));
      return;
    }
    append_pending(number);
  }

  // The previous used line's customer once more.
  void append_last_customer() {
    OrderLines& o = r_.orders;
    if (pending_customers_.empty()) {
      o.customer.push_back(o.customer.back());
      return;
    }
    append_pending(pending_customers_.back());
  }

  // A line whose customer, the short decimal id number, is looked up with the block.
  void append_pending(std::uint32_t number) {
    r_.orders.customer.push_back(0);
    pending_customers_.push_back(number);
    if (pending_customers_.size() == kCustomerBlock) flush_customers();
  }

  // Whether id is the previous used line's customer. A pending one is a short
  // decimal id, and a short decimal id's text is its number's digits, so the
  // numbers decide; an interned one is compared by its text.
  bool is_last_customer(std::string_view id, const IdNumber& id_number) const {
    if (pending_customers_.empty()) return r_.orders.customer_ids[r_.orders.customer.back()] == id;
    std::uint32_t number = 0;
    return short_decimal_id(id, id_number, number) && number == pending_customers_.back();
  }

  void flush_customers() {
    if (pending_customers_.empty()) return;
    OrderLines& o = r_.orders;
    std::uint32_t* out = o.customer.data() + (o.customer.size() - pending_customers_.size());
    customers_.intern_short_decimals(pending_customers_.data(), pending_customers_.size(), o.customer_ids, out);
    pending_customers_.clear();
  }

  // ---- plain order lines -------------------------------------------------
  // A plain order line has all ncols_ fields, none quoted, a short decimal
  // customer id (1..9 digits, no leading zero; or so written with ".0" after
  // them, as exports from Excel write ids), a digits-only order id (when an
  // order column is mapped), a date of settled day/month order (ISO, dotted,
  // yyyymmdd, or an order the user chose) and a nonzero amount that
  // short_plain_number reads (or unit price and quantity so read): the usual
  // row of a shop export. For such a row order_row's questions all have the
  // same answer (no skip, no issue, no cancellation, no e-mail, the id's
  // text unchanged). So the tokenizer offers its plain text to read_lines,
  // which takes lines while they are plain: a line's field ends are found 8
  // bytes at a time, its values read where they lie, and the lines appended
  // a block at a time (append_plain_rows). The first line that is not plain
  // (or not whole in the text) is left to the tokenizer, which hands it to
  // on_record. The result is the same as row by row (tested against one-byte
  // chunks, where no line is whole).
  bool plain_rows_open() const noexcept {
    return r_.mode == IngestMode::orders && preamble_left_ == 0 && !header_pending_ &&
           r_.accounting.rows_read >= opts_.preview_rows && !opts_.skip_duplicates && col(Role::customer) >= 0 &&
           col(Role::date) >= 0 && col(Role::status) < 0 && col(Role::margin) < 0 && col(Role::cost) < 0 &&
           !date_serial_ && (col(Role::amount) >= 0 || col(Role::unit_price) >= 0) && ncols_ >= 2 &&
           ncols_ <= kMaxLineFields;
  }
  static constexpr std::size_t kMaxLineFields = 64;

  // The plain lines read and not yet appended, one entry each.
  struct PlainRows {
    static constexpr std::size_t kMax = 256;
    std::uint32_t customer[kMax];
    std::uint64_t order[kMax];
    std::string_view order_text[kMax];
    Day day[kMax];
    // From an amount column, its digits and decimals (short_plain_digits_here),
    // read by append_plain_amounts; a unit price x quantity is its value.
    std::uint64_t amount_digits[kMax];
    std::uint8_t decimals[kMax];
    double amount[kMax];
    std::int32_t cents[kMax];       // the amounts as whole cents (append_plain_amounts)
    std::uint8_t same_order[kMax];  // another line of the previous row's order
    const char* line[kMax];         // the line's text, for its categories
    std::vector<std::uint32_t> ends;  // the lines' field ends (kMax x ncols_), from its start
  };

  // The columns a plain line's values are read from (-1: none).
  struct LineColumns {
    std::size_t customer = 0, date = 0;
    int order = -1, amount = -1, price = -1, quantity = -1;
  };

  // A plain customer id's number (see plain_rows_open), else false.
  static bool plain_customer(std::string_view v, std::uint32_t& out) noexcept {
    if (short_decimal_here(v.data(), v.size(), out)) return true;
    // "17850.0", a float spelling of the id 17850 (normalize_id drops the ".0")
    const bool float_spelling = v.size() >= 3 && v[v.size() - 2] == '.' && v.back() == '0';
    return float_spelling && short_decimal_here(v.data(), v.size() - 2, out);
  }

  // A text equal to the memo's (see read_date) gives its day; another one is
  // read, and kept in the memo, when its day/month order is settled. The memo
  // only saves reading: read_date gives the same with or without it.
  bool plain_date(std::string_view v, Day& day) {
    DateMemo& m = date_memo_;
    if (m.valid && same_text(v, m.text)) {
      day = m.day;
      return !m.pending;
    }
    if (!settled_date(v, day)) return false;
    m.remember(v, day, false, false, false);
    return true;
  }

 public:
  LinesRead read_lines(const char* p, const char* end, const LineSyntax& syntax) override {
    LinesRead out;
    out.next = p;
    if (!plain_rows_open()) {
      out.declined = true;
      return out;
    }
    LineColumns cols;
    cols.customer = static_cast<std::size_t>(col(Role::customer));
    cols.date = static_cast<std::size_t>(col(Role::date));
    cols.order = col(Role::order);
    cols.amount = col(Role::amount);
    if (cols.amount < 0) {
      cols.price = col(Role::unit_price);
      cols.quantity = col(Role::quantity);
    }
    plain_rows_.ends.resize(PlainRows::kMax * ncols_);
    std::size_t n = 0;
    while (const char* next = plain_line(p, end, syntax, cols, n, out)) {
      p = next;
      if (++n == PlainRows::kMax) {
        append_plain_rows(n);
        out.records += n;
        n = 0;
      }
    }
    if (n > 0) append_plain_rows(n);
    out.records += n;
    out.next = p;
    return out;
  }

 private:
  // The plain order line at p into entry r of plain_rows_, its line break
  // counted in out; the next line, or nullptr when the line is not plain or
  // not whole before end (then out is unchanged).
  const char* plain_line(const char* const p, const char* const end, const LineSyntax& syntax,
                         const LineColumns& cols, std::size_t r, LinesRead& out) {
    if (p >= end || syntax.is_line_break(*p) || (syntax.comment != '\0' && *p == syntax.comment) ||
        (syntax.quote != '\0' && *p == syntax.quote)) {
      return nullptr;
    }
    PlainRows& rows = plain_rows_;
    // The field ends (offsets from p), 8 bytes at a time; e: the line break.
    std::uint32_t* const ends = rows.ends.data() + r * ncols_;
    const std::size_t last = ncols_ - 1;
    std::size_t f = 0;
    const char* e = nullptr;
    for (const char* word = p; e == nullptr; word += 8) {
      if (end - word < 8) return nullptr;
      for (std::uint64_t found = detail::special_bytes(word, syntax.specials); found != 0; found &= found - 1) {
        const char* const q = word + (__builtin_ctzll(found) >> 3);
        if (*q != syntax.delimiter) {
          if (f != last) return nullptr;  // fewer fields
          e = q;
          break;
        }
        if (f == last) return nullptr;  // more fields
        if (q + 1 == end || (syntax.quote != '\0' && q[1] == syntax.quote)) return nullptr;
        ends[f++] = static_cast<std::uint32_t>(q - p);
      }
    }
    ends[last] = static_cast<std::uint32_t>(e - p);
    auto field = [&](std::size_t c) {
      const std::uint32_t begin = c == 0 ? 0 : ends[c - 1] + 1;
      return std::string_view(p + begin, ends[c] - begin);
    };
    if (!plain_customer(field(cols.customer), rows.customer[r])) return nullptr;
    if (cols.order >= 0) {
      const std::string_view order = field(static_cast<std::size_t>(cols.order));
      if (!decimal_value_here(order.data(), order.size(), rows.order[r])) return nullptr;
      rows.order_text[r] = order;
    }
    if (!plain_date(field(cols.date), rows.day[r])) return nullptr;
    const bool comma = r_.decimal == DecimalStyle::comma;
    if (cols.amount >= 0) {
      const std::string_view v = field(static_cast<std::size_t>(cols.amount));
      std::uint64_t digits = 0;
      int decimals = 0;
      if (!short_plain_digits_here(v.data(), v.size(), comma, digits, decimals)) return nullptr;
      if (digits == kZeroDigits && !opts_.keep_zero_amounts) return nullptr;
      rows.amount_digits[r] = digits;
      rows.decimals[r] = static_cast<std::uint8_t>(decimals);
    } else {
      double amount = 0.0, qty = 1.0;
      if (!short_plain_number(field(static_cast<std::size_t>(cols.price)), comma, amount) ||
          (cols.quantity >= 0 && !short_plain_number(field(static_cast<std::size_t>(cols.quantity)), comma, qty))) {
        return nullptr;
      }
      amount *= qty;
      if (amount == 0.0 && !opts_.keep_zero_amounts) return nullptr;
      rows.amount[r] = amount;
    }
    rows.line[r] = p;
    if (syntax.terminator == '\0' && *e == '\r') {
      if (e + 1 == end) return nullptr;  // a CRLF split between chunks: the tokenizer's
      if (e[1] == '\n') {
        ++out.crlf;
        return e + 2;
      }
      ++out.cr;
      return e + 1;
    }
    out.lf += *e == '\n';
    return e + 1;
  }

  // order_row for each of the first n plain lines of plain_rows_, a column
  // at a time: purchase lines.
  void append_plain_rows(std::size_t n) {
    PlainRows& p = plain_rows_;
    OrderLines& o = r_.orders;
    const std::uint64_t first_row = r_.accounting.rows_read + 1;
    r_.accounting.rows_read += n;
    // Another line of the previous row's order or not, a short decimal id is
    // looked up with its block (append_last_customer would give the same index).
    append_pending_block(p.customer, n);
    const int oc = col(Role::order);
    if (oc >= 0) {
      const std::size_t at = o.order.size();
      o.order.resize(at + n);
      std::uint32_t* const order = o.order.data() + at;
      std::uint32_t index = last_order_index_;
      for (std::size_t r = 0; r < n; ++r) {
        const std::string_view text = p.order_text[r];
        const IdNumber number(p.order[r]);
        const bool same_order = (r > 0 || last_had_order_text_) && is_last_order(text, number);
        p.same_order[r] = same_order;
        if (!same_order) {
          if (!orders_.intern_next_number(text, p.order[r], o.order_ids, index)) {
            index = orders_.intern(text, number, o.order_ids);
          }
          remember_order_text(text, number);
        }
        order[r] = index;
      }
      last_order_index_ = index;
      last_had_order_text_ = true;
    } else {
      std::fill(p.same_order, p.same_order + n, std::uint8_t{0});
    }
    append_plain_amounts(n);
    o.day.append(p.day, n);
    if (!day_pending_.empty()) day_pending_.resize(day_pending_.size() + n, 0);
    o.kind.resize(o.kind.size() + n, LineKind::purchase);
    o.source_row.push_consecutive(static_cast<std::uint32_t>(first_row), n);
    if (product_.col >= 0 || channel_.col >= 0 || !segments_.empty()) {
      for (std::size_t r = 0; r < n; ++r) {
        const std::uint32_t* ends = p.ends.data() + r * ncols_;
        add_categories(RecordView{std::string_view(p.line[r], ends[ncols_ - 1]), ends, ncols_, 1}, p.same_order[r]);
      }
    }
    used_ += n;
    if (oc >= 0) remember_last_line(true, p.day[n - 1], false);
  }

  // The amounts of the first n plain lines. Those of an amount column are
  // read here from their digits, a block at a time (no line waits for them):
  // as whole cents while the column keeps cents and every amount has at most
  // 2 decimals (no division), else divided. Unit price x quantity lines
  // bring their values.
  void append_plain_amounts(std::size_t n) {
    PlainRows& p = plain_rows_;
    if (col(Role::amount) >= 0) {
      for (std::size_t r = 0; r < n; ++r) {
        p.amount[r] = static_cast<double>(static_cast<std::int64_t>(eight_digits_value(p.amount_digits[r])));
      }
      bool cents = r_.orders.amount.is_narrow();
      for (std::size_t r = 0; r < n && cents; ++r) {
        cents = CentsCodec::cents_of_decimal(p.amount[r], p.decimals[r], p.cents[r]);
      }
      if (cents && r_.orders.amount.append_narrow(p.cents, n)) return;
      for (std::size_t r = 0; r < n; ++r) p.amount[r] /= kDecimalScale[p.decimals[r]];
    }
    r_.orders.amount.append(p.amount, n);
  }

  // append_pending for each of n numbers.
  void append_pending_block(const std::uint32_t* numbers, std::size_t n) {
    std::vector<std::uint32_t>& customer = r_.orders.customer;
    while (n > 0) {
      const std::size_t take = std::min(n, kCustomerBlock - pending_customers_.size());
      customer.resize(customer.size() + take, 0);
      pending_customers_.insert(pending_customers_.end(), numbers, numbers + take);
      if (pending_customers_.size() == kCustomerBlock) flush_customers();
      numbers += take;
      n -= take;
    }
  }

  void order_row(const RecordView& rec, std::uint64_t row) {
    // Order id first: line items of one order may leave customer and date blank (Shopify).
    const int oc = col(Role::order);
    bool same_order = false;
    std::string_view order_text;
    IdNumber order_number;  // the ids' numbers when they are digits only: the interners key them by it
    if (oc >= 0) {
      order_text = normalize_id(cell(rec, oc), order_scratch_, order_number);
      // The previous used row's order id is the last order text interned (when it had one).
      same_order = last_had_order_text_ && !order_text.empty() && is_last_order(order_text, order_number);
    }
    if (col(Role::status) >= 0 && cancelled_by_status(rec, row, order_text)) return;
    const int cc = col(Role::customer);
    bool carried = false;
    IdNumber id_number;
    std::string_view id = normalize_id(cell(rec, cc), id_scratch_, id_number);
    if (guest_email_col_ >= 0 && (id.empty() || id == "0")) take_guest_email(rec, id, id_number);
    if (id.empty()) {
      if (!(same_order && last_customer_ok_)) return skip(kNoCustomer, "no customer id", row, cc);
      carried = true;
    } else if (!id_number && is_totals_label(id)) {
      return skip_value(kTotalsRow, "a totals row, not a customer:", id, row, cc);
    }
    Day day = 0;
    bool pending = false;
    const std::string_view date_text = cell(rec, col(Role::date));
    if (trim_value(date_text).empty() && same_order && last_day_ok_) {
      day = last_day_;
      pending = last_day_pending_;
    } else if (!read_date(date_text, row, day, pending)) {
      return;
    }
    double amount = 0.0;
    if (col(Role::amount) >= 0) {
      if (!read_amount(cell(rec, col(Role::amount)), col(Role::amount), row, amount, "no amount")) return;
    } else {
      double price = 0.0, qty = 1.0;
      if (!read_amount(cell(rec, col(Role::unit_price)), col(Role::unit_price), row, price, "no unit price")) return;
      if (col(Role::quantity) >= 0 && !read_amount(cell(rec, col(Role::quantity)), col(Role::quantity), row, qty, "no quantity")) return;
      amount = qty * price;
      if (!std::isfinite(amount)) return skip(kBadAmount, "quantity x unit price is too large", row, col(Role::unit_price));
    }
    if (amount == 0.0 && !opts_.keep_zero_amounts) return skip(kZeroAmount, "amount is zero", row, col(Role::amount) >= 0 ? col(Role::amount) : col(Role::unit_price));
    const bool cancel_prefix = cancel_prefix_ && order_text.size() > 1 && (order_text[0] == 'C' || order_text[0] == 'c') &&
                               order_text[1] >= '0' && order_text[1] <= '9';
    const bool cancellation = cancel_prefix || amount < 0.0;
    if (cancellation) amount = -std::fabs(amount);

    // Used: append the line. Ids are interned only now, so skipped rows leave no trace.
    OrderLines& o = r_.orders;
    // Another line of the previous row's order: its customer is compared first.
    if (carried || (same_order && last_customer_ok_ && is_last_customer(id, id_number))) {
      append_last_customer();
    } else {
      append_customer(id, id_number);
    }
    if (oc >= 0) {
      if (same_order) {
        o.order.push_back(last_order_index_);  // line items of one order come together: no lookup
      } else {
        const std::string_view key = order_text.empty() ? id : order_text;
        const IdNumber& key_number = order_text.empty() ? id_number : order_number;
        o.order.push_back(orders_.intern(key, key_number, o.order_ids));
        remember_order_text(key, key_number);
      }
      last_order_index_ = o.order.back();
    }
    o.day.push_back(day);
    if (pending || !day_pending_.empty()) {
      if (day_pending_.empty()) day_pending_.assign(o.day.size() - 1, 0);
      day_pending_.push_back(pending ? 1 : 0);
    }
    o.amount.push_back(amount);
    o.kind.push_back(cancellation ? LineKind::cancellation : LineKind::purchase);
    o.source_row.push_back(static_cast<std::uint32_t>(row));
    if (col(Role::margin) >= 0 || col(Role::cost) >= 0) o.margin.push_back(read_margin(rec, row, amount));
    add_categories(rec, same_order);
    ++used_;
    if (oc >= 0) remember_last_line(!order_text.empty(), day, pending);
  }

  // The line's product, channel and segment codes (those mapped).
  void add_categories(const RecordView& rec, bool same_order) {
    add_category(product_, rec);
    // Channel and segments describe the order (Shopify writes them on its first line item only):
    // a blank on another line of the same order is that order's value.
    add_category(channel_, rec, same_order);
    for (auto& s : segments_) add_category(s, rec, same_order);
  }

  // What the next line of the same order may take over (with an order column):
  // the customer, and the day when its date is blank.
  void remember_last_line(bool had_order_text, Day day, bool pending) {
    last_had_order_text_ = had_order_text;
    last_customer_ok_ = true;
    last_day_ = day;
    last_day_pending_ = pending;
    last_day_ok_ = true;
  }

  // A guest order (customer id 0 or blank): its customer is its e-mail address,
  // when it has one; id and id_number are left alone otherwise.
  void take_guest_email(const RecordView& rec, std::string_view& id, IdNumber& id_number) {
    IdNumber email_number;
    const std::string_view email = normalize_id(cell(rec, guest_email_col_), guest_scratch_, email_number);
    if (email.empty()) return;
    id = email;
    id_number = email_number;
    ++guest_rows_;
  }

  // Whether the row's order status says the order is not a purchase (then the
  // row is skipped as cancelled_order). A blank status on a line of the order
  // last skipped so (Shopify writes the status on an order's first line item
  // only) skips the line too. Statuses repeat: the last one's answer is kept.
  bool cancelled_by_status(const RecordView& rec, std::uint64_t row, std::string_view order_text) {
    const int sc = col(Role::status);
    const std::string_view v = trim_value(cell(rec, sc));
    if (v.empty()) {
      if (order_text.empty() || order_text != cancelled_order_) return false;
      skip(kCancelledOrder, "line of an order whose status says cancelled, refunded or unpaid", row, sc);
      return true;
    }
    if (!same_text(v, status_memo_)) {
      status_memo_.assign(v.data(), v.size());
      status_memo_cancelled_ = status_means_cancelled(normalize_header(v));
    }
    if (!status_memo_cancelled_) return false;
    cancelled_order_.assign(order_text.data(), order_text.size());
    skip_value(kCancelledOrder, "order status", v, row, sc);
    return true;
  }

  double read_margin(const RecordView& rec, std::uint64_t row, double amount) {
    const int c = col(Role::margin) >= 0 ? col(Role::margin) : col(Role::cost);
    const auto x = parse_number(cell(rec, c), r_.decimal);
    if (!x) {
      if (issue_room()) add_issue(kBadMargin, row, c, "unreadable margin or cost; 0 used");
      else issue_counter_.add(kBadMargin);
      return 0.0;
    }
    return col(Role::margin) >= 0 ? *x : amount - (amount < 0 ? -std::fabs(*x) : *x);
  }

  // Rows often repeat the previous row's value (the country or channel of
  // one order's lines): compared with it first, before any hashing.
  // carry_blank: a blank cell takes the previous line's value (another line
  // of the same order).
  static void add_category(Category& cat, const RecordView& rec, bool carry_blank = false) {
    if (cat.col < 0) return;
    const std::string_view v = trim_value(cell(rec, cat.col));
    std::vector<std::uint32_t>& code = cat.column.code;
    if (!code.empty() && (same_text(cat.column.labels[code.back()], v) || (carry_blank && v.empty()))) {
      code.push_back(code.back());
    } else {
      code.push_back(cat.interner.intern(v, cat.column.labels));
    }
  }

  void customer_row(const RecordView& rec, std::uint64_t row) {
    const int cc = col(Role::customer);
    const std::string_view id = normalize_id(cell(rec, cc), id_scratch_);
    if (id.empty()) return skip(kNoCustomer, "no customer id", row, cc);
    if (is_totals_label(id)) return skip_value(kTotalsRow, "a totals row, not a customer:", id, row, cc);
    if (customers_.contains(id, r_.customers.customer_ids)) return skip(kDuplicateCustomer, "customer already listed", row, cc);
    double tenure = 0.0;
    Day start = 0, end = 0;
    bool has_end = false;
    if (col(Role::tenure) >= 0) {
      const auto x = parse_number(cell(rec, col(Role::tenure)), r_.decimal);
      if (!x || *x < 0) return skip_value(kBadTenure, "unreadable tenure", cell(rec, col(Role::tenure)), row, col(Role::tenure));
      tenure = *x;
    } else {
      const auto d = parse_date(cell(rec, col(Role::start_date)), opts_.date_order == DateOrder::mdy ? DateOrder::mdy : DateOrder::auto_detect);
      if (!d) return skip_value(kBadDate, "unreadable start date", cell(rec, col(Role::start_date)), row, col(Role::start_date));
      start = *d;
    }
    if (col(Role::end_date) >= 0 && !trim_value(cell(rec, col(Role::end_date))).empty()) {
      const auto d = parse_date(cell(rec, col(Role::end_date)), opts_.date_order == DateOrder::mdy ? DateOrder::mdy : DateOrder::auto_detect);
      if (!d) return skip_value(kBadDate, "unreadable end date", cell(rec, col(Role::end_date)), row, col(Role::end_date));
      end = *d;
      has_end = true;
    }
    bool churned = has_end;
    if (col(Role::churn) >= 0) {
      const auto f = parse_flag(cell(rec, col(Role::churn)));
      if (!f) return skip_value(kBadChurn, "unreadable churn flag", cell(rec, col(Role::churn)), row, col(Role::churn));
      churned = *f;
    }
    double revenue = 0.0;
    if (col(Role::monthly_revenue) >= 0) {
      const auto x = parse_number(cell(rec, col(Role::monthly_revenue)), r_.decimal);
      if (!x) return skip_value(kBadAmount, "unreadable monthly revenue", cell(rec, col(Role::monthly_revenue)), row, col(Role::monthly_revenue));
      revenue = *x;
    }
    CustomerList& l = r_.customers;
    customers_.intern(id, l.customer_ids);
    l.tenure.push_back(tenure);
    l.churned.push_back(churned ? 1 : 0);
    if (col(Role::monthly_revenue) >= 0) l.monthly_revenue.push_back(revenue);
    l.source_row.push_back(static_cast<std::uint32_t>(row));
    if (col(Role::tenure) < 0) {
      starts_.push_back(start);
      ends_.push_back(has_end ? end : -2147483647);
      if (has_end) max_day_ = std::max(max_day_, end);
      max_day_ = std::max(max_day_, start);
    }
    for (auto& s : segments_) add_category(s, rec);
    ++used_;
  }

  // ---- finish ----------------------------------------------------------
  // The date column's form once its day/month order is known: a/b/yyyy
  // becomes dd/mm/yyyy or mm/dd/yyyy.
  void set_date_form(int dc, DateOrder order) {
    if (dc < 0 || static_cast<std::size_t>(dc) >= r_.columns.size()) return;
    std::string& format = r_.columns[static_cast<std::size_t>(dc)].format;
    if (format == "a/b/yyyy") format = order == DateOrder::mdy ? "mm/dd/yyyy" : "dd/mm/yyyy";
  }

  // The day/month order of a/b/yyyy dates: the user's, else decided from all
  // values (r_.date_order; auto when no date needed it).
  void resolve_dates() {
    const int dc = col(Role::date);
    if (day_pending_.empty()) {  // every date was read at once: the user set the order, or none was a/b/yyyy
      r_.date_order = opts_.date_order;
      if (opts_.date_order != DateOrder::auto_detect) set_date_form(dc, opts_.date_order);
      return;
    }
    DateOrder order = opts_.date_order;
    if (order == DateOrder::auto_detect) {
      if (dmy_only_ > 0 && mdy_only_ == 0) {
        order = DateOrder::dmy;
      } else if (mdy_only_ > 0 && dmy_only_ == 0) {
        order = DateOrder::mdy;
      } else if (dmy_only_ == 0 && mdy_only_ == 0) {
        order = DateOrder::dmy;
        add_issue("ambiguous_date_order", 0, dc,
                  "every date reads both as day/month and month/day; read as day/month, choose the date order to change it");
      } else {
        order = dmy_only_ >= mdy_only_ ? DateOrder::dmy : DateOrder::mdy;
        add_issue("mixed_date_order", 0, dc,
                  std::to_string(dmy_only_) + " dates are only valid as day/month and " + std::to_string(mdy_only_) +
                      " only as month/day; read as " + (order == DateOrder::dmy ? "day/month" : "month/day"));
      }
    }
    r_.date_order = order;
    set_date_form(dc, order);
    OrderLines& o = r_.orders;
    std::vector<std::uint8_t> keep(o.size(), 1);
    bool drop = false;
    for (std::size_t i = 0; i < o.size(); ++i) {
      if (!day_pending_[i]) continue;
      const DateToken t = unpack_token(o.day[i]);
      const auto d = resolve_date(t, order);
      if (d) {
        o.day.set(i, *d);
      } else {
        keep[i] = 0;
        drop = true;
        --used_;
        skip(kBadDate, order == DateOrder::dmy ? "not a valid day/month date" : "not a valid month/day date", o.source_row[i], dc);
      }
    }
    day_pending_.clear();
    if (drop) compact(keep);
  }

  static void filter(RowNumbers& v, const std::vector<std::uint8_t>& keep) { v.filter(keep); }
  template <class Codec>
  static void filter(NarrowColumn<Codec>& v, const std::vector<std::uint8_t>& keep) { v.filter(keep); }

  template <class T>
  static void filter(std::vector<T>& v, const std::vector<std::uint8_t>& keep) {
    keep_lines(v, keep);
  }

  template <class Ids>
  static void remap_ids(std::vector<std::uint32_t>& idx, Ids& ids) {
    std::vector<std::uint32_t> map(ids.size(), UINT32_MAX);
    Ids next;
    for (auto& i : idx) {
      if (map[i] == UINT32_MAX) {
        map[i] = static_cast<std::uint32_t>(next.size());
        next.push_back(ids[i]);
      }
      i = map[i];
    }
    ids = std::move(next);
  }

  void compact(const std::vector<std::uint8_t>& keep) {
    OrderLines& o = r_.orders;
    filter(o.customer, keep);
    filter(o.order, keep);
    filter(o.day, keep);
    filter(o.amount, keep);
    filter(o.margin, keep);
    filter(o.kind, keep);
    filter(o.source_row, keep);
    filter(product_.column.code, keep);
    filter(channel_.column.code, keep);
    for (auto& s : segments_) filter(s.column.code, keep);
    remap_ids(o.customer, o.customer_ids);
    if (!o.order.empty() || col(Role::order) >= 0) remap_ids(o.order, o.order_ids);
  }

  // Without an order column, one customer's lines of one day form one order.
  void orders_from_days() {
    OrderLines& o = r_.orders;
    std::unordered_map<std::uint64_t, std::uint32_t> index;
    o.order.resize(o.size());
    for (std::size_t i = 0; i < o.size(); ++i) {
      const std::uint64_t key = (static_cast<std::uint64_t>(o.customer[i]) << 32) | static_cast<std::uint32_t>(o.day[i]);
      auto [it, added] = index.emplace(key, static_cast<std::uint32_t>(o.order_ids.size()));
      if (added) {
        o.order_ids.push_back(std::string(o.customer_ids[o.customer[i]]) + "@" + format_iso_date(o.day[i]));
      }
      o.order[i] = it->second;
    }
  }

  void finish_customers() {
    CustomerList& l = r_.customers;
    if (col(Role::tenure) >= 0) {
      l.tenure_column = r_.columns[static_cast<std::size_t>(col(Role::tenure))].name;
    } else {
      // Tenure in months (30.4375 days) from start to end, or to the last date in the file.
      for (std::size_t i = 0; i < l.size(); ++i) {
        const Day end = ends_[i] == -2147483647 ? max_day_ : ends_[i];
        l.tenure[i] = std::max(0.0, static_cast<double>(end - starts_[i]) / 30.4375);
      }
    }
    for (auto& s : segments_) l.segments.push_back(std::move(s.column));
  }

  IngestResult build_result() {
    if (r_.mode == IngestMode::table) {
      // nothing stored
    } else if (r_.mode == IngestMode::orders) {
      resolve_dates();
      if (col(Role::order) < 0) orders_from_days();
      if (product_.col >= 0) r_.orders.product = std::move(product_.column);
      if (channel_.col >= 0) r_.orders.channel = std::move(channel_.column);
      for (auto& s : segments_) r_.orders.segments.push_back(std::move(s.column));
    } else {
      finish_customers();
    }
    r_.accounting.rows_used = used_;
    skip_counter_.export_to(r_.accounting.skipped);
    issue_counter_.export_to(r_.issue_counts);
    r_.accounting.blank_lines = tokenizer_->blank_lines();
    const auto lf = tokenizer_->line_breaks_lf(), crlf = tokenizer_->line_breaks_crlf(), cr = tokenizer_->line_breaks_cr();
    const int kinds = (lf > 0) + (crlf > 0) + (cr > 0);
    r_.line_break = kinds == 0 ? "none" : kinds > 1 ? "mixed" : lf ? "lf" : crlf ? "crlf" : "cr";
    if (decoder_->switched()) {
      r_.encoding = Encoding::windows1252;
      r_.encoding_reason = "ascii sample, then bytes that are not utf-8";
    }
    if (decoder_->invalid_count() > 0) {
      add_issue("invalid_encoding", 0, -1,
                std::to_string(decoder_->invalid_count()) + " invalid bytes replaced by U+FFFD (first at byte " +
                    std::to_string(decoder_->first_invalid_offset()) + ")");
      r_.issue_counts["invalid_encoding"] = decoder_->invalid_count();
    }
    if (tokenizer_->bad_quotes() > 0) {
      add_issue("bad_quotes", 0, -1, std::to_string(tokenizer_->bad_quotes()) + " quotes inside quoted fields kept as text");
      r_.issue_counts["bad_quotes"] = tokenizer_->bad_quotes();
    }
    if (guest_rows_ > 0) {
      const std::string& email = r_.columns[static_cast<std::size_t>(guest_email_col_)].name;
      add_issue("guest_orders", 0, guest_email_col_,
                std::to_string(guest_rows_) + " rows with customer id 0 or blank (guest orders) took their customer from \"" + email + "\"");
      r_.issue_counts["guest_orders"] = guest_rows_;
    }
    if (tokenizer_->unterminated_quotes() > 0) {
      add_issue("unterminated_quote", 0, -1, "a quoted field runs to the end of the input");
    }
    return std::move(r_);
  }

  IngestOptions opts_;
  IngestResult r_;
  bool decided_ = false, finished_ = false;
  std::string sample_, text_;
  std::unique_ptr<TextDecoder> decoder_;
  std::unique_ptr<Tokenizer> tokenizer_;
  std::size_t preamble_left_ = 0;
  bool header_pending_ = false;
  std::size_t ncols_ = 0;
  int col_[kRoleCount];
  bool date_serial_ = false;
  // The last date text read_date read, and what it gave (see there).
  struct DateMemo {
    std::string text;
    Day day = 0;
    bool pending = false, dmy_only = false, mdy_only = false, valid = false;

    void remember(std::string_view v, Day d, bool is_pending, bool is_dmy_only, bool is_mdy_only) {
      text.assign(v.data(), v.size());
      day = d;
      pending = is_pending;
      dmy_only = is_dmy_only;
      mdy_only = is_mdy_only;
      valid = true;
    }
  };
  DateMemo date_memo_;
  PlainRows plain_rows_;
  std::string status_memo_;         // the last status text cancelled_by_status read
  bool status_memo_cancelled_ = false;
  std::string cancelled_order_;     // the last order skipped for its status
  bool cancel_prefix_ = false;
  Category product_, channel_;
  std::vector<Category> segments_;
  bool shopify_ = false;  // Shopify line-item columns (Lineitem price, Lineitem quantity) in the header
  Interner customers_;
  OrderIdInterner orders_;
  std::string id_scratch_, order_scratch_, guest_scratch_;
  int guest_email_col_ = -1;     // e-mail column naming the customers of guest orders (id 0 or blank), or -1
  std::uint64_t guest_rows_ = 0;  // rows whose customer came from it
  bool last_had_order_text_ = false, last_customer_ok_ = false, last_day_ok_ = false, last_day_pending_ = false;
  std::uint32_t last_order_index_ = 0;
  std::vector<std::uint32_t> pending_customers_;  // numbers of the last lines' customers, not yet looked up
  // The text of order last_order_index_ (order_ids formats its ranges on demand): in a
  // fixed buffer when short, as one copy per new order costs less than std::string::assign.
  char last_order_short_[32] = {};
  std::size_t last_order_size_ = 0;
  std::string last_order_long_;
  IdNumber last_order_number_;  // set when the last order's id is digits only (its text is then not kept)
  Day last_day_ = 0;
  std::vector<std::uint8_t> day_pending_;
  std::uint64_t dmy_only_ = 0, mdy_only_ = 0, used_ = 0;
  std::unordered_set<std::uint64_t> seen_rows_;
  std::vector<Day> starts_, ends_;
  Day max_day_ = -2147483647;
  Counter skip_counter_, issue_counter_;
};

}  // namespace detail

IngestSession::IngestSession(IngestOptions options) : impl_(std::make_unique<detail::SessionImpl>(std::move(options))) {}
IngestSession::~IngestSession() = default;
IngestSession::IngestSession(IngestSession&&) noexcept = default;
IngestSession& IngestSession::operator=(IngestSession&&) noexcept = default;

void IngestSession::feed(const std::uint8_t* data, std::size_t size) { impl_->feed(data, size); }
IngestResult IngestSession::finish() { return impl_->finish(); }
std::uint64_t IngestSession::rows_read() const noexcept { return impl_->rows_read(); }

IngestResult ingest_bytes(std::string_view bytes, const IngestOptions& options) {
  IngestSession s(options);
  s.feed(bytes);
  return s.finish();
}

}  // namespace kpikit
