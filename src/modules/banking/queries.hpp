// The banking module's SQL (the only place it lives). Every statement is scoped by company.
// Thread safety: functions of a Txn.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/banking/service.hpp"
#include "store/database.hpp"

namespace bo::modules::banking::queries {

using platform::tenancy::CompanyId;

// A bank account row; csv_mapping is the stored JSON text ("" when none).
struct BankAccountRow {
    BankAccount account;
    std::string csv_mapping;
};

[[nodiscard]] core::Result<BankAccountId> insert_bank_account(store::Txn& txn,
                                                              const BankAccount& account,
                                                              const std::string& csv_mapping);

[[nodiscard]] core::Result<std::optional<BankAccountRow>> select_bank_account(store::Txn& txn,
                                                                              CompanyId company,
                                                                              BankAccountId id);

// By IBAN (when `iban` is not empty) or else by account number.
[[nodiscard]] core::Result<std::optional<BankAccountRow>> select_bank_account_by_identifier(
    store::Txn& txn, CompanyId company, std::string_view iban, std::string_view account_number);

[[nodiscard]] core::Result<std::vector<BankAccountRow>> select_bank_accounts(store::Txn& txn,
                                                                             CompanyId company,
                                                                             BankAccountId after_id,
                                                                             std::int64_t limit);

[[nodiscard]] core::Result<bool> name_taken(store::Txn& txn,
                                            CompanyId company,
                                            std::string_view name);

// The statement of this bank account with this reference, or any with this file hash.
[[nodiscard]] core::Result<std::optional<StatementId>> select_statement_id(
    store::Txn& txn, CompanyId company, BankAccountId account, std::string_view statement_ref);

[[nodiscard]] core::Result<bool> file_seen(store::Txn& txn,
                                           CompanyId company,
                                           BankAccountId account,
                                           std::string_view file_hash);

[[nodiscard]] core::Result<bool> reference_seen(store::Txn& txn,
                                                CompanyId company,
                                                BankAccountId account,
                                                std::string_view bank_reference);

// The latest statement of the account that states a closing balance dated on or before
// `on_or_before` (the statement an opening balance of that date continues).
[[nodiscard]] core::Result<std::optional<Statement>> select_last_closed_statement(
    store::Txn& txn, CompanyId company, BankAccountId account, core::Date on_or_before);

[[nodiscard]] core::Result<StatementId> insert_statement(store::Txn& txn,
                                                         const Statement& statement,
                                                         std::string_view file_hash);

[[nodiscard]] core::Result<void> insert_lines(store::Txn& txn,
                                              CompanyId company,
                                              StatementId statement,
                                              BankAccountId account,
                                              std::span<const ParsedLine> lines);

[[nodiscard]] core::Result<std::vector<Statement>> select_statements(store::Txn& txn,
                                                                     CompanyId company,
                                                                     StatementId after_id,
                                                                     std::int64_t limit);

[[nodiscard]] core::Result<std::optional<Statement>> select_statement(store::Txn& txn,
                                                                      CompanyId company,
                                                                      StatementId id);

// The columns of a statement line (table alias `l`) as decode_line reads them, first in a
// SELECT list: "SELECT " + line_columns + " FROM bank_statement_lines l ...". Further columns
// may follow (line_column_count of them come first).
inline constexpr std::string_view line_columns =
    "l.id, l.line_number, l.entry_number, l.booking_date, l.value_date, l.amount_minor, "
    "l.currency, l.bank_reference, l.end_to_end_id, l.remittance, l.creditor_reference, "
    "l.counterparty_name, l.counterparty_account, l.counterparty_bic, l.transaction_code, "
    "l.status, l.match_status, l.statement_id, l.bank_account_id";
inline constexpr std::size_t line_column_count = 19;

// The first line_column_count columns of a row. Errors: internal for a corrupt row.
[[nodiscard]] core::Result<StatementLine> decode_line(const store::Row& row);

[[nodiscard]] core::Result<std::vector<StatementLine>> select_lines(store::Txn& txn,
                                                                    CompanyId company,
                                                                    StatementId statement);

}  // namespace bo::modules::banking::queries
