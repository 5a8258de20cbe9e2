// Goal: issue #7's statement import over real HTTP and the real CLI, on both backends: bank
// accounts are created and listed; camt.053, OFX and CSV files import (201) and read back with
// their lines `unmatched`; the same file again stores nothing (200, duplicate: true); a file for
// an account the company does not have, or a malformed one, is 422 naming the account or the
// element / line, and nothing is stored; `backoffice import statement` does the same from a
// shell; only holders of banking.reconcile import.
// Method: a fresh database per test seeded with `backoffice seed-demo` (which already holds the
// demo's operating account and one statement), a server on 127.0.0.1:0 driven by ApiClient,
// the CLI run beside it; files are the shared third-party samples read in place.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <sodium.h>

#include "support/api_client.hpp"
#include "support/databases.hpp"
#include "support/demo.hpp"
#include "support/process.hpp"
#include <unistd.h>

namespace bo::testing {
namespace {

using boost::json::array;
using boost::json::object;

std::string sample(const std::string& relative) {
    const char* dir = std::getenv("BO_FORMATS_DIR");  // NOLINT(concurrency-mt-unsafe)
    const std::filesystem::path root =
        dir != nullptr ? std::filesystem::path(dir)
                       : std::filesystem::path(BO_SOURCE_DIR) / ".." / "shared" / "formats";
    std::ifstream in(root / relative, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string base64(const std::string& bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(),
                      out.size(),
                      reinterpret_cast<const unsigned char*>(bytes.data()),  // NOLINT: bytes
                      bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

class BankStatementsApi : public ::testing::TestWithParam<store::Backend> {
protected:
    void SetUp() override {
        database_ = TestDatabase::create(GetParam());
        if (database_ == nullptr) {
            GTEST_SKIP() << "no PostgreSQL (scripts/with-postgres sets BO_TEST_POSTGRES_URL)";
        }
        admin_password_ = seed_demo(database_->url());
        ASSERT_FALSE(admin_password_.empty());
        server_ = std::make_unique<ServerProcess>(database_->url());
        ASSERT_NE(server_->port(), 0);
    }

    ApiClient admin() {
        ApiClient client(server_->port());
        EXPECT_EQ(client.sign_in("DEMO", "admin", admin_password_).status, 200);
        return client;
    }

    ApiClient user(const std::string& username, const std::string& role) {
        const ApiReply created = admin().post("/api/v1/users",
                                              object{{"username", username},
                                                     {"display_name", username},
                                                     {"password", "password of " + username},
                                                     {"roles", array{role}}});
        EXPECT_EQ(created.status, 201) << created.text;
        ApiClient client(server_->port());
        EXPECT_EQ(client.sign_in("DEMO", username, "password of " + username).status, 200);
        return client;
    }

    std::int64_t create_account(const object& body) {
        const ApiReply created = admin().post("/api/v1/bank-accounts", body);
        EXPECT_EQ(created.status, 201) << created.text;
        return created.status == 201 ? created.body.at("id").as_int64() : 0;
    }

    std::size_t statement_count() {
        const ApiReply listed = admin().get("/api/v1/bank-statements?limit=500");
        EXPECT_EQ(listed.status, 200) << listed.text;
        return listed.body.at("items").as_array().size();
    }

    CommandResult import_cli(const std::vector<std::string>& extra) {
        std::vector<std::string> args{backoffice_binary(),
                                      "import",
                                      "statement",
                                      "--db",
                                      database_->url(),
                                      "--company",
                                      "DEMO"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_command(args);
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ServerProcess> server_;
    std::string admin_password_;
};

TEST_P(BankStatementsApi, Camt053ImportsOnceAndReadsBack) {
    const std::int64_t account = create_account(object{{"name", "Euro account"},
                                                       {"iban", "NL26 VAYB 8060 4768 90"},
                                                       {"bank_code", "VAYBNL21"},
                                                       {"currency", "EUR"},
                                                       {"ledger_account", "1120"}});
    const ApiReply listed = admin().get("/api/v1/bank-accounts");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.body.at("items").as_array().size(), 2U);  // the demo's and this one
    const std::size_t before = statement_count();
    const std::string file = sample("iso20022/camt-samples/camt053.v2.multi.statement.xml");
    const ApiReply imported = admin().post("/api/v1/bank-statements", object{{"content", file}});
    ASSERT_EQ(imported.status, 201) << imported.text;
    EXPECT_EQ(imported.body.at("format").as_string(), "camt053");
    const array& statements = imported.body.at("statements").as_array();
    ASSERT_EQ(statements.size(), 2U);
    EXPECT_EQ(statements[0].at("bank_account_id").as_int64(), account);
    EXPECT_EQ(statement_count(), before + 2);
    const ApiReply one =
        admin().get("/api/v1/bank-statements/" + std::to_string(statements[1].at("id").as_int64()));
    ASSERT_EQ(one.status, 200) << one.text;
    EXPECT_EQ(one.body.at("statement_ref").as_string(), "254EURNL26VAYB8060476890");
    EXPECT_EQ(one.body.at("closing_balance").at("amount").as_string(), "20.00");
    const array& lines = one.body.at("lines").as_array();
    ASSERT_EQ(lines.size(), 1U);
    EXPECT_EQ(lines[0].at("amount").as_string(), "-7.00");
    EXPECT_EQ(lines[0].at("match_status").as_string(), "unmatched");
    const ApiReply again = admin().post("/api/v1/bank-statements", object{{"content", file}});
    ASSERT_EQ(again.status, 200) << again.text;
    EXPECT_TRUE(again.body.at("duplicate").as_bool());
    EXPECT_EQ(statement_count(), before + 2);
}

TEST_P(BankStatementsApi, OfxAndCsvImportOverHttp) {
    create_account(object{{"name", "US checking"},
                          {"account_number", "1452687~7"},
                          {"bank_code", "5472369148"},
                          {"currency", "USD"},
                          {"ledger_account", "1120"}});
    const ApiReply ofx =
        admin().post("/api/v1/bank-statements?format=ofx",
                     object{{"content_base64", base64(sample("ofx/checking.ofx"))}});
    ASSERT_EQ(ofx.status, 201) << ofx.text;
    EXPECT_EQ(ofx.body.at("statements").at(0).at("lines_imported").as_int64(), 3);
    const std::int64_t csv_account =
        create_account(object{{"name", "Card"},
                              {"account_number", "CARD-1"},
                              {"currency", "USD"},
                              {"ledger_account", "1120"},
                              {"csv_mapping",
                               object{{"date_column", "Date"},
                                      {"date_format", "MM/DD/YYYY"},
                                      {"amount_column", "Amount"},
                                      {"reference_column", "Id"},
                                      {"text_column", "Description"}}}});
    const std::string csv = "Date,Amount,Id,Description\n03/02/2026,-12.40,T1,Coffee\n";
    const ApiReply imported =
        admin().post("/api/v1/bank-statements",
                     object{{"content", csv}, {"bank_account", std::to_string(csv_account)}});
    ASSERT_EQ(imported.status, 201) << imported.text;
    EXPECT_EQ(imported.body.at("format").as_string(), "csv");
    const ApiReply refused = admin().post("/api/v1/bank-statements", object{{"content", csv}});
    ASSERT_EQ(refused.status, 422) << refused.text;
    EXPECT_EQ(refused.body.at("errors").at(0).at("field").as_string(), "bank_account");
}

// The form: the file itself as the body, its format detected or named in the query.
TEST_P(BankStatementsApi, TheFileItselfCanBeTheBody) {
    create_account(object{{"name", "Euro account"},
                          {"iban", "NL26 VAYB 8060 4768 90"},
                          {"bank_code", "VAYBNL21"},
                          {"currency", "EUR"},
                          {"ledger_account", "1120"}});
    const std::size_t before = statement_count();
    const std::string camt = sample("iso20022/camt-samples/camt053.v2.multi.statement.xml");
    const ApiReply imported =
        admin().post_file("/api/v1/bank-statements", camt, "application/xml");
    ASSERT_EQ(imported.status, 201) << imported.text;
    EXPECT_EQ(imported.body.at("format").as_string(), "camt053");
    EXPECT_EQ(statement_count(), before + 2);
    const ApiReply again = admin().post_file("/api/v1/bank-statements", camt, "application/xml");
    ASSERT_EQ(again.status, 200) << again.text;
    EXPECT_TRUE(again.body.at("duplicate").as_bool());

    const std::int64_t csv_account =
        create_account(object{{"name", "Card"},
                              {"account_number", "CARD-1"},
                              {"currency", "USD"},
                              {"ledger_account", "1120"},
                              {"csv_mapping",
                               object{{"date_column", "Date"},
                                      {"date_format", "MM/DD/YYYY"},
                                      {"amount_column", "Amount"},
                                      {"reference_column", "Id"},
                                      {"text_column", "Description"}}}});
    const std::string csv = "Date,Amount,Id,Description\n03/02/2026,-12.40,T1,Coffee\n";
    const ApiReply from_csv = admin().post_file(
        "/api/v1/bank-statements?format=csv&bank_account=" + std::to_string(csv_account),
        csv,
        "text/csv");
    ASSERT_EQ(from_csv.status, 201) << from_csv.text;
    EXPECT_EQ(from_csv.body.at("format").as_string(), "csv");
    // A malformed file as the body: 422 naming the element, nothing stored.
    const std::size_t middle = statement_count();
    const ApiReply wrong = admin().post_file(
        "/api/v1/bank-statements", sample("iso20022/camt-samples/camt053.v2.wrong.xml"), "application/xml");
    ASSERT_EQ(wrong.status, 422) << wrong.text;
    EXPECT_EQ(statement_count(), middle);
    // An empty body is a malformed request naming what is missing.
    const ApiReply empty = admin().post_file("/api/v1/bank-statements", "", "application/xml");
    ASSERT_EQ(empty.status, 400) << empty.text;
    EXPECT_EQ(empty.body.at("errors").at(0).at("field").as_string(), "content");
}

TEST_P(BankStatementsApi, WrongAccountAndMalformedFilesAre422AndStoreNothing) {
    const std::size_t before = statement_count();
    const ApiReply stranger =
        admin().post("/api/v1/bank-statements",
                     object{{"content", sample("iso20022/camt-samples/camt053.v2.minimal.xml")}});
    ASSERT_EQ(stranger.status, 422) << stranger.text;
    EXPECT_EQ(stranger.body.at("errors").at(0).at("field").as_string(), "statements/1/account");
    EXPECT_NE(stranger.text.find("NL26VAYB8060476890"), std::string::npos);
    const ApiReply wrong =
        admin().post("/api/v1/bank-statements",
                     object{{"content", sample("iso20022/camt-samples/camt053.v2.wrong.xml")}});
    ASSERT_EQ(wrong.status, 422) << wrong.text;
    EXPECT_EQ(wrong.body.at("errors").at(0).at("field").as_string(), "Document/BkToCstmrStmt");
    const ApiReply ofx = admin().post(
        "/api/v1/bank-statements",
        object{{"content", sample("ofx/invalid/decimal_error.ofx")}, {"format", "ofx"}});
    ASSERT_EQ(ofx.status, 422) << ofx.text;
    EXPECT_TRUE(ofx.body.at("errors").at(0).at("field").as_string().starts_with("line/"));
    EXPECT_EQ(statement_count(), before);
}

TEST_P(BankStatementsApi, OnlyReconcilersImport) {
    const std::string file = sample("ofx/checking.ofx");
    const ApiReply clerk =
        user("gl", "gl_clerk").post("/api/v1/bank-statements", object{{"content", file}});
    EXPECT_EQ(clerk.status, 403) << clerk.text;
    create_account(object{{"name", "US checking"},
                          {"account_number", "1452687~7"},
                          {"currency", "USD"},
                          {"ledger_account", "1120"}});
    const ApiReply ar =
        user("ar", "ar_clerk").post("/api/v1/bank-statements", object{{"content", file}});
    EXPECT_EQ(ar.status, 201) << ar.text;
}

TEST_P(BankStatementsApi, CliImportsOnceAndNamesTheBadElement) {
    create_account(object{{"name", "US checking"},
                          {"account_number", "1452687~7"},
                          {"currency", "USD"},
                          {"ledger_account", "1120"}});
    const std::filesystem::path dir = std::filesystem::temp_directory_path()
                                      / ("bo-bank-" + std::string(store::to_string(GetParam()))
                                         + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string ofx = (dir / "checking.ofx").string();
    std::ofstream(ofx, std::ios::binary) << sample("ofx/checking.ofx");
    const std::size_t before = statement_count();
    const CommandResult dry = import_cli({"--dry-run", ofx});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(dry.out.find("nothing written (dry run)"), std::string::npos) << dry.out;
    EXPECT_EQ(statement_count(), before);
    const CommandResult first = import_cli({ofx});
    EXPECT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("3 lines"), std::string::npos) << first.out;
    const CommandResult second = import_cli({ofx});
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("already imported"), std::string::npos) << second.out;
    EXPECT_EQ(statement_count(), before + 1);
    const std::string bad = (dir / "bad.ofx").string();
    std::ofstream(bad, std::ios::binary) << sample("ofx/invalid/date_missing.ofx");
    const CommandResult refused = import_cli({"--format", "ofx", bad});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("line "), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("DTPOSTED"), std::string::npos) << refused.err;
    std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         BankStatementsApi,
                         ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace bo::testing
