#include "platform/access/segregation.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "platform/access/segregation_queries.hpp"
#include "platform/audit/audit.hpp"

namespace bo::platform::access {
namespace {

using core::Error;
using core::ErrorCode;

// The rules. Each names two actions one user may not both perform on one document; the
// actions are the names services pass to perform_duty.
constexpr std::array<SodRule, 6> rules = {{
    {"ap.bill_enter_and_payment_approve",
     "payables.bill_enter",
     "payables.payment_approve",
     "the person who enters a vendor bill may not approve its payment",
     "vendor_bill"},
    {"payroll.employee_create_and_pay_run_approve",
     "hr.employee_create",
     "payroll.pay_run_approve",
     "the person who creates an employee may not approve a pay run that pays them",
     "employee"},
    {"payroll.bank_change_and_pay_run_approve",
     "hr.employee_bank_change",
     "payroll.pay_run_approve",
     "the person who changes an employee's bank account may not approve a pay run that pays "
     "them",
     "employee"},
    {"ar.credit_note_create_and_approve",
     "receivables.credit_note_create",
     "receivables.credit_note_approve",
     "the person who creates a customer credit note may not approve it",
     "credit_note"},
    {"gl.entry_create_and_post",
     "ledger.entry_create",
     "ledger.entry_post",
     "the person who creates a journal entry may not post it",
     "journal_entry"},
    {"sales.order_enter_and_credit_release",
     "sales.order_enter",
     "sales.credit_hold_release",
     "the person who enters a sales order may not release its credit hold",
     "sales_order"},
}};

// The rule's action that conflicts with `action`, or empty when the rule does not apply.
std::string_view conflicting_action(const SodRule& rule,
                                    std::string_view action,
                                    std::string_view document_type) {
    if (rule.document_type != document_type) {
        return {};
    }
    if (rule.first_action == action) {
        return rule.second_action;
    }
    if (rule.second_action == action) {
        return rule.first_action;
    }
    return {};
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    });
}

core::Result<void> check_input(const Caller& caller,
                               Document document,
                               const std::optional<std::string>& override_reason) {
    if (document.type.empty() || document.type.size() > document_type_bytes_max) {
        return Error::invalid("document_type",
                              "must be 1 to " + std::to_string(document_type_bytes_max) + " bytes");
    }
    if (document.id.empty() || document.id.size() > document_id_bytes_max) {
        return Error::invalid("document_id",
                              "must be 1 to " + std::to_string(document_id_bytes_max) + " bytes");
    }
    if (!override_reason) {
        return core::ok();
    }
    if (!caller.permissions.contains(sod_override_permission)) {
        return Error(ErrorCode::forbidden,
                     "overriding a segregation-of-duties rule requires the permission "
                         + std::string(sod_override_permission));
    }
    if (is_blank(*override_reason)) {
        return Error::invalid("override_reason", "must say why the rule is overridden");
    }
    if (override_reason->size() > core::text_field_bytes_max) {
        return Error(
            ErrorCode::limit_exceeded,
            "override_reason: at most " + std::to_string(core::text_field_bytes_max) + " bytes");
    }
    return core::ok();
}

std::string json_text(std::string_view text) {
    return boost::json::serialize(boost::json::value(boost::json::string_view(text)));
}

Error violation(const SodRule& rule, std::string_view done_action, Document document) {
    return Error(ErrorCode::forbidden,
                 "segregation of duties rule " + std::string(rule.id) + ": "
                     + std::string(rule.description) + " (you already performed "
                     + std::string(done_action) + " on " + std::string(document.type) + " "
                     + std::string(document.id) + "); another user must do this, or a user holding "
                     + std::string(sod_override_permission) + " may override it with a reason");
}

}  // namespace

std::span<const SodRule> sod_rules() {
    return rules;
}

core::Result<void> perform_duty(store::Txn& txn,
                                const core::Clock& clock,
                                const Caller& caller,
                                std::string_view action,
                                Document document,
                                const std::optional<std::string>& override_reason) {
    BO_ASSERT(caller.authenticated());
    BO_ASSERT(caller.actor.user.value() > 0);
    BO_ASSERT(!action.empty());
    BO_ASSERT(action.size() <= duty_action_bytes_max);
    BO_TRY(check_input(caller, document, override_reason));
    const tenancy::CompanyId company = caller.actor.company;
    const auth::UserId user = caller.actor.user;
    std::vector<const SodRule*> violated;
    std::vector<std::string> performed;
    bool performed_read = false;
    for (const SodRule& rule : rules) {
        std::string_view other = conflicting_action(rule, action, document.type);
        if (other.empty()) {
            continue;
        }
        if (!performed_read) {
            BO_TRY_ASSIGN(performed,
                          queries::select_performed_actions(txn, company, user, document));
            performed_read = true;
        }
        if (std::find(performed.begin(), performed.end(), other) != performed.end()) {
            violated.push_back(&rule);
        }
    }
    if (!violated.empty() && !override_reason) {
        const SodRule& first = *violated.front();
        return violation(first, conflicting_action(first, action, document.type), document);
    }
    for (const SodRule* rule : violated) {
        BO_TRY(audit::record(
            txn,
            clock,
            caller.actor,
            audit::NewEvent{.action = std::string(sod_override_action),
                            .entity_type = std::string(document.type),
                            .entity_id = std::string(document.id),
                            .changes = {
                                {"rule", std::nullopt, json_text(rule->id)},
                                {"action", std::nullopt, json_text(action)},
                                {"conflicting_action",
                                 std::nullopt,
                                 json_text(conflicting_action(*rule, action, document.type))},
                                {"reason", std::nullopt, json_text(*override_reason)},
                            }}));
    }
    return queries::insert_duty(txn, company, user, action, document, clock.now());
}

}  // namespace bo::platform::access
