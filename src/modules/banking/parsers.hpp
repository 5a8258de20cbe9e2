// The statement parsers: a bank's file in, the neutral ParsedFile of model.hpp out.
//
// Every parser reads by the standard, not by the samples we have seen:
// - camt: ISO 20022 camt.053 (BkToCstmrStmt/Stmt) and camt.054 (BkToCstmrDbtCdtNtfctn/Ntfctn)
//   in any version; elements are matched by local name under any
//   urn:iso:std:iso:20022:tech:xsd:camt.05x.001.NN namespace (or none, or a prefix).
// - OFX: 1.x SGML (a colon header, leaf tags left open) and 2.x XML, bank (STMTRS) and credit
//   card (CCSTMTRS) statements, several per file; CHARSET 1252 / 8859-1 is converted to UTF-8.
// - CSV: RFC 4180 text (platform/files/csv_reader) read through a CsvMapping.
// A malformed file is an invalid_argument error whose field names the place: "line/37" for OFX
// and CSV, an element path for camt ("Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt"), with the
// reason in the message. Nothing is guessed: an amount with more decimals than its currency is
// refused unless the extra digits are zeros, a date that is not a calendar day is refused.
// Invariants: no floating point; the work is bounded by the input's length and the limits of
// model.hpp (limit_exceeded past them).
// Thread safety: pure functions of their arguments.
#pragma once

#include <optional>
#include <string_view>

#include "core/money.hpp"
#include "core/result.hpp"
#include "modules/banking/model.hpp"

namespace bo::modules::banking {

// The format of `bytes` judged from its content: camt053/camt054 for an ISO 20022 document,
// ofx for an OFX header or <OFX> root, otherwise csv. Never fails.
StatementFormat detect_format(std::string_view bytes) noexcept;

// Parses a camt.053 or camt.054 document (either is accepted whatever `expected` says; the
// result's format tells which it was). Errors: invalid_argument naming the element path;
// limit_exceeded past statements_per_file_max / statement_lines_max.
[[nodiscard]] core::Result<ParsedFile> parse_camt(std::string_view bytes);

// Parses an OFX 1.x or 2.x file with at least one bank or credit-card statement.
// Errors: invalid_argument naming the line; limit_exceeded as parse_camt.
[[nodiscard]] core::Result<ParsedFile> parse_ofx(std::string_view bytes);

// Parses CSV text through `mapping`; amounts are in `currency` (the bank account's). The one
// statement has no account, id or balances (the service supplies them).
// Errors: invalid_argument naming the line (or field "mapping/<name>" for a column the header
// lacks); limit_exceeded past the CSV reader's limits.
[[nodiscard]] core::Result<ParsedFile> parse_csv_statement(std::string_view bytes,
                                                           const CsvMapping& mapping,
                                                           core::Currency currency);

// Parses `bytes` as `format` (detected when nullopt). CSV needs `mapping` and `currency`:
// without them it is invalid_argument (field "format").
[[nodiscard]] core::Result<ParsedFile> parse_statement_file(std::string_view bytes,
                                                            std::optional<StatementFormat> format,
                                                            const CsvMapping* mapping,
                                                            std::optional<core::Currency> currency);

}  // namespace bo::modules::banking
