// Goal: the company profile (letterhead) validates every field at once, writes nothing when
// refused, audits what changed, and lays out as documents print it.
// Method: a fresh migrated database per backend with one company and its admin; service calls
// in transactions; the audit trail read back with SQL.
#include <gtest/gtest.h>

#include "platform/auth/service.hpp"
#include "platform/company/profile.hpp"
#include "platform/storage_fixture.hpp"
#include "platform/tenancy/service.hpp"

namespace bo::testing {
namespace {

using platform::company::CompanyProfile;

class CompanyProfiles : public StorageTest {
protected:
    void SetUp() override {
        StorageTest::SetUp();
        if (IsSkipped() || HasFailure()) {
            return;
        }
        auto company = in_txn([&](store::Txn& txn) {
            return platform::tenancy::create_company(
                txn, clock(), platform::tenancy::NewCompany{"ACME", "Acme", "USD", "UTC"});
        });
        ASSERT_TRUE(company.ok()) << company.error().message();
        admin_ = platform::Actor{company->id, {}, "admin", "req-1", "127.0.0.1"};
    }

    core::Result<CompanyProfile> set(const CompanyProfile& profile) {
        return in_txn([&](store::Txn& txn) {
            return platform::company::set_company_profile(txn, clock(), admin_, profile);
        });
    }

    std::vector<std::string> letterhead() {
        auto lines = in_txn([&](store::Txn& txn) {
            return platform::company::letterhead(txn, admin_.company);
        });
        EXPECT_TRUE(lines.ok()) << lines.error().message();
        return lines.ok() ? *lines : std::vector<std::string>{};
    }

    platform::Actor admin_;
};

TEST_P(CompanyProfiles, WithoutAProfileTheLetterheadIsTheName) {
    EXPECT_EQ(letterhead(), std::vector<std::string>{"Acme"});
}

TEST_P(CompanyProfiles, AProfileIsStoredAuditedAndPrintedWithoutEmptyParts) {
    const CompanyProfile profile{.legal_name = "Acme Widgets Inc.",
                                 .address_line1 = "1 Main Street",
                                 .address_line2 = "",
                                 .postal_code = "02110",
                                 .city = "Boston",
                                 .region = "MA",
                                 .country = "US",
                                 .tax_id = "EIN 12-3456789",
                                 .email = "billing@acme.example",
                                 .phone = "+1 617 555 0100",
                                 .website = ""};
    ASSERT_TRUE(set(profile).ok());
    EXPECT_EQ(letterhead(),
              (std::vector<std::string>{"Acme Widgets Inc.",
                                        "1 Main Street",
                                        "02110 Boston, MA",
                                        "US",
                                        "Tax ID EIN 12-3456789",
                                        "+1 617 555 0100  \xC2\xB7  billing@acme.example"}));

    CompanyProfile moved = profile;
    moved.city = "Cambridge";
    ASSERT_TRUE(set(moved).ok());
    auto audited = in_txn([&](store::Txn& txn) -> core::Result<std::vector<std::string>> {
        BO_TRY_ASSIGN(auto rows,
                      txn.query("SELECT changes FROM audit_events WHERE action = "
                                "'company.profile.update' ORDER BY seq",
                                {}));
        std::vector<std::string> changes;
        for (const auto& row : rows) {
            changes.push_back(row.text(0));
        }
        return changes;
    });
    ASSERT_TRUE(audited.ok()) << audited.error().message();
    ASSERT_EQ(audited->size(), 2U);
    EXPECT_NE(audited->back().find("\"city\""), std::string::npos);
    EXPECT_NE(audited->back().find("Cambridge"), std::string::npos);
    EXPECT_EQ(audited->back().find("legal_name"), std::string::npos);  // unchanged: not listed
}

TEST_P(CompanyProfiles, EveryBadFieldIsNamedAndNothingIsWritten) {
    CompanyProfile bad;
    bad.legal_name = std::string(201, 'x');
    bad.country = "USA";
    bad.email = "not an address";
    auto refused = set(bad);
    ASSERT_FALSE(refused.ok());
    std::vector<std::string> fields;
    for (const auto& field : refused.error().fields()) {
        fields.push_back(field.field);
    }
    EXPECT_EQ(fields, (std::vector<std::string>{"legal_name", "country", "email"}));
    EXPECT_EQ(letterhead(), std::vector<std::string>{"Acme"});
}

BO_INSTANTIATE_ON_ALL_BACKENDS(CompanyProfiles);

}  // namespace
}  // namespace bo::testing
