#include "ledger/routes.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "ledger/departments/service.hpp"
#include "ledger/draft_routes.hpp"
#include "ledger/import_routes.hpp"
#include "ledger/report_files.hpp"
#include "ledger/reports.hpp"
#include "ledger/service.hpp"
#include "platform/api/json.hpp"
#include "platform/auth/service.hpp"
#include "platform/files/table.hpp"

namespace bo::ledger {
namespace {

using platform::api::ApiRequest;
using platform::api::ApiResponse;
namespace json = boost::json;

constexpr std::string_view read_permission = "ledger.read";
// Department managers: the trial balance, income statement and general-ledger detail of their
// own departments only (ledger.read implies it; see department_param).
constexpr std::string_view read_department_permission = "ledger.read_department";
constexpr std::string_view post_permission = "ledger.post";
constexpr std::string_view draft_permission = "ledger.draft";
constexpr std::string_view manage_permission = "ledger.manage";
constexpr std::string_view close_permission = "ledger.close";

// 16 characters for an enum's wire name ("liability", "inventory", "customer"), so that a
// wrong value gets a clear "must be one of" instead of a length error.
constexpr std::size_t wire_name_chars_max = 16;

std::string money_text(std::int64_t minor, core::Currency currency) {
    return core::Money{minor, currency}.format();
}

json::value optional_id(const std::optional<std::int64_t>& id) {
    return id ? json::value(*id) : json::value(nullptr);
}

json::object account_json(const Account& account) {
    return {
        {"id", account.id.value()},
        {"number", account.number},
        {"name", account.name},
        {"type", to_string(account.type)},
        {"parent_id",
         optional_id(account.parent_id ? std::optional(account.parent_id->value()) : std::nullopt)},
        {"currency", account.currency.code()},
        {"active", account.active},
        {"control", to_string(account.control)},
        {"created_at", account.created_at.to_rfc3339()}};
}

json::object period_json(const Period& period) {
    return {{"id", period.id.value()},
            {"fiscal_year_id", period.fiscal_year_id.value()},
            {"start_date", period.start_date.to_string()},
            {"end_date", period.end_date.to_string()},
            {"status", to_string(period.status)}};
}

json::object fiscal_year_json(const FiscalYear& year) {
    return {{"id", year.id.value()},
            {"name", year.name},
            {"start_date", year.start_date.to_string()},
            {"end_date", year.end_date.to_string()},
            {"closed", year.closed}};
}

json::object entry_json(const PostedEntry& entry, core::Currency functional) {
    json::object body{
        {"id", entry.id.value()},
        {"reference", entry.fiscal_year_name + "/" + std::to_string(entry.number)},
        {"fiscal_year_id", entry.fiscal_year_id.value()},
        {"number", entry.number},
        {"date", entry.date.to_string()},
        {"period_id", entry.period_id.value()},
        {"memo", entry.memo},
        {"source",
         {{"type", entry.source.type},
          {"id", entry.source.id},
          {"subledger", to_string(entry.source.subledger)}}},
        {"status", to_string(entry.status)},
        {"reverses",
         optional_id(entry.reverses ? std::optional(entry.reverses->value()) : std::nullopt)},
        {"reversed_by",
         optional_id(entry.reversed_by ? std::optional(entry.reversed_by->value()) : std::nullopt)},
        {"total", money_text(entry.debit_total_minor, functional)},
        {"currency", functional.code()},
        {"posted_by", entry.posted_by.value()},
        {"posted_at", entry.posted_at.to_rfc3339()}};
    if (!entry.lines.empty()) {
        json::array lines;
        for (const PostedLine& line : entry.lines) {
            lines.push_back(json::object{
                {"line_number", line.line_number},
                {"account_id", line.account.value()},
                {"department_id",
                 optional_id(line.department ? std::optional(line.department->value())
                                             : std::nullopt)},
                {"party_type",
                 line.party ? json::value(to_string(line.party->type)) : json::value(nullptr)},
                {"party_id",
                 optional_id(line.party ? std::optional(line.party->id) : std::nullopt)},
                {"side", to_string(line.side)},
                {"amount", line.amount.format()},
                {"currency", line.amount.currency.code()},
                {"functional_amount", money_text(line.functional_minor, functional)},
                {"memo", line.memo}});
        }
        body["lines"] = std::move(lines);
    }
    return body;
}

// --- query parameters

core::Result<core::Date> date_param(const ApiRequest& request, std::string_view name) {
    const std::optional<std::string> text = platform::api::query_param(request.http, name);
    if (!text) {
        return core::Error::invalid(std::string(name), "is required (YYYY-MM-DD)");
    }
    core::Result<core::Date> date = core::Date::parse(*text);
    if (!date) {
        return core::Error::invalid(std::string(name), "must be a date YYYY-MM-DD");
    }
    return date;
}

core::Result<DateRange> range_param(const ApiRequest& request) {
    BO_TRY_ASSIGN(const core::Date from, date_param(request, "from"));
    BO_TRY_ASSIGN(const core::Date to, date_param(request, "to"));
    return DateRange{from, to};
}

// The departments the caller may see in reports: nullopt = all. A department-scoped role limits
// to the user's departments; so does holding ledger.read_department without ledger.read.
core::Result<std::optional<std::vector<std::int64_t>>> visible_departments(
    store::Txn& txn, const ApiRequest& request) {
    if (request.caller.department_scope) {
        return request.caller.department_scope;
    }
    if (request.caller.permissions.contains(read_permission)) {
        return std::optional<std::vector<std::int64_t>>();
    }
    BO_TRY_ASSIGN(std::vector<std::int64_t> own,
                  platform::auth::user_departments(
                      txn, request.caller.actor.company, request.caller.actor.user));
    return std::optional(std::move(own));
}

// `?department=CODE` (or `none`), checked against the caller's visible departments: without
// the parameter a limited caller gets their own departments; another department is a 403.
core::Result<DepartmentScope> department_param(store::Txn& txn, const ApiRequest& request) {
    const std::optional<std::string> code = platform::api::query_param(request.http, "department");
    BO_TRY_ASSIGN(const auto allowed, visible_departments(txn, request));
    if (!code || code->empty()) {
        if (allowed) {
            std::vector<DepartmentId> ids;
            for (const std::int64_t id : *allowed) {
                ids.emplace_back(id);
            }
            return DepartmentScope::any_of(std::move(ids));
        }
        return DepartmentScope::all();
    }
    if (*code == "none") {
        if (allowed) {
            return core::Error(core::ErrorCode::forbidden, "you see only your departments");
        }
        return DepartmentScope{DepartmentScope::Kind::no_department, {}, {}};
    }
    BO_TRY_ASSIGN(const std::optional<departments::Department> department,
                  departments::find_department(txn, request.caller.actor.company, *code));
    if (!department) {
        return core::Error::invalid("department", "is not a department code of this company");
    }
    if (allowed
        && std::find(allowed->begin(), allowed->end(), department->id.value()) == allowed->end()) {
        return core::Error(core::ErrorCode::forbidden,
                           "department " + *code + " is not one of yours");
    }
    return DepartmentScope::only(department->id);
}

core::Result<Comparison> compare_param(const ApiRequest& request) {
    const std::optional<std::string> text = platform::api::query_param(request.http, "compare");
    if (!text || text->empty()) {
        return Comparison::none;
    }
    return parse_comparison(*text, "compare");
}

core::Result<ReportFormat> format_param(const ApiRequest& request) {
    return parse_report_format(platform::api::query_param(request.http, "format"),
                               request.http.header("Accept"));
}

// The company name, the department filter's label and the department codes for a report file.
core::Result<ReportContext> report_context(store::Txn& txn,
                                           const ApiRequest& request,
                                           const DepartmentScope& scope) {
    const CompanyId company = request.caller.actor.company;
    ReportContext context;
    BO_TRY_ASSIGN(context.company_name, company_name(txn, company));
    BO_TRY_ASSIGN(context.department_codes, department_codes(txn, company));
    const auto code = [&](DepartmentId id) {
        const auto found = context.department_codes.find(id.value());
        return found == context.department_codes.end() ? id.to_string() : found->second;
    };
    switch (scope.kind) {
        case DepartmentScope::Kind::all:
            break;
        case DepartmentScope::Kind::one:
            context.department_label = "Department " + code(scope.department);
            break;
        case DepartmentScope::Kind::no_department:
            context.department_label = "Lines without a department";
            break;
        case DepartmentScope::Kind::several:
            context.department_label = "Departments:";
            for (const DepartmentId id : scope.departments) {
                context.department_label += " " + code(id);
            }
            break;
    }
    return context;
}

ApiResponse file_response(ReportFile file) {
    ApiResponse response = ApiResponse::ok(nullptr);
    response.content_type = std::move(file.content_type);
    response.raw_body = std::move(file.bytes);
    response.headers.push_back(
        {"Content-Disposition", "attachment; filename=\"" + file.filename + "\""});
    return response;
}

// The change's percentage as a decimal string ("12.34"), or null without a base.
json::value percent_json(std::int64_t current, std::int64_t previous) {
    const std::optional<std::int64_t> points = change_basis_points(current, previous);
    return points ? json::value(platform::files::decimal_text(*points, 2)) : json::value(nullptr);
}

// --- accounts

core::Result<ApiResponse> list_accounts_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const std::vector<Account> accounts,
                  list_accounts(txn,
                                request.caller.actor.company,
                                AccountId(page.after_id),
                                static_cast<std::int64_t>(page.limit)));
    json::array items;
    for (const Account& account : accounts) {
        items.push_back(account_json(account));
    }
    json::object body{{"items", std::move(items)}};
    if (accounts.size() == page.limit) {
        body["next_cursor"] = platform::api::encode_cursor(accounts.back().id.value());
    }
    return ApiResponse::ok(std::move(body));
}

// GET /departments: the company's departments (cost centres), or only the caller's own for a
// department-scoped reader, so that a client can offer them as report filters.
core::Result<ApiResponse> list_departments_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const auto allowed, visible_departments(txn, request));
    BO_TRY_ASSIGN(const std::vector<departments::Department> listed,
                  departments::list_departments(txn,
                                                request.caller.actor.company,
                                                departments::DepartmentId(page.after_id),
                                                static_cast<std::int64_t>(page.limit)));
    json::array items;
    for (const departments::Department& department : listed) {
        if (allowed
            && std::find(allowed->begin(), allowed->end(), department.id.value())
                   == allowed->end()) {
            continue;
        }
        items.push_back(json::object{
            {"id", department.id.value()},
            {"code", department.code},
            {"name", department.name},
            {"parent_id",
             optional_id(department.parent_id ? std::optional(department.parent_id->value())
                                              : std::nullopt)},
            {"active", department.active}});
    }
    json::object body{{"items", std::move(items)}};
    if (listed.size() == page.limit) {
        body["next_cursor"] = platform::api::encode_cursor(listed.back().id.value());
    }
    return ApiResponse::ok(std::move(body));
}

core::Result<ApiResponse> create_account_route(store::Txn& txn, const ApiRequest& request) {
    platform::api::BodyReader reader(request.body);
    NewAccount input;
    input.number = reader.required_string("number", account_number_chars_max);
    input.name = reader.required_string("name", account_name_chars_max);
    input.type = reader.required_string("type", wire_name_chars_max);
    input.parent = reader.optional_string("parent", account_number_chars_max);
    input.currency = reader.optional_string("currency", 3);
    input.control = reader.optional_string("control", wire_name_chars_max).value_or("none");
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const Account account,
                  create_account(txn, request.clock, request.caller.actor, input));
    return ApiResponse::created(account_json(account));
}

core::Result<ApiResponse> get_account_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const AccountId id, AccountId::parse(request.param("id")));
    BO_TRY_ASSIGN(const std::optional<Account> account,
                  find_account(txn, request.caller.actor.company, id));
    if (!account) {
        return core::Error(core::ErrorCode::not_found, "no such account");
    }
    return ApiResponse::ok(account_json(*account));
}

core::Result<ApiResponse> load_chart_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY(platform::api::BodyReader(request.body).finish());
    BO_TRY_ASSIGN(const std::vector<Account> accounts,
                  load_standard_chart(txn, request.clock, request.caller.actor));
    json::array items;
    for (const Account& account : accounts) {
        items.push_back(account_json(account));
    }
    return ApiResponse::created(json::object{{"items", std::move(items)}});
}

// --- fiscal years, periods, rates

core::Result<ApiResponse> list_years_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const std::vector<FiscalYear> years,
                  list_fiscal_years(txn, request.caller.actor.company));
    json::array items;
    for (const FiscalYear& year : years) {
        items.push_back(fiscal_year_json(year));
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

core::Result<ApiResponse> create_year_route(store::Txn& txn, const ApiRequest& request) {
    platform::api::BodyReader reader(request.body);
    const std::string start_text = reader.required_string("start_date", 10);
    const std::optional<std::string> name =
        reader.optional_string("name", fiscal_year_name_chars_max);
    core::Result<core::Date> start = core::Date::parse(start_text);
    if (!start_text.empty() && !start) {
        reader.reject("start_date", "must be a date YYYY-MM-DD");
    }
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const FiscalYear year,
                  create_fiscal_year(txn, request.clock, request.caller.actor, *start, name));
    return ApiResponse::created(fiscal_year_json(year));
}

core::Result<ApiResponse> list_periods_route(store::Txn& txn, const ApiRequest& request) {
    std::optional<FiscalYearId> year;
    if (const auto text = platform::api::query_param(request.http, "fiscal_year")) {
        core::Result<FiscalYearId> parsed = FiscalYearId::parse(*text);
        if (!parsed) {
            return core::Error::invalid("fiscal_year", "must be a fiscal year id");
        }
        year = *parsed;
    }
    BO_TRY_ASSIGN(const std::vector<Period> periods,
                  list_periods(txn, request.caller.actor.company, year));
    json::array items;
    for (const Period& period : periods) {
        items.push_back(period_json(period));
    }
    return ApiResponse::ok(json::object{{"items", std::move(items)}});
}

using PeriodChange = core::Result<Period> (*)(store::Txn&,
                                              const core::Clock&,
                                              const Actor&,
                                              PeriodId);

platform::api::ApiHandler period_change(PeriodChange change) {
    return [change](store::Txn& txn, const ApiRequest& request) -> core::Result<ApiResponse> {
        BO_TRY(platform::api::BodyReader(request.body).finish());
        BO_TRY_ASSIGN(const PeriodId id, PeriodId::parse(request.param("id")));
        BO_TRY_ASSIGN(const Period period, change(txn, request.clock, request.caller.actor, id));
        return ApiResponse::ok(period_json(period));
    };
}

core::Result<ApiResponse> close_year_route(store::Txn& txn, const ApiRequest& request) {
    platform::api::BodyReader reader(request.body);
    const std::string retained =
        reader.optional_string("retained_earnings", account_number_chars_max)
            .value_or(std::string(standard_retained_earnings_number()));
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const FiscalYearId id, FiscalYearId::parse(request.param("id")));
    const CompanyId company = request.caller.actor.company;
    BO_TRY_ASSIGN(const std::optional<Account> account,
                  find_account_by_number(txn, company, retained));
    if (!account) {
        return core::Error::invalid("retained_earnings", "is not an account number");
    }
    BO_TRY_ASSIGN(const YearEndClose closed,
                  close_year(txn, request.clock, request.caller.actor, id, account->id));
    BO_TRY_ASSIGN(const core::Currency functional, functional_currency(txn, company));
    json::object body{{"periods_closed", closed.periods_closed}};
    body["closing_entry"] = closed.closing_entry
                                ? json::value(entry_json(*closed.closing_entry, functional))
                                : json::value(nullptr);
    return ApiResponse::ok(std::move(body));
}

core::Result<ApiResponse> set_rate_route(store::Txn& txn, const ApiRequest& request) {
    platform::api::BodyReader reader(request.body);
    const std::string currency = reader.required_string("currency", 3);
    const std::string date_text = reader.required_string("date", 10);
    const std::string rate_text = reader.required_string("rate", core::money_text_bytes_max);
    const core::Result<core::Date> date = core::Date::parse(date_text);
    if (!date_text.empty() && !date) {
        reader.reject("date", "must be a date YYYY-MM-DD");
    }
    const core::Result<core::Rational> rate = core::Rational::parse(rate_text);
    if (!rate_text.empty() && !rate) {
        reader.reject("rate", "must be a decimal string such as \"1.0825\"");
    }
    BO_TRY(reader.finish());
    BO_TRY(set_exchange_rate(txn, request.clock, request.caller.actor, currency, *date, *rate));
    return ApiResponse::created(
        json::object{{"currency", currency}, {"date", date->to_string()}, {"rate", rate_text}});
}

// --- journal entries --------------------------------------------------------------------------

namespace {

// The party of a line from its two optional fields, reporting problems through `fail`.
template <typename Fail>
std::optional<Party> read_party(const std::optional<std::string>& type_text,
                                const std::optional<std::int64_t>& id,
                                Fail& fail) {
    if (type_text.has_value() != id.has_value()) {
        fail("party_type", "party_type and party_id go together");
        return std::nullopt;
    }
    if (!type_text) {
        return std::nullopt;
    }
    const core::Result<PartyType> type = parse_party_type(*type_text, "party_type");
    if (!type) {
        fail("party_type", "must be customer, vendor or employee");
        return std::nullopt;
    }
    return Party{*type, *id};
}

// Reads one line object; field errors are prefixed with "lines/N/".
std::optional<LineInput> read_line(store::Txn& txn,
                                   CompanyId company,
                                   const json::value& value,
                                   std::size_t index,
                                   std::vector<core::FieldError>& errors) {
    const std::string prefix = "lines/" + std::to_string(index) + "/";
    if (!value.is_object()) {
        errors.push_back({"lines/" + std::to_string(index), "must be an object"});
        return std::nullopt;
    }
    platform::api::BodyReader reader(value);
    const std::string number = reader.required_string("account", account_number_chars_max);
    const std::optional<std::string> department_code =
        reader.optional_string("department", departments::department_code_chars_max);
    const std::string side_text = reader.required_string("side", 6);
    const std::string amount_text = reader.required_string("amount", core::money_text_bytes_max);
    const std::string currency_text = reader.required_string("currency", 3);
    const std::optional<std::string> party_type =
        reader.optional_string("party_type", wire_name_chars_max);
    const std::optional<std::int64_t> party_id = reader.optional_int("party_id");
    const std::string memo =
        reader.optional_string("memo", core::text_field_bytes_max).value_or("");
    core::Result<void> read = reader.finish();
    std::optional<LineInput> line;
    auto fail = [&](const std::string& field, std::string reason) {
        errors.push_back({prefix + field, std::move(reason)});
    };
    if (!read) {
        for (const core::FieldError& error : read.error().fields()) {
            fail(error.field, error.reason);
        }
        return std::nullopt;
    }
    const core::Result<Side> side = parse_side(side_text, "side");
    const core::Result<core::Currency> currency = core::Currency::create(currency_text);
    if (!side) {
        fail("side", "must be debit or credit");
    }
    if (!currency) {
        fail("currency", "is not an ISO 4217 currency code");
        return std::nullopt;
    }
    const core::Result<core::Money> amount = core::Money::parse(amount_text, *currency);
    if (!amount) {
        fail("amount", "must be a decimal string such as \"1234.56\"");
    }
    const core::Result<std::optional<Account>> account =
        find_account_by_number(txn, company, number);
    if (!account || !account->has_value()) {
        fail("account", "is not an account number of this company");
    }
    std::optional<DepartmentId> department;
    if (department_code) {
        const auto found = departments::find_department(txn, company, *department_code);
        if (!found || !found->has_value()) {
            fail("department", "is not a department code of this company");
        } else {
            department = (**found).id;
        }
    }
    const std::optional<Party> party = read_party(party_type, party_id, fail);
    if (!side || !amount || !account || !account->has_value()) {
        return std::nullopt;
    }
    return LineInput{.account = (**account).id,
                     .department = department,
                     .party = party,
                     .side = *side,
                     .amount = *amount,
                     .memo = memo};
}

core::Result<EntryInput> read_entry(store::Txn& txn, const ApiRequest& request) {
    json::object top = request.body.is_object() ? request.body.as_object() : json::object();
    const json::value lines_value = top.contains("lines") ? top.at("lines") : json::value();
    top.erase("lines");
    const json::value rest(std::move(top));  // the reader keeps a pointer: must outlive it
    platform::api::BodyReader reader(rest);
    const std::string date_text = reader.required_string("date", 10);
    const std::string memo =
        reader.optional_string("memo", core::text_field_bytes_max).value_or("");
    const core::Result<core::Date> date = core::Date::parse(date_text);
    if (!date_text.empty() && !date) {
        reader.reject("date", "must be a date YYYY-MM-DD");
    }
    std::vector<core::FieldError> errors;
    core::Result<void> read = reader.finish();
    if (!read) {
        errors = read.error().fields();
    }
    if (!lines_value.is_array()) {
        errors.push_back({"lines", "is required: an array of lines"});
    } else if (lines_value.as_array().size() > core::journal_entry_lines_max) {
        return core::Error(
            core::ErrorCode::limit_exceeded,
            "an entry has at most " + std::to_string(core::journal_entry_lines_max) + " lines");
    }
    EntryInput input{.date = date ? *date : core::Date::parse("1970-01-01").value(),
                     .memo = memo,
                     .source = Source::manual(),
                     .lines = {}};
    if (lines_value.is_array()) {
        const json::array& lines = lines_value.as_array();
        for (std::size_t index = 0; index < lines.size(); ++index) {
            std::optional<LineInput> line =
                read_line(txn, request.caller.actor.company, lines[index], index, errors);
            if (line) {
                input.lines.push_back(std::move(*line));
            }
        }
    }
    if (!errors.empty()) {
        std::string message =
            "journal entry: " + errors.front().field + ": " + errors.front().reason;
        return core::Error(
            core::ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    return input;
}

}  // namespace

core::Result<ApiResponse> post_entry_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const EntryInput input, read_entry(txn, request));
    BO_TRY_ASSIGN(const PostedEntry entry, post(txn, request.clock, request.caller.actor, input));
    BO_TRY_ASSIGN(const core::Currency functional,
                  functional_currency(txn, request.caller.actor.company));
    ApiResponse response = ApiResponse::created(entry_json(entry, functional));
    response.headers.push_back(
        {"Location", "/api/v1/ledger/journal-entries/" + entry.id.to_string()});
    return response;
}

// The journal listing's filters: ?from&to&account=NUMBER&department=CODE&source=TYPE&memo=TEXT.
core::Result<JournalFilter> journal_filter(store::Txn& txn, const ApiRequest& request) {
    JournalFilter filter;
    const CompanyId company = request.caller.actor.company;
    for (const std::string_view name : {"from", "to"}) {
        if (platform::api::query_param(request.http, name)) {
            BO_TRY_ASSIGN(const core::Date date, date_param(request, name));
            (name == "from" ? filter.from : filter.to) = date;
        }
    }
    if (const auto number = platform::api::query_param(request.http, "account")) {
        BO_TRY_ASSIGN(const std::optional<Account> account,
                      find_account_by_number(txn, company, *number));
        if (!account) {
            return core::Error::invalid("account", "is not an account number");
        }
        filter.account = account->id;
    }
    BO_TRY_ASSIGN(filter.department, department_param(txn, request));
    if (filter.department.kind == DepartmentScope::Kind::several) {
        return core::Error(core::ErrorCode::forbidden,
                           "you see only your departments: add ?department=CODE");
    }
    if (const auto source = platform::api::query_param(request.http, "source")) {
        if (source->empty() || source->size() > source_type_chars_max) {
            return core::Error::invalid("source", "must be 1 to 64 characters");
        }
        filter.source_type = *source;
    }
    filter.memo_contains = platform::api::query_param(request.http, "memo").value_or("");
    return filter;
}

// "Dated 2024-01-01 to 2024-01-31, memo "rent": " for the journal file's header (the
// department is on a line of its own; `to` is exclusive, so the last day shown is the day before).
std::string journal_filter_label(const JournalFilter& filter) {
    std::vector<std::string> parts;
    if (filter.from || filter.to) {
        std::string last = "the end";
        if (filter.to) {
            const core::Result<core::Date> day = filter.to->add_days(-1);
            last = (day ? *day : *filter.to).to_string();
        }
        parts.push_back("Dated " + (filter.from ? filter.from->to_string() : "the start") + " to "
                        + last);
    }
    if (filter.source_type) {
        parts.push_back("source " + *filter.source_type);
    }
    if (!filter.memo_contains.empty()) {
        parts.push_back("memo \"" + filter.memo_contains + "\"");
    }
    std::string label;
    for (const std::string& part : parts) {
        label += label.empty() ? part : ", " + part;
    }
    return label.empty() ? label : label + ": ";
}

core::Result<ApiResponse> list_entries_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const auto page, platform::api::page_request(request.http));
    BO_TRY_ASSIGN(const ReportFormat format, format_param(request));
    BO_TRY_ASSIGN(const JournalFilter filter, journal_filter(txn, request));
    const CompanyId company = request.caller.actor.company;
    BO_TRY_ASSIGN(const core::Currency functional, functional_currency(txn, company));
    if (format != ReportFormat::json) {
        BO_TRY_ASSIGN(const std::vector<PostedEntry> entries,
                      journal_export(txn, company, filter, EntryId(page.after_id)));
        BO_TRY_ASSIGN(ReportContext context, report_context(txn, request, filter.department));
        context.filter_label = journal_filter_label(filter);
        BO_TRY_ASSIGN(const std::vector<Account> chart, chart_of_accounts(txn, company));
        for (const Account& account : chart) {
            context.accounts.emplace(account.id, &account);
        }
        BO_TRY_ASSIGN(ReportFile file, journal_file(entries, functional, context, format));
        return file_response(std::move(file));
    }
    BO_TRY_ASSIGN(const std::vector<PostedEntry> entries,
                  journal_listing(txn, company, filter, EntryId(page.after_id), page.limit));
    json::array items;
    for (const PostedEntry& entry : entries) {
        items.push_back(entry_json(entry, functional));
    }
    json::object body{{"items", std::move(items)}};
    if (entries.size() == page.limit) {
        body["next_cursor"] = platform::api::encode_cursor(entries.back().id.value());
    }
    return ApiResponse::ok(std::move(body));
}

core::Result<ApiResponse> get_entry_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const EntryId id, EntryId::parse(request.param("id")));
    const CompanyId company = request.caller.actor.company;
    BO_TRY_ASSIGN(const std::optional<PostedEntry> entry, find_entry(txn, company, id));
    if (!entry) {
        return core::Error(core::ErrorCode::not_found, "no such journal entry");
    }
    BO_TRY_ASSIGN(const core::Currency functional, functional_currency(txn, company));
    return ApiResponse::ok(entry_json(*entry, functional));
}

core::Result<ApiResponse> reverse_entry_route(store::Txn& txn, const ApiRequest& request) {
    platform::api::BodyReader reader(request.body);
    const std::string date_text = reader.required_string("date", 10);
    const std::string reason = reader.required_string("reason", core::text_field_bytes_max);
    const core::Result<core::Date> date = core::Date::parse(date_text);
    if (!date_text.empty() && !date) {
        reader.reject("date", "must be a date YYYY-MM-DD");
    }
    BO_TRY(reader.finish());
    BO_TRY_ASSIGN(const EntryId id, EntryId::parse(request.param("id")));
    BO_TRY_ASSIGN(const PostedEntry entry,
                  reverse(txn, request.clock, request.caller.actor, id, *date, reason));
    BO_TRY_ASSIGN(const core::Currency functional,
                  functional_currency(txn, request.caller.actor.company));
    return ApiResponse::created(entry_json(entry, functional));
}

// --- reports ----------------------------------------------------------------------------------

namespace {

json::array statement_rows(const std::vector<StatementRow>& rows,
                           core::Currency currency,
                           bool compare) {
    json::array items;
    for (const StatementRow& row : rows) {
        json::array by_department;
        for (const auto& [department, amount] : row.by_department) {
            by_department.push_back(json::object{
                {"department_id", department == 0 ? json::value(nullptr) : json::value(department)},
                {"amount", money_text(amount, currency)}});
        }
        json::object item{{"account_id", row.account.value()},
                          {"number", row.number},
                          {"name", row.name},
                          {"type", to_string(row.type)},
                          {"depth", row.depth},
                          {"amount", money_text(row.own_minor, currency)},
                          {"total", money_text(row.rolled_up_minor, currency)},
                          {"by_department", std::move(by_department)}};
        if (compare) {
            item["compare_amount"] = money_text(row.compare_own_minor, currency);
            item["compare_total"] = money_text(row.compare_rolled_up_minor, currency);
            item["difference"] =
                money_text(row.rolled_up_minor - row.compare_rolled_up_minor, currency);
            item["difference_percent"] =
                percent_json(row.rolled_up_minor, row.compare_rolled_up_minor);
        }
        items.push_back(std::move(item));
    }
    return items;
}

json::object trial_amounts_json(const TrialBalanceAmounts& amounts, core::Currency c) {
    return {{"opening", money_text(amounts.opening_minor, c)},
            {"debit", money_text(amounts.debit_minor, c)},
            {"credit", money_text(amounts.credit_minor, c)},
            {"closing", money_text(amounts.closing_minor, c)}};
}

// The comparison column of a trial balance row: its amounts and the closing's change.
json::object trial_compare_json(const TrialBalanceAmounts& now,
                                const TrialBalanceAmounts& before,
                                core::Currency c) {
    json::object compare = trial_amounts_json(before, c);
    compare["difference"] = money_text(now.closing_minor - before.closing_minor, c);
    compare["difference_percent"] = percent_json(now.closing_minor, before.closing_minor);
    return compare;
}

json::object trial_balance_json(const TrialBalance& report) {
    const core::Currency c = report.currency;
    const bool compare = report.compare_range.has_value();
    json::array rows;
    for (const TrialBalanceRow& row : report.rows) {
        const TrialBalanceAmounts now{
            row.opening_minor, row.debit_minor, row.credit_minor, row.closing_minor};
        json::object item{{"account_id", row.account.value()},
                          {"number", row.number},
                          {"name", row.name},
                          {"type", to_string(row.type)}};
        for (const auto& [key, value] : trial_amounts_json(now, c)) {
            item[key] = value;
        }
        if (compare) {
            item["compare"] = trial_compare_json(now, row.compare, c);
        }
        rows.push_back(std::move(item));
    }
    const TrialBalanceAmounts total{report.opening_total_minor,
                                    report.debit_total_minor,
                                    report.credit_total_minor,
                                    report.closing_total_minor};
    json::object body{{"currency", c.code()},
                      {"from", report.range.from.to_string()},
                      {"to", report.range.to.to_string()},
                      {"rows", std::move(rows)},
                      {"totals", trial_amounts_json(total, c)}};
    if (compare) {
        json::object compared = trial_compare_json(total, report.compare_total, c);
        compared["from"] = report.compare_range->from.to_string();
        compared["to"] = report.compare_range->to.to_string();
        body["compare"] = std::move(compared);
    }
    return body;
}

// How a report is answered: the departments it covers (named in a file) and the format.
struct Output {
    const DepartmentScope& scope;
    ReportFormat format = ReportFormat::json;
};

// Answers `report` as JSON (`to_json`) or as the file `output.format` asks for (`to_file`).
template <typename Report, typename ToJson, typename ToFile>
core::Result<ApiResponse> answer(store::Txn& txn,
                                 const ApiRequest& request,
                                 const Report& report,
                                 Output output,
                                 ToJson to_json,
                                 ToFile to_file) {
    if (output.format == ReportFormat::json) {
        return ApiResponse::ok(to_json(report));
    }
    BO_TRY_ASSIGN(const ReportContext context, report_context(txn, request, output.scope));
    BO_TRY_ASSIGN(ReportFile file, to_file(report, context, output.format));
    return file_response(std::move(file));
}

// The parameters every statement reads: department, comparison and format.
struct StatementParams {
    DepartmentScope scope;
    Comparison compare = Comparison::none;
    ReportFormat format = ReportFormat::json;
};

core::Result<StatementParams> statement_params(store::Txn& txn, const ApiRequest& request) {
    StatementParams params;
    BO_TRY_ASSIGN(params.format, format_param(request));
    BO_TRY_ASSIGN(params.compare, compare_param(request));
    BO_TRY_ASSIGN(params.scope, department_param(txn, request));
    return params;
}

}  // namespace

core::Result<ApiResponse> trial_balance_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DateRange range, range_param(request));
    BO_TRY_ASSIGN(const StatementParams params, statement_params(txn, request));
    BO_TRY_ASSIGN(
        const TrialBalance report,
        trial_balance(txn, request.caller.actor.company, range, params.scope, params.compare));
    return answer(txn,
                  request,
                  report,
                  {params.scope, params.format},
                  trial_balance_json,
                  trial_balance_file);
}

core::Result<ApiResponse> income_statement_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const DateRange range, range_param(request));
    BO_TRY_ASSIGN(const StatementParams params, statement_params(txn, request));
    BO_TRY_ASSIGN(
        const IncomeStatement report,
        income_statement(txn, request.caller.actor.company, range, params.scope, params.compare));
    const auto to_json = [](const IncomeStatement& statement) {
        const core::Currency c = statement.currency;
        const bool compare = statement.compare_range.has_value();
        json::object body{{"currency", c.code()},
                          {"from", statement.range.from.to_string()},
                          {"to", statement.range.to.to_string()},
                          {"rows", statement_rows(statement.rows, c, compare)},
                          {"income", money_text(statement.income_total_minor, c)},
                          {"expenses", money_text(statement.expense_total_minor, c)},
                          {"net_income", money_text(statement.net_income_minor, c)}};
        if (compare) {
            body["compare"] = json::object{
                {"from", statement.compare_range->from.to_string()},
                {"to", statement.compare_range->to.to_string()},
                {"income", money_text(statement.compare_income_total_minor, c)},
                {"expenses", money_text(statement.compare_expense_total_minor, c)},
                {"net_income", money_text(statement.compare_net_income_minor, c)},
                {"net_income_difference",
                 money_text(statement.net_income_minor - statement.compare_net_income_minor, c)},
                {"net_income_difference_percent",
                 percent_json(statement.net_income_minor, statement.compare_net_income_minor)}};
        }
        return body;
    };
    return answer(
        txn, request, report, {params.scope, params.format}, to_json, income_statement_file);
}

core::Result<ApiResponse> balance_sheet_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const core::Date as_of, date_param(request, "as_of"));
    BO_TRY_ASSIGN(const StatementParams params, statement_params(txn, request));
    BO_TRY_ASSIGN(
        const BalanceSheet report,
        balance_sheet(txn, request.caller.actor.company, as_of, params.scope, params.compare));
    const auto to_json = [](const BalanceSheet& sheet) {
        const core::Currency c = sheet.currency;
        const bool compare = sheet.compare_as_of.has_value();
        json::object body{{"currency", c.code()},
                          {"as_of", sheet.as_of.to_string()},
                          {"rows", statement_rows(sheet.rows, c, compare)},
                          {"assets", money_text(sheet.assets_total_minor, c)},
                          {"liabilities", money_text(sheet.liabilities_total_minor, c)},
                          {"equity", money_text(sheet.equity_total_minor, c)},
                          {"current_earnings", money_text(sheet.current_earnings_minor, c)}};
        if (compare) {
            body["compare"] = json::object{
                {"as_of", sheet.compare_as_of->to_string()},
                {"assets", money_text(sheet.compare_assets_total_minor, c)},
                {"liabilities", money_text(sheet.compare_liabilities_total_minor, c)},
                {"equity", money_text(sheet.compare_equity_total_minor, c)},
                {"current_earnings", money_text(sheet.compare_current_earnings_minor, c)}};
        }
        return body;
    };
    return answer(txn, request, report, {params.scope, params.format}, to_json, balance_sheet_file);
}

core::Result<ApiResponse> general_ledger_route(store::Txn& txn, const ApiRequest& request) {
    BO_TRY_ASSIGN(const AccountId id, AccountId::parse(request.param("id")));
    BO_TRY_ASSIGN(const DateRange range, range_param(request));
    BO_TRY_ASSIGN(const ReportFormat format, format_param(request));
    BO_TRY_ASSIGN(const DepartmentScope scope, department_param(txn, request));
    BO_TRY_ASSIGN(const GeneralLedger report,
                  general_ledger(txn, request.caller.actor.company, id, range, scope));
    const auto to_json = [](const GeneralLedger& ledger) {
        const core::Currency c = ledger.currency;
        json::array lines;
        for (const LedgerDetailLine& line : ledger.lines) {
            lines.push_back(json::object{
                {"entry_id", line.entry.value()},
                {"line_number", line.line_number},
                {"entry_url", "/api/v1/ledger/journal-entries/" + line.entry.to_string()},
                {"reference", line.entry_reference},
                {"date", line.date.to_string()},
                {"memo", line.memo},
                {"source",
                 {{"type", line.source.type},
                  {"id", line.source.id},
                  {"subledger", to_string(line.source.subledger)}}},
                {"department_id",
                 optional_id(line.department ? std::optional(line.department->value())
                                             : std::nullopt)},
                {"debit", money_text(line.debit_minor, c)},
                {"credit", money_text(line.credit_minor, c)},
                {"balance", money_text(line.running_balance_minor, c)},
                {"amount", line.amount.format()},
                {"amount_currency", line.amount.currency.code()}});
        }
        return json::object{{"currency", c.code()},
                            {"account", account_json(ledger.account)},
                            {"from", ledger.range.from.to_string()},
                            {"to", ledger.range.to.to_string()},
                            {"opening", money_text(ledger.opening_minor, c)},
                            {"lines", std::move(lines)},
                            {"closing", money_text(ledger.closing_minor, c)}};
    };
    return answer(txn, request, report, {scope, format}, to_json, general_ledger_file);
}

}  // namespace

// --- shared with draft_routes.cpp ---------------------------------------------------------------

core::Result<EntryInput> internal::read_entry_body(store::Txn& txn, const ApiRequest& request) {
    return read_entry(txn, request);
}

core::Result<std::vector<LineInput>> internal::read_lines_body(store::Txn& txn,
                                                               CompanyId company,
                                                               const json::value& lines) {
    if (!lines.is_array()) {
        return core::Error::invalid("lines", "is required: an array of lines");
    }
    if (lines.as_array().size() > core::journal_entry_lines_max) {
        return core::Error(
            core::ErrorCode::limit_exceeded,
            "an entry has at most " + std::to_string(core::journal_entry_lines_max) + " lines");
    }
    std::vector<core::FieldError> errors;
    std::vector<LineInput> read;
    for (std::size_t index = 0; index < lines.as_array().size(); ++index) {
        std::optional<LineInput> line =
            read_line(txn, company, lines.as_array()[index], index, errors);
        if (line) {
            read.push_back(std::move(*line));
        }
    }
    if (!errors.empty()) {
        std::string message = "lines: " + errors.front().field + ": " + errors.front().reason;
        return core::Error(
            core::ErrorCode::invalid_argument, std::move(message), std::move(errors));
    }
    return read;
}

json::object internal::entry_body(const PostedEntry& entry, core::Currency functional) {
    return entry_json(entry, functional);
}

// NOLINTNEXTLINE(readability-function-size): the route table, readable in one place.
void add_ledger_routes(platform::api::Api& api) {
    using http::Method;
    using store::TxnMode;

    struct Row {
        Method method;
        std::string_view pattern;
        std::string_view permission;
        TxnMode mode;
        std::string_view summary;
        platform::api::ApiHandler handler;
    };

    const std::vector<Row> table{
        {Method::get,
         "accounts",
         read_permission,
         TxnMode::read_only,
         "List the chart of accounts",
         list_accounts_route},
        {Method::post,
         "accounts",
         manage_permission,
         TxnMode::read_write,
         "Create an account",
         create_account_route},
        {Method::get,
         "accounts/{id}",
         read_permission,
         TxnMode::read_only,
         "Get one account",
         get_account_route},
        {Method::post,
         "accounts/standard-chart",
         manage_permission,
         TxnMode::read_write,
         "Load the standard small-business chart into an empty company",
         load_chart_route},
        {Method::get,
         "accounts/{id}/general-ledger",
         read_department_permission,
         TxnMode::read_only,
         "General-ledger detail of one account with running balance "
         "(?from&to&department&format)",
         general_ledger_route},
        {Method::get,
         "fiscal-years",
         read_permission,
         TxnMode::read_only,
         "List fiscal years",
         list_years_route},
        {Method::post,
         "fiscal-years",
         manage_permission,
         TxnMode::read_write,
         "Create a fiscal year with twelve monthly periods",
         create_year_route},
        {Method::post,
         "fiscal-years/{id}/close",
         close_permission,
         TxnMode::read_write,
         "Year-end close: closing entry to retained earnings, then close every period",
         close_year_route},
        {Method::get,
         "periods",
         read_permission,
         TxnMode::read_only,
         "List periods (?fiscal_year=ID)",
         list_periods_route},
        {Method::post,
         "periods/{id}/close",
         close_permission,
         TxnMode::read_write,
         "Close an open period",
         period_change(close_period)},
        {Method::post,
         "periods/{id}/reopen",
         close_permission,
         TxnMode::read_write,
         "Reopen a closed period (audited)",
         period_change(reopen_period)},
        {Method::post,
         "periods/{id}/lock",
         close_permission,
         TxnMode::read_write,
         "Lock a period for good",
         period_change(lock_period)},
        {Method::post,
         "exchange-rates",
         manage_permission,
         TxnMode::read_write,
         "Record an exchange rate into the functional currency",
         set_rate_route},
        {Method::post,
         "journal-entries",
         post_permission,
         TxnMode::read_write,
         "Create and post a manual journal entry",
         post_entry_route},
        {Method::get,
         "journal-entries",
         read_permission,
         TxnMode::read_only,
         "List journal entries (?from&to&account&department&source&memo&format; paginated)",
         list_entries_route},
        {Method::get,
         "journal-entries/{id}",
         read_permission,
         TxnMode::read_only,
         "Get one journal entry with its lines",
         get_entry_route},
        {Method::post,
         "journal-entries/{id}/reverse",
         post_permission,
         TxnMode::read_write,
         "Post the reversal of an entry",
         reverse_entry_route},
        {Method::post,
         "imports/journal-entries",
         post_permission,
         TxnMode::read_write,
         "Import journal entries from CSV (all or nothing; 422 lists every bad row)",
         import_entries_route},
        {Method::post,
         "imports/opening-balances",
         post_permission,
         TxnMode::read_write,
         "Import opening balances from CSV as one entry (all or nothing)",
         import_opening_route},
        {Method::get,
         "journal-drafts",
         read_permission,
         TxnMode::read_only,
         "List draft journal entries (paginated; ?status=draft|posted)",
         list_drafts_route},
        {Method::post,
         "journal-drafts",
         draft_permission,
         TxnMode::read_write,
         "Save a draft journal entry (checked loosely; not in balances)",
         create_draft_route},
        {Method::get,
         "journal-drafts/{id}",
         read_permission,
         TxnMode::read_only,
         "Get one draft with its lines",
         get_draft_route},
        {Method::put,
         "journal-drafts/{id}",
         draft_permission,
         TxnMode::read_write,
         "Replace a draft's date, memo and lines",
         update_draft_route},
        {Method::del,
         "journal-drafts/{id}",
         draft_permission,
         TxnMode::read_write,
         "Delete a draft",
         delete_draft_route},
        {Method::post,
         "journal-drafts/{id}/post",
         post_permission,
         TxnMode::read_write,
         "Post a draft (every check of post(); segregation of duties)",
         post_draft_route},
        {Method::get,
         "recurring-entries",
         read_permission,
         TxnMode::read_only,
         "List recurring entry templates",
         list_recurring_route},
        {Method::post,
         "recurring-entries",
         post_permission,
         TxnMode::read_write,
         "Create a recurring entry template",
         create_recurring_route},
        {Method::get,
         "recurring-entries/{id}",
         read_permission,
         TxnMode::read_only,
         "Get one recurring entry template with its lines",
         get_recurring_route},
        {Method::post,
         "recurring-entries/{id}/activate",
         post_permission,
         TxnMode::read_write,
         "Activate a recurring entry template",
         activate_recurring_route},
        {Method::post,
         "recurring-entries/{id}/deactivate",
         post_permission,
         TxnMode::read_write,
         "Deactivate a recurring entry template",
         deactivate_recurring_route},
        {Method::post,
         "recurring-entries/run",
         post_permission,
         TxnMode::read_write,
         "Create the recurring entries due as of a date (idempotent per template and date)",
         run_recurring_route},
        {Method::get,
         "departments",
         read_department_permission,
         TxnMode::read_only,
         "List departments (a department-scoped reader sees their own)",
         list_departments_route},
        {Method::get,
         "reports/trial-balance",
         read_department_permission,
         TxnMode::read_only,
         "Trial balance (?from&to&department&compare&format)",
         trial_balance_route},
        {Method::get,
         "reports/income-statement",
         read_department_permission,
         TxnMode::read_only,
         "Income statement (?from&to&department&compare&format)",
         income_statement_route},
        {Method::get,
         "reports/balance-sheet",
         read_permission,
         TxnMode::read_only,
         "Balance sheet (?as_of&department&compare&format)",
         balance_sheet_route},
    };
    for (const Row& row : table) {
        api.add(platform::api::ApiRoute{row.method,
                                        "/api/v1/ledger/" + std::string(row.pattern),
                                        std::string(row.permission),
                                        http::Access::permission_required,
                                        row.mode,
                                        std::string(row.summary),
                                        row.handler});
    }
}

}  // namespace bo::ledger
