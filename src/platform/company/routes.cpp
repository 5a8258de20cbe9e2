#include "platform/company/routes.hpp"

#include <boost/json.hpp>

#include "platform/api/json.hpp"
#include "platform/company/profile.hpp"

namespace bo::platform::company {
namespace {

boost::json::object details_json(const CompanyDetails& details) {
    const CompanyProfile& profile = details.profile;
    return {{"id", details.company.id.value()},
            {"code", details.company.code},
            {"name", details.company.name},
            {"functional_currency", std::string(details.company.functional_currency.code())},
            {"time_zone", details.company.time_zone},
            {"legal_name", profile.legal_name},
            {"address_line1", profile.address_line1},
            {"address_line2", profile.address_line2},
            {"postal_code", profile.postal_code},
            {"city", profile.city},
            {"region", profile.region},
            {"country", profile.country},
            {"tax_id", profile.tax_id},
            {"email", profile.email},
            {"phone", profile.phone},
            {"website", profile.website}};
}

core::Result<api::ApiResponse> show(store::Txn& txn, const api::ApiRequest& request) {
    BO_TRY_ASSIGN(const CompanyDetails details,
                  company_details(txn, request.caller.actor.company));
    return api::ApiResponse::ok(details_json(details));
}

// PUT replaces the whole profile: a field left out becomes empty.
core::Result<api::ApiResponse> replace(store::Txn& txn, const api::ApiRequest& request) {
    api::BodyReader reader(request.body);
    auto text = [&](std::string_view field, std::size_t chars_max) {
        return reader.optional_string(field, chars_max).value_or("");
    };
    CompanyProfile input{.legal_name = text("legal_name", name_chars_max),
                         .address_line1 = text("address_line1", address_chars_max),
                         .address_line2 = text("address_line2", address_chars_max),
                         .postal_code = text("postal_code", postal_code_chars_max),
                         .city = text("city", city_chars_max),
                         .region = text("region", city_chars_max),
                         .country = text("country", city_chars_max),  // the service names a bad one
                         .tax_id = text("tax_id", tax_id_chars_max),
                         .email = text("email", 254),
                         .phone = text("phone", phone_chars_max),
                         .website = text("website", website_chars_max)};
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
