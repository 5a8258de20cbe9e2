#include "ledger/departments/service.hpp"

#include <utility>

#include "ledger/departments/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::ledger::departments {
namespace {

using platform::tenancy::FieldChecks;

core::Result<void> validate(store::Txn& txn,
                            platform::tenancy::CompanyId company,
                            const NewDepartment& input) {
    FieldChecks checks;
    checks.code("code", input.code, department_code_chars_max, FieldChecks::Case::upper);
    checks.required_text("name", input.name, department_name_chars_max);
    if (input.parent_id) {
        BO_TRY_ASSIGN(const std::optional<Department> parent,
                      queries::select_department_by_id(txn, company, *input.parent_id));
        if (!parent) {
            checks.add("parent_id", "is not a department of this company");
        }
    }
    return std::move(checks).finish("department");
}

}  // namespace

core::Result<Department> create_department(store::Txn& txn,
                                           const core::Clock& clock,
                                           platform::tenancy::CompanyId company,
                                           const NewDepartment& input) {
    BO_TRY(validate(txn, company, input));
    BO_TRY_ASSIGN(const std::optional<Department> existing,
                  queries::select_department_by_code(txn, company, input.code));
    if (existing) {
        return platform::tenancy::duplicate("code", "department", input.code);
    }
    Department department{.id = {},
                          .company_id = company,
                          .code = input.code,
                          .name = input.name,
                          .parent_id = input.parent_id,
                          .active = true,
                          .created_at = clock.now()};
    BO_TRY_ASSIGN(department.id, queries::insert_department(txn, department));
    return department;
}

core::Result<std::optional<Department>> find_department(store::Txn& txn,
                                                        platform::tenancy::CompanyId company,
                                                        std::string_view code) {
    return queries::select_department_by_code(txn, company, code);
}

core::Result<std::optional<Department>> find_department_by_id(store::Txn& txn,
                                                              platform::tenancy::CompanyId company,
                                                              DepartmentId id) {
    return queries::select_department_by_id(txn, company, id);
}

core::Result<std::vector<Department>> list_departments(store::Txn& txn,
                                                       platform::tenancy::CompanyId company,
                                                       DepartmentId after_id,
                                                       std::int64_t limit) {
    BO_TRY(platform::tenancy::check_page_limit(limit));
    return queries::select_departments(txn, company, after_id, limit);
}

}  // namespace bo::ledger::departments
