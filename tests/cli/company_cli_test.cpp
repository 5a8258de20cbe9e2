// `backoffice company add` as an operator runs it, on both backends: a company ready to work
// in (admin who can sign in, standard or empty chart, first fiscal year, a clean audit trail),
// and every refusal leaving nothing behind.
//
// Method: the real binary (BO_BINARY) against a fresh database per test; the test process
// opens the same database through the store to check what was written.
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "ledger/service.hpp"
#include "platform/auth/sessions.hpp"
#include "platform/tenancy/service.hpp"

#include "support/databases.hpp"
#include "support/process.hpp"

namespace bo::testing {
namespace {

class CompanyCli : public ::testing::TestWithParam<store::Backend> {
protected:
    void SetUp() override { database_ = TestDatabase::create(GetParam()); }

    bool ready() const { return database_ != nullptr; }

    // `backoffice company add ARGS --db URL`.
    CommandResult add(std::vector<std::string> arguments, const std::string& input = {}) {
        arguments.insert(arguments.begin(), {backoffice_binary(), "company", "add"});
        arguments.push_back("--db");
        arguments.push_back(database_->url());
        return input.empty() ? run_command(arguments) : run_command_with_input(arguments, input);
    }

    // What the store holds for company `code`: accounts and fiscal years (nullopt: no company).
    struct Books {
        std::size_t accounts = 0;
        std::vector<ledger::FiscalYear> years;
        std::string currency;
    };

    std::optional<Books> books(const std::string& code) {
        std::optional<Books> found;
        const auto read = database_->migrated().transact(
            store::TxnMode::read_only, [&](store::Txn& txn) -> core::Result<void> {
                BO_TRY_ASSIGN(const auto company, platform::tenancy::find_company(txn, code));
                if (!company) {
                    return core::ok();
                }
                Books result;
                result.currency = std::string(company->functional_currency.code());
                BO_TRY_ASSIGN(const auto chart, ledger::chart_of_accounts(txn, company->id));
                result.accounts = chart.size();
                BO_TRY_ASSIGN(result.years, ledger::list_fiscal_years(txn, company->id));
                found = std::move(result);
                return core::ok();
            });
        EXPECT_TRUE(read.ok()) << read.error().message();
        return found;
    }

    bool signs_in(const std::string& code, const std::string& user, const std::string& password) {
        bool signed_in = false;
        const core::SystemClock clock;
        const auto done = database_->migrated().transact(
            store::TxnMode::read_write, [&](store::Txn& txn) -> core::Result<void> {
                BO_TRY_ASSIGN(const auto outcome,
                              platform::auth::sign_in(txn,
                                                      clock,
                                                      {.company = code,
                                                       .username = user,
                                                       .password = password,
                                                       .client_address = "127.0.0.1",
                                                       .request_id = "test"}));
                signed_in = outcome.session.has_value();
                return core::ok();
            });
        EXPECT_TRUE(done.ok()) << done.error().message();
        return signed_in;
    }

    std::unique_ptr<TestDatabase> database_;
};

// The password printed after "password ", up to the end of its line.
std::string printed_password(const std::string& out) {
    const std::string marker = "password ";
    const std::size_t at = out.find(marker);
    if (at == std::string::npos) {
        return {};
    }
    const std::size_t start = at + marker.size();
    return out.substr(start, out.find('\n', start) - start);
}

TEST_P(CompanyCli, MakesACompanyReadyToWorkIn) {
    if (!ready()) {
        return;
    }
    const CommandResult made = add({"--code",
                                    "ACME",
                                    "--name",
                                    "Acme Trading Ltd",
                                    "--currency",
                                    "EUR",
                                    "--fiscal-year-start",
                                    "2026-04-01"});
    ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
    EXPECT_NE(made.out.find("created company ACME"), std::string::npos) << made.out;

    const auto acme = books("ACME");
    ASSERT_TRUE(acme.has_value());
    EXPECT_EQ(acme->currency, "EUR");
    EXPECT_GT(acme->accounts, 50U);
    ASSERT_EQ(acme->years.size(), 1U);
    EXPECT_EQ(acme->years.front().start_date.to_string(), "2026-04-01");
    EXPECT_EQ(acme->years.front().end_date.to_string(), "2027-04-01");

    const std::string password = printed_password(made.out);
    ASSERT_FALSE(password.empty()) << made.out;
    EXPECT_TRUE(signs_in("ACME", "admin", password));
    EXPECT_FALSE(signs_in("ACME", "admin", password + "x"));

    // The set-up is in the audit trail, and the chain verifies.
    const CommandResult verified = run_command(
        {backoffice_binary(), "audit", "verify", "--company", "ACME", "--db", database_->url()});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

// `company profile` shows the letterhead and changes only the fields given; a bad field
// changes nothing and says why.
TEST_P(CompanyCli, TheProfileIsShownAndChangedFieldByField) {
    if (!ready()) {
        return;
    }
    ASSERT_EQ(add({"--code", "ACME", "--name", "Acme Trading Ltd"}).exit_code, 0);
    auto profile = [&](std::vector<std::string> args) {
        std::vector<std::string> command{backoffice_binary(), "company", "profile", "--company",
                                         "ACME", "--db", database_->url()};
        command.insert(command.end(), args.begin(), args.end());
        return run_command(command);
    };
    const CommandResult bare = profile({});
    ASSERT_EQ(bare.exit_code, 0) << bare.err;
    EXPECT_NE(bare.out.find("Acme Trading Ltd\n"), std::string::npos) << bare.out;

    const CommandResult set =
        profile({"--address-line1", "1 Main Street", "--city", "Boston", "--tax-id", "EIN 1"});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    EXPECT_NE(set.out.find("1 Main Street\nBoston\nTax ID EIN 1\n"), std::string::npos)
        << set.out;
    const CommandResult city = profile({"--city", "Cambridge"});
    ASSERT_EQ(city.exit_code, 0) << city.err;
    EXPECT_NE(city.out.find("1 Main Street\nCambridge\n"), std::string::npos) << city.out;

    const CommandResult bad = profile({"--country", "USA", "--city", "Nowhere"});
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.err.find("country"), std::string::npos) << bad.err;
    EXPECT_NE(profile({}).out.find("Cambridge"), std::string::npos);
}

TEST_P(CompanyCli, AnEmptyChartAndAPasswordFromStandardInput) {
    if (!ready()) {
        return;
    }
    const CommandResult made = add({"--code",
                                    "EMPTY",
                                    "--name",
                                    "Empty Books",
                                    "--chart",
                                    "empty",
                                    "--admin",
                                    "owner",
                                    "--password-stdin"},
                                   "a long enough passphrase\n");
    ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
    EXPECT_EQ(made.out.find("password"), std::string::npos) << made.out;
    const auto empty = books("EMPTY");
    ASSERT_TRUE(empty.has_value());
    EXPECT_EQ(empty->accounts, 0U);
    EXPECT_EQ(empty->years.size(), 1U);
    EXPECT_TRUE(signs_in("EMPTY", "owner", "a long enough passphrase"));
}

TEST_P(CompanyCli, ARefusalLeavesNothingBehind) {
    if (!ready()) {
        return;
    }
    ASSERT_EQ(add({"--code", "ACME", "--name", "Acme"}).exit_code, 0);

    const CommandResult taken = add({"--code", "ACME", "--name", "Another Acme"});
    EXPECT_EQ(taken.exit_code, 1);
    EXPECT_NE(taken.err.find("ACME already exists"), std::string::npos) << taken.err;

    const CommandResult currency = add({"--code", "BAD1", "--name", "Bad", "--currency", "EURO"});
    EXPECT_EQ(currency.exit_code, 1);
    EXPECT_NE(currency.err.find("currency"), std::string::npos) << currency.err;
    EXPECT_FALSE(books("BAD1").has_value());

    // The company and admin would be valid; the fiscal year is not: nothing at all is kept.
    const CommandResult year =
        add({"--code", "BAD2", "--name", "Bad", "--fiscal-year-start", "2026-01-15"});
    EXPECT_EQ(year.exit_code, 1);
    EXPECT_NE(year.err.find("start_date"), std::string::npos) << year.err;
    EXPECT_FALSE(books("BAD2").has_value());

    const CommandResult password =
        add({"--code", "BAD3", "--name", "Bad", "--password-stdin"}, "short\n");
    EXPECT_EQ(password.exit_code, 1);
    EXPECT_NE(password.err.find("password"), std::string::npos) << password.err;
    EXPECT_FALSE(books("BAD3").has_value());

    const CommandResult chart = add({"--code", "BAD4", "--name", "Bad", "--chart", "fancy"});
    EXPECT_EQ(chart.exit_code, 2);
    EXPECT_FALSE(books("BAD4").has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, CompanyCli, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace bo::testing
