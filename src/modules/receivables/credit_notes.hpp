// Credit notes and write-offs: what reduces an issued invoice.
//
// A credit note is entered by hand against an invoice — all of it, or some lines by quantity
// or by net amount — as a draft (receivables.credit), and issued when another person approves
// it (receivables.approve; segregation-of-duties rule ar.credit_note_create_and_approve, which
// a holder of access.sod_override may override with a reason). Issuing posts the reverse of
// what it credits: Dr the credited lines' revenue accounts and tax payable / Cr 1200 (party:
// the customer), series CN. A line's credits never exceed its net and tax, and a credit note
// never exceeds the invoice's open balance: checked when entered and again when approved.
// A write-off (receivables.approve, series WO) clears a small open balance (at most
// write_off_minor_max) with a reason: Dr 4200 Sales Returns and Allowances (or the account
// given) / Cr 1200; it is issued at once.
// Thread safety: stateless; a Txn belongs to one thread.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "modules/receivables/model.hpp"
#include "platform/api/caller.hpp"
#include "store/database.hpp"

namespace bo::modules::receivables {

// Enters a draft credit note and records the duty "receivables.credit_note_create".
// Errors: not_found ("invoice"); conflict unless the invoice is issued; invalid_argument
// ("reason", "credit_date", "lines/N/invoice_line", "lines/N/quantity", "lines/N/amount" over
// what is left, "lines" when the total is zero or over the open balance).
[[nodiscard]] core::Result<Document> create_credit_note(store::Txn& txn,
                                                        const core::Clock& clock,
                                                        const platform::Caller& caller,
                                                        const NewCreditNote& input);

// Approves and issues a draft credit note. Errors: not_found; conflict once issued or when
// credits issued since leave too little to credit; forbidden (segregation of duties) when the
// approver entered it, unless overridden with a reason; those of ledger::post().
[[nodiscard]] core::Result<Document> approve_credit_note(
    store::Txn& txn,
    const core::Clock& clock,
    const platform::Caller& caller,
    DocumentId id,
    const std::optional<std::string>& override_reason);

// Writes off (part of) an invoice's open balance. Errors: not_found; conflict unless issued
// with an open balance; invalid_argument ("amount" over the open balance or
// write_off_minor_max, "reason", "date", "account").
[[nodiscard]] core::Result<Document> write_off(store::Txn& txn,
                                               const core::Clock& clock,
                                               const platform::Actor& actor,
                                               DocumentId invoice,
                                               const NewWriteOff& input);

}  // namespace bo::modules::receivables
