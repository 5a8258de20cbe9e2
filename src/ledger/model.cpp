#include "ledger/model.hpp"

#include <array>
#include <string>
#include <utility>

namespace bo::ledger {
namespace {

// The wire names of each enum, indexed by enumerator value.
constexpr std::array<std::string_view, 5> account_type_names = {
    "asset", "liability", "equity", "income", "expense"};
constexpr std::array<std::string_view, 5> subledger_names = {
    "none", "ar", "ap", "inventory", "payroll"};
constexpr std::array<std::string_view, 3> period_status_names = {"open", "closed", "locked"};
constexpr std::array<std::string_view, 2> side_names = {"debit", "credit"};
constexpr std::array<std::string_view, 3> party_type_names = {"customer", "vendor", "employee"};
constexpr std::array<std::string_view, 2> entry_status_names = {"draft", "posted"};

template <typename Enum, std::size_t Size>
std::string_view name_of(const std::array<std::string_view, Size>& names, Enum value) noexcept {
    const auto index = static_cast<std::size_t>(value);
    BO_ASSERT(index < Size);
    return names[index];
}

template <typename Enum, std::size_t Size>
core::Result<Enum> parse_name(const std::array<std::string_view, Size>& names,
                              std::string_view text,
                              std::string_view field) {
    for (std::size_t index = 0; index < Size; ++index) {
        if (names[index] == text) {
            return static_cast<Enum>(index);
        }
    }
    std::string allowed;
    for (std::string_view name : names) {
        allowed += allowed.empty() ? "" : ", ";
        allowed += name;
    }
    return core::Error::invalid(std::string(field), "must be one of: " + allowed);
}

}  // namespace

std::string_view to_string(AccountType type) noexcept {
    return name_of(account_type_names, type);
}

std::string_view to_string(Subledger subledger) noexcept {
    return name_of(subledger_names, subledger);
}

std::string_view to_string(PeriodStatus status) noexcept {
    return name_of(period_status_names, status);
}

std::string_view to_string(Side side) noexcept {
    return name_of(side_names, side);
}

std::string_view to_string(PartyType type) noexcept {
    return name_of(party_type_names, type);
}

std::string_view to_string(EntryStatus status) noexcept {
    return name_of(entry_status_names, status);
}

core::Result<AccountType> parse_account_type(std::string_view text, std::string_view field) {
    return parse_name<AccountType>(account_type_names, text, field);
}

core::Result<Subledger> parse_subledger(std::string_view text, std::string_view field) {
    return parse_name<Subledger>(subledger_names, text, field);
}

core::Result<PeriodStatus> parse_period_status(std::string_view text, std::string_view field) {
    return parse_name<PeriodStatus>(period_status_names, text, field);
}

core::Result<Side> parse_side(std::string_view text, std::string_view field) {
    return parse_name<Side>(side_names, text, field);
}

core::Result<PartyType> parse_party_type(std::string_view text, std::string_view field) {
    return parse_name<PartyType>(party_type_names, text, field);
}

bool is_debit_normal(AccountType type) noexcept {
    return type == AccountType::asset || type == AccountType::expense;
}

bool is_profit_and_loss(AccountType type) noexcept {
    return type == AccountType::income || type == AccountType::expense;
}

}  // namespace bo::ledger
