#include "platform/company/routes.hpp"

#include <boost/json.hpp>

#include "platform/api/json.hpp"
#include "platform/company/profile.hpp"

namespace bo::platform::company {
namespace {

boost::json::object details_json(const CompanyDetails& details) {
    boost::json::object body{
        {"id", details.company.id.value()},
        {"code", details.company.code},
        {"name", details.company.name},
        {"functional_currency", std::string(details.company.functional_currency.code())},
        {"time_zone", details.company.time_zone}};
    for (const ProfileField& field : profile_fields()) {
        body[field.name] = details.profile.*field.member;
    }
    return body;
}

core::Result<api::ApiResponse> show(store::Txn& txn, const api::ApiRequest& request) {
    BO_TRY_ASSIGN(const CompanyDetails details,
                  company_details(txn, request.caller.actor.company));
    return api::ApiResponse::ok(details_json(details));
}

// PUT replaces the whole profile: a field left out becomes empty.
core::Result<api::ApiResponse> replace(store::Txn& txn, const api::ApiRequest& request) {
    api::BodyReader reader(request.body);
    CompanyProfile input;
    for (const ProfileField& field : profile_fields()) {
        // The service names a bad country or e-mail; the reader bounds the length.
        input.*field.member = reader.optional_string(field.name, field.chars_max).value_or("");
    }
    BO_TRY(reader.finish());
    BO_TRY(set_company_profile(txn, request.clock, request.caller.actor, input));
    BO_TRY_ASSIGN(const CompanyDetails details,
                  company_details(txn, request.caller.actor.company));
    return api::ApiResponse::ok(details_json(details));
}

}  // namespace

void add_company_routes(api::Api& api) {
    api.add({http::Method::get,
             "/api/v1/company",
             "company.read",
             http::Access::permission_required,
             store::TxnMode::read_only,
             "The signed-in user's company and its letterhead (address, tax id, contact)",
             show});
    api.add({http::Method::put,
             "/api/v1/company",
             "company.manage",
             http::Access::permission_required,
             store::TxnMode::read_write,
             "Replace the company's letterhead (fields left out become empty)",
             replace});
}

}  // namespace bo::platform::company
