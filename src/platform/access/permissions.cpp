#include "platform/access/permissions.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "core/assert.hpp"

namespace bo::platform::access {
namespace {

// The catalogue, grouped by module. A permission is added here before any route or service
// names it; Api::add asserts that every route's permission is listed.
constexpr PermissionInfo catalogue[] = {
    // Identity and access.
    {"self.profile", "See your own profile, change your password and sign out"},
    {"self.preferences", "Keep your own saved filters and screen settings"},
    {"self.timesheets", "Enter and submit your own timesheets"},
    {"self.leave", "Request leave and see your own balance"},
    {"self.tickets", "Open help-desk tickets and follow your own"},
    {"users.read", "See the users of the company, their roles and the role catalogue"},
    {"users.manage", "Create users, grant roles, unlock accounts and reset passwords"},
    {"roles.manage", "Define the company's own roles"},
    {"tokens.manage", "Create, list and revoke your API tokens"},
    {"company.read", "See the company's settings"},
    {"company.manage", "Change the company's settings"},
    {"access.sod_override", "Override a segregation-of-duties rule, with a recorded reason"},
    // Audit.
    {"audit.read", "Search the audit trail"},
    {"audit.verify", "Verify the audit trail's hash chain"},
    // Ledger.
    {"ledger.read", "See accounts, journal entries, balances and financial reports"},
    {"ledger.read_department",
     "See the trial balance, income statement and account detail of your own departments"},
    {"ledger.post", "Post manual journal entries, drafts, reversals and recurring entries"},
    {"ledger.draft", "Prepare, change and delete draft journal entries"},
    {"ledger.manage", "Maintain the chart of accounts, departments and fiscal periods"},
    {"ledger.close", "Close and reopen accounting periods"},
    // Sales and fulfilment.
    {"sales.read", "See customers, quotes and sales orders"},
    {"sales.order", "Enter and change sales orders"},
    {"sales.manage", "Maintain customers and price lists"},
    {"sales.fulfil", "Ship sales orders"},
    {"sales.release", "Release sales orders from credit hold"},
    {"returns.manage", "Authorise and receive customer returns"},
    // Inventory.
    {"inventory.read", "See items, stock levels and movements"},
    {"inventory.manage", "Maintain items and adjust stock"},
    // Receivables.
    {"receivables.read", "See customer invoices, payments and aging"},
    {"receivables.bill", "Issue customer invoices"},
    {"receivables.credit", "Enter customer credit notes"},
    {"receivables.approve", "Approve customer credit notes and write-offs"},
    {"receivables.collect", "Record customer payments and dunning"},
    // Payables.
    {"payables.read", "See vendors, vendor bills, payments and aging"},
    {"payables.enter", "Enter vendor bills"},
    {"payables.approve", "Approve vendor bills for payment"},
    {"payables.pay", "Prepare and release vendor payments"},
    {"payables.manage", "Maintain vendors and their bank details"},
    // Banking.
    {"banking.read", "See bank accounts and statements"},
    {"banking.reconcile", "Import statements and reconcile bank accounts"},
    {"banking.configure", "Change the cash-application matching rules"},
    // Payroll.
    {"payroll.read", "See pay runs, pay stubs and the payroll register"},
    {"payroll.run", "Prepare pay runs"},
    {"payroll.approve", "Approve pay runs"},
    // HR.
    {"hr.read", "See employees, positions and leave"},
    {"hr.manage", "Maintain employees, positions and leave"},
    // Recruiting.
    {"recruiting.read", "See openings, applicants and interviews"},
    {"recruiting.manage", "Publish openings and move applicants through hiring"},
    // Help desk.
    {"helpdesk.read", "See all help-desk tickets"},
    {"helpdesk.manage", "Work, assign and close help-desk tickets"},
    // Customer service.
    {"service.read", "See customer service cases"},
    {"service.manage", "Work customer service cases"},
    // Budgets.
    {"budgets.read", "See budgets and budget versus actual"},
    {"budgets.manage", "Prepare and change budgets"},
    {"budgets.approve", "Approve budgets"},
    // Files and jobs.
    {"files.import", "Import CSV, XLSX and bank files"},
    {"files.export", "Export lists and reports"},
    {"jobs.read", "See background jobs and their progress"},
    {"jobs.manage", "Start and cancel background jobs"},
    // Documents.
    {"documents.read", "Print and download business documents (PDF)"},
    // Reports.
    {"reports.read", "Run cross-module management reports"},
    {"reports.manage", "Define and schedule management reports"},
    {"settings.manage", "Change integrations such as mail and bank connections"},
};

constexpr std::array<std::string_view, 2> signed_in = {"self.profile", "self.preferences"};

// (narrower, wider): holding the wider permission grants the narrower one.
constexpr std::array<std::pair<std::string_view, std::string_view>, 1> implications = {{
    {"ledger.read_department", "ledger.read"},
}};

constexpr std::string_view read_suffix = ".read";

// Permissions that look at data without changing it, besides the `*.read` ones.
constexpr std::array<std::string_view, 3> other_read_only = {
    "audit.verify", "files.export", "ledger.read_department"};

bool is_read(std::string_view permission) {
    return permission.ends_with(read_suffix);
}

bool is_read_only(std::string_view permission) {
    return is_read(permission)
           || std::find(other_read_only.begin(), other_read_only.end(), permission)
                  != other_read_only.end();
}

std::vector<std::string_view> every_permission() {
    std::vector<std::string_view> all;
    for (const PermissionInfo& info : catalogue) {
        all.push_back(info.name);
    }
    return all;
}

// Every `*.read` permission, plus `extra`.
std::vector<std::string_view> reads_and(std::initializer_list<std::string_view> extra) {
    std::vector<std::string_view> all;
    for (const PermissionInfo& info : catalogue) {
        if (is_read(info.name)) {
            all.push_back(info.name);
        }
    }
    all.insert(all.end(), extra);
    return all;
}

std::vector<RoleDefinition> make_roles() {
    return {
        {"admin", "Administrator", every_permission(), false},
        {"executive",
         "Executive",
         reads_and({"payables.approve",
                    "sales.release",
                    "payroll.approve",
                    "receivables.approve",
                    "budgets.approve",
                    "tokens.manage",
                    "files.export"}),
         false},
        {"manager",
         "Department manager",
         {"sales.read",
          "sales.release",
          "inventory.read",
          "receivables.read",
          "payables.read",
          "payables.approve",
          "hr.read",
          "recruiting.read",
          "helpdesk.read",
          "service.read",
          "budgets.read",
          "budgets.manage",
          "reports.read",
          "ledger.read_department",
          "files.export"},
         true},
        {"order_clerk",
         "Order clerk",
         {"sales.read", "sales.order", "sales.manage", "inventory.read"},
         false},
        // Picks, packs, ships, receives and counts: the goods side, kept apart from the order
        // clerk, who takes orders but does not move or adjust stock.
        {"warehouse_clerk",
         "Warehouse clerk",
         {"sales.read", "sales.fulfil", "returns.manage", "inventory.read", "inventory.manage"},
         false},
        {"billing_clerk",
         "Billing clerk",
         {"sales.read",
          "receivables.read",
          "receivables.bill",
          "receivables.credit",
          "documents.read"},
         false},
        {"ar_clerk",
         "Accounts receivable clerk",
         {"sales.read",
          "receivables.read",
          "receivables.collect",
          "banking.read",
          "banking.reconcile"},
         false},
        {"ap_clerk",
         "Accounts payable clerk",
         {"payables.read", "payables.enter", "payables.manage", "inventory.read", "documents.read"},
         false},
        {"payroll_clerk",
         "Payroll clerk",
         {"payroll.read", "payroll.run", "hr.read", "documents.read"},
         false},
        {"gl_clerk", "General ledger clerk", {"ledger.read", "ledger.draft"}, false},
        {"accountant",
         "Accountant",
         {"ledger.read",
          "ledger.draft",
          "ledger.post",
          "reports.read",
          "files.export",
          "banking.read"},
         false},
        {"hr_clerk", "HR clerk", {"hr.read", "hr.manage", "recruiting.read"}, false},
        {"recruiter", "Recruiter", {"recruiting.read", "recruiting.manage", "hr.read"}, false},
        {"helpdesk_agent",
         "Help-desk agent",
         {"helpdesk.read", "helpdesk.manage", "users.read"},
         false},
        {"auditor", "Internal auditor", reads_and({"audit.verify", "files.export"}), false},
        {"employee",
         "Employee self-service",
         {"self.timesheets", "self.leave", "self.tickets"},
         false},
    };
}

// Checked once: every role names catalogue permissions only, and the auditor writes nothing.
bool roles_are_consistent(const std::vector<RoleDefinition>& roles) {
    for (const RoleDefinition& role : roles) {
        for (const std::string_view permission : role.permissions) {
            if (!is_known_permission(permission)) {
                return false;
            }
            if (role.id == "auditor" && !is_read_only(permission)) {
                return false;
            }
        }
    }
    return true;
}

}  // namespace

bool PermissionSet::contains(std::string_view permission) const {
    if (permissions_.find(permission) != permissions_.end()) {
        return true;
    }
    return std::any_of(implications.begin(), implications.end(), [&](const auto& implication) {
        return implication.first == permission
               && permissions_.find(implication.second) != permissions_.end();
    });
}

std::span<const PermissionInfo> permission_catalogue() {
    return catalogue;
}

bool is_known_permission(std::string_view permission) {
    return std::any_of(std::begin(catalogue), std::end(catalogue), [&](const PermissionInfo& info) {
        return info.name == permission;
    });
}

std::span<const RoleDefinition> built_in_roles() {
    static const std::vector<RoleDefinition> roles = [] {
        std::vector<RoleDefinition> made = make_roles();
        BO_ASSERT(roles_are_consistent(made));
        return made;
    }();
    return roles;
}

const RoleDefinition* find_built_in_role(std::string_view id) {
    const std::span<const RoleDefinition> roles = built_in_roles();
    const auto found = std::find_if(
        roles.begin(), roles.end(), [&](const RoleDefinition& role) { return role.id == id; });
    return found == roles.end() ? nullptr : &*found;
}

std::span<const std::string_view> signed_in_permissions() {
    return signed_in;
}

bool is_read_only_permission(std::string_view permission) {
    return is_read_only(permission);
}

}  // namespace bo::platform::access
