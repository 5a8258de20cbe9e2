// The standard small-business chart of accounts: 66 accounts in five trees (assets,
// liabilities, equity, income, expenses), numbered so that a parent's number sorts before its
// children. Control accounts name the sub-ledger that alone may post to them.
#include <array>
#include <string>

#include "ledger/service.hpp"

namespace bo::ledger {
namespace {

struct ChartRow {
    std::string_view number;
    std::string_view name;
    std::string_view type;
    std::string_view parent;  // empty for a top-level account
    std::string_view control;
};

// Parents come before their children (load_standard_chart creates them in this order).
constexpr std::array<ChartRow, 66> standard_chart = {{
    {"1000", "Assets", "asset", "", "none"},
    {"1100", "Current Assets", "asset", "1000", "none"},
    {"1110", "Cash on Hand", "asset", "1100", "none"},
    {"1120", "Checking Account", "asset", "1100", "none"},
    {"1130", "Savings Account", "asset", "1100", "none"},
    {"1200", "Accounts Receivable", "asset", "1100", "ar"},
    {"1210", "Allowance for Doubtful Accounts", "asset", "1100", "none"},
    {"1300", "Inventory", "asset", "1100", "inventory"},
    {"1400", "Prepaid Expenses", "asset", "1100", "none"},
    {"1410", "VAT Receivable", "asset", "1100", "none"},
    {"1500", "Fixed Assets", "asset", "1000", "none"},
    {"1510", "Furniture and Equipment", "asset", "1500", "none"},
    {"1520", "Vehicles", "asset", "1500", "none"},
    {"1530", "Computer Equipment", "asset", "1500", "none"},
    {"1590", "Accumulated Depreciation", "asset", "1500", "none"},
    {"2000", "Liabilities", "liability", "", "none"},
    {"2100", "Current Liabilities", "liability", "2000", "none"},
    {"2110", "Accounts Payable", "liability", "2100", "ap"},
    {"2120", "Accrued Liabilities", "liability", "2100", "none"},
    {"2130", "Credit Card Payable", "liability", "2100", "none"},
    {"2200", "Payroll Liabilities", "liability", "2100", "none"},
    {"2210", "Wages Payable", "liability", "2200", "payroll"},
    {"2220", "Payroll Taxes Payable", "liability", "2200", "payroll"},
    {"2230", "Employee Benefits Payable", "liability", "2200", "payroll"},
    {"2300", "Sales Tax Payable", "liability", "2100", "none"},
    {"2310", "Income Tax Payable", "liability", "2100", "none"},
    {"2400", "Customer Deposits", "liability", "2100", "none"},
    {"2500", "Long-term Liabilities", "liability", "2000", "none"},
    {"2510", "Bank Loan", "liability", "2500", "none"},
    {"2520", "Equipment Loans", "liability", "2500", "none"},
    {"3000", "Equity", "equity", "", "none"},
    {"3100", "Owner's Capital", "equity", "3000", "none"},
    {"3200", "Owner's Drawings", "equity", "3000", "none"},
    {"3900", "Retained Earnings", "equity", "3000", "none"},
    {"4000", "Income", "income", "", "none"},
    {"4100", "Sales Revenue", "income", "4000", "none"},
    {"4110", "Product Sales", "income", "4100", "none"},
    {"4120", "Service Revenue", "income", "4100", "none"},
    {"4200", "Sales Returns and Allowances", "income", "4000", "none"},
    {"4300", "Sales Discounts", "income", "4000", "none"},
    {"4800", "Other Income", "income", "4000", "none"},
    {"4810", "Interest Income", "income", "4800", "none"},
    {"4820", "Foreign Exchange Gain", "income", "4800", "none"},
    {"5000", "Cost of Goods Sold", "expense", "", "none"},
    {"5100", "Cost of Goods Sold - Products", "expense", "5000", "none"},
    {"5200", "Freight In", "expense", "5000", "none"},
    {"5300", "Inventory Adjustments", "expense", "5000", "none"},
    {"6000", "Operating Expenses", "expense", "", "none"},
    {"6100", "Payroll Expenses", "expense", "6000", "none"},
    {"6110", "Salaries and Wages", "expense", "6100", "none"},
    {"6120", "Payroll Taxes", "expense", "6100", "none"},
    {"6130", "Employee Benefits", "expense", "6100", "none"},
    {"6200", "Occupancy", "expense", "6000", "none"},
    {"6210", "Rent", "expense", "6200", "none"},
    {"6220", "Utilities", "expense", "6200", "none"},
    {"6300", "Office and Administrative", "expense", "6000", "none"},
    {"6310", "Office Supplies", "expense", "6300", "none"},
    {"6320", "Telephone and Internet", "expense", "6300", "none"},
    {"6330", "Software Subscriptions", "expense", "6300", "none"},
    {"6400", "Professional Fees", "expense", "6000", "none"},
    {"6500", "Marketing and Advertising", "expense", "6000", "none"},
    {"6600", "Travel and Meals", "expense", "6000", "none"},
    {"6700", "Insurance", "expense", "6000", "none"},
    {"6800", "Depreciation Expense", "expense", "6000", "none"},
    {"6900", "Bank Fees", "expense", "6000", "none"},
    {"7000", "Interest Expense", "expense", "", "none"},
}};

}  // namespace

std::string_view standard_retained_earnings_number() noexcept {
    return "3900";
}

core::Result<std::vector<Account>> load_standard_chart(store::Txn& txn,
                                                       const core::Clock& clock,
                                                       const Actor& actor) {
    BO_TRY_ASSIGN(const std::vector<Account> existing,
                  list_accounts(txn, actor.company, AccountId(0), 1));
    if (!existing.empty()) {
        return core::Error(core::ErrorCode::conflict,
                           "the company already has a chart of accounts");
    }
    std::vector<Account> created;
    created.reserve(standard_chart.size());
    for (const ChartRow& row : standard_chart) {
        NewAccount input{.number = std::string(row.number),
                         .name = std::string(row.name),
                         .type = std::string(row.type),
                         .parent = row.parent.empty()
                                       ? std::nullopt
                                       : std::optional<std::string>(std::string(row.parent)),
                         .currency = std::nullopt,
                         .control = std::string(row.control)};
        BO_TRY_ASSIGN(Account account, create_account(txn, clock, actor, input));
        created.push_back(std::move(account));
    }
    BO_ASSERT(created.size() == standard_chart.size());
    return created;
}

}  // namespace bo::ledger
