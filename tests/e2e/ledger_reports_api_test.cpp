// Goal: issue #5's report outputs and issue #4's department managers over real HTTP, on both
// backends: comparison columns in JSON, CSV/XLSX/PDF downloads with a filename, the journal
// listing's filters, and a manager of department SALES who sees SALES only (403 for FIN).
// Method: `backoffice seed-demo` (demo departments SALES and FIN), then the admin posts three
// entries in a fiscal year of its own (2040) through the API:
//   2040-01-10 Dr 1120 1,000.00 / Cr 4110 1,000.00 [SALES]  "January, sales"
//   2040-02-10 Dr 1120 1,500.00 / Cr 4110 1,500.00 [SALES]  "=cmd|' /C calc'!A0" (hostile)
//   2040-02-12 Dr 6110   400.00 [FIN] / Cr 1120 400.00      "Finance wages"
// and creates the manager "mona" limited to SALES.
#include <algorithm>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "support/api_client.hpp"
#include "support/databases.hpp"
#include "support/demo.hpp"
#include "support/process.hpp"

namespace bo::testing {
namespace {

using boost::json::array;
using boost::json::object;

constexpr std::string_view ledger = "/api/v1/ledger/";

// RFC 4180 records (enough for our files: quotes, doubled quotes, CRLF).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records(1);
    std::string field;
    bool quoted = false;
    for (std::size_t at = 0; at < text.size(); ++at) {
        const char c = text[at];
        if (quoted && c == '"' && at + 1 < text.size() && text[at + 1] == '"') {
            field += '"';
            ++at;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == ',') {
            records.back().push_back(std::exchange(field, {}));
        } else if (!quoted && c == '\r' && at + 1 < text.size() && text[at + 1] == '\n') {
            records.back().push_back(std::exchange(field, {}));
            records.emplace_back();
            ++at;
        } else {
            field += c;
        }
    }
    records.pop_back();  // after the last CRLF
    return records;
}

class LedgerReportsApi : public ::testing::TestWithParam<store::Backend> {
protected:
    void SetUp() override {
        database_ = TestDatabase::create(GetParam());
        if (database_ == nullptr) {
            return;
        }
        const std::string password = seed_demo(database_->url());
        ASSERT_FALSE(HasFailure());
        server_ = std::make_unique<ServerProcess>(database_->url());
        ASSERT_NE(server_->port(), 0);
        admin_ = std::make_unique<ApiClient>(server_->port());
        ASSERT_EQ(admin_->sign_in("DEMO", "admin", password).status, 200);
        prepare_ledger();
    }

    ApiReply get(const ApiClient& client, const std::string& path) const {
        return client.get(std::string(ledger) + path);
    }

    void prepare_ledger() {
        const ApiReply accounts = get(*admin_, "accounts?limit=1");
        ASSERT_EQ(accounts.status, 200) << accounts.text;
        if (accounts.body.at("items").as_array().empty()) {
            ASSERT_EQ(
                admin_->post(std::string(ledger) + "accounts/standard-chart", object{}).status,
                201);
        }
        const ApiReply year = admin_->post(std::string(ledger) + "fiscal-years",
                                           object{{"start_date", "2040-01-01"}});
        ASSERT_EQ(year.status, 201) << year.text;
        sales_id_ = post("2040-01-10", "January, sales", "1120", "", "4110", "SALES", "1000.00");
        post("2040-02-10", "=cmd|' /C calc'!A0", "1120", "", "4110", "SALES", "1500.00");
        fin_id_ = post("2040-02-12", "Finance wages", "6110", "FIN", "1120", "", "400.00");
        const ApiReply mona = admin_->post("/api/v1/users",
                                           object{{"username", "mona"},
                                                  {"display_name", "Mona Manager"},
                                                  {"password", "mona's long password"},
                                                  {"roles", array{"manager"}}});
        ASSERT_EQ(mona.status, 201) << mona.text;
        const ApiReply scoped = admin_->put(
            "/api/v1/users/" + std::to_string(mona.body.at("id").as_int64()) + "/departments",
            object{{"department_ids", array{sales_id_}}});
        ASSERT_EQ(scoped.status, 200) << scoped.text;
        manager_ = std::make_unique<ApiClient>(server_->port());
        ASSERT_EQ(manager_->sign_in("DEMO", "mona", "mona's long password").status, 200);
    }

    // Posts a two-line entry; answers the department id of its departmental line.
    std::int64_t post(const std::string& date,
                      const std::string& memo,
                      const std::string& debit_account,
                      const std::string& debit_department,
                      const std::string& credit_account,
                      const std::string& credit_department,
                      const std::string& amount) {
        const auto line =
            [&](const std::string& account, const std::string& department, const char* side) {
                object item{
                    {"account", account}, {"side", side}, {"amount", amount}, {"currency", "USD"}};
                if (!department.empty()) {
                    item["department"] = department;
                }
                return item;
            };
        const ApiReply posted =
            admin_->post(std::string(ledger) + "journal-entries",
                         object{{"date", date},
                                {"memo", memo},
                                {"lines",
                                 array{line(debit_account, debit_department, "debit"),
                                       line(credit_account, credit_department, "credit")}}});
        EXPECT_EQ(posted.status, 201) << posted.text;
        if (posted.status != 201) {
            return 0;
        }
        for (const auto& posted_line : posted.body.at("lines").as_array()) {
            if (posted_line.at("department_id").is_int64()) {
                return posted_line.at("department_id").as_int64();
            }
        }
        return 0;
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ServerProcess> server_;
    std::unique_ptr<ApiClient> admin_;
    std::unique_ptr<ApiClient> manager_;
    std::int64_t sales_id_ = 0;
    std::int64_t fin_id_ = 0;
};

const boost::json::value& row_of(const ApiReply& reply, std::string_view number) {
    for (const auto& row : reply.body.at("rows").as_array()) {
        if (row.at("number").as_string() == number) {
            return row;
        }
    }
    ADD_FAILURE() << "no row " << number << " in " << reply.text;
    static const boost::json::value none;
    return none;
}

TEST_P(LedgerReportsApi, AManagerSeesOnlyTheirOwnDepartments) {
    BO_REQUIRE_DATABASE(database_);
    const std::string february = "from=2040-02-01&to=2040-03-01";
    const ApiReply own = get(*manager_, "reports/income-statement?" + february);
    ASSERT_EQ(own.status, 200) << own.text;
    EXPECT_EQ(own.body.at("income"), "1500.00");
    EXPECT_EQ(own.body.at("expenses"), "0.00") << "FIN's wages are not Mona's";
    EXPECT_EQ(get(*manager_, "reports/income-statement?" + february + "&department=SALES").status,
              200);
    const ApiReply other =
        get(*manager_, "reports/income-statement?" + february + "&department=FIN");
    EXPECT_EQ(other.status, 403) << other.text;
    EXPECT_EQ(other.header("Content-Type"), "application/problem+json");
    EXPECT_NE(other.string("detail").find("FIN"), std::string::npos) << other.text;
    EXPECT_EQ(get(*manager_, "reports/income-statement?" + february + "&department=none").status,
              403);
    EXPECT_EQ(get(*manager_, "reports/trial-balance?" + february + "&department=FIN").status, 403);
    const ApiReply trial = get(*manager_, "reports/trial-balance?" + february);
    ASSERT_EQ(trial.status, 200) << trial.text;
    EXPECT_EQ(trial.body.at("totals").at("credit"), "1500.00");
    const std::string wages =
        std::to_string(row_of(get(*admin_, "reports/trial-balance?" + february), "6110")
                           .at("account_id")
                           .as_int64());
    EXPECT_EQ(
        get(*manager_, "accounts/" + wages + "/general-ledger?" + february + "&department=FIN")
            .status,
        403);
    const ApiReply detail = get(*manager_, "accounts/" + wages + "/general-ledger?" + february);
    ASSERT_EQ(detail.status, 200) << detail.text;
    EXPECT_TRUE(detail.body.at("lines").as_array().empty());
    // The balance sheet and the journal need the full ledger.read.
    EXPECT_EQ(get(*manager_, "reports/balance-sheet?as_of=2040-02-29").status, 403);
    EXPECT_EQ(get(*manager_, "journal-entries").status, 403);
    // A full reader is not restricted.
    const ApiReply all = get(*admin_, "reports/income-statement?" + february);
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.body.at("expenses"), "400.00");
    EXPECT_EQ(get(*admin_, "reports/income-statement?" + february + "&department=FIN").status, 200);
}

// The departments a client may offer as filters: all for a full reader, their own for Mona.
TEST_P(LedgerReportsApi, DepartmentsListShowsAManagerOnlyTheirOwn) {
    BO_REQUIRE_DATABASE(database_);
    const auto codes = [](const ApiReply& reply) {
        std::vector<std::string> out;
        for (const auto& item : reply.body.at("items").as_array()) {
            out.emplace_back(item.at("code").as_string());
        }
        return out;
    };
    const ApiReply mine = get(*manager_, "departments");
    ASSERT_EQ(mine.status, 200) << mine.text;
    EXPECT_EQ(codes(mine), std::vector<std::string>{"SALES"});
    EXPECT_EQ(mine.body.at("items").at(0).at("id").as_int64(), sales_id_);
    const ApiReply all = get(*admin_, "departments");
    ASSERT_EQ(all.status, 200) << all.text;
    const std::vector<std::string> every = codes(all);
    EXPECT_NE(std::find(every.begin(), every.end(), "FIN"), every.end()) << all.text;
    EXPECT_NE(std::find(every.begin(), every.end(), "SALES"), every.end()) << all.text;
    EXPECT_EQ(get(*admin_, "departments?limit=0").status, 400);
}

TEST_P(LedgerReportsApi, ComparisonColumnsCarryAmountDifferenceAndPercent) {
    BO_REQUIRE_DATABASE(database_);
    const ApiReply statement = get(
        *admin_, "reports/income-statement?from=2040-02-01&to=2040-03-01&compare=previous_period");
    ASSERT_EQ(statement.status, 200) << statement.text;
    const auto& sales = row_of(statement, "4110");
    EXPECT_EQ(sales.at("total"), "1500.00");
    EXPECT_EQ(sales.at("compare_total"), "1000.00");
    EXPECT_EQ(sales.at("difference"), "500.00");
    EXPECT_EQ(sales.at("difference_percent"), "50.00");
    EXPECT_EQ(row_of(statement, "6110").at("difference_percent"), nullptr);
    EXPECT_EQ(statement.body.at("compare").at("from"), "2040-01-01");
    EXPECT_EQ(statement.body.at("compare").at("net_income"), "1000.00");
    EXPECT_EQ(statement.body.at("compare").at("net_income_difference"), "100.00");
    EXPECT_EQ(statement.body.at("compare").at("net_income_difference_percent"), "10.00");
    const ApiReply trial =
        get(*admin_, "reports/trial-balance?from=2040-02-01&to=2040-03-01&compare=previous_period");
    ASSERT_EQ(trial.status, 200) << trial.text;
    EXPECT_EQ(row_of(trial, "4110").at("compare").at("credit"), "1000.00");
    EXPECT_EQ(row_of(trial, "4110").at("compare").at("difference"), "-1500.00");
    const ApiReply sheet =
        get(*admin_, "reports/balance-sheet?as_of=2040-02-29&compare=previous_year");
    ASSERT_EQ(sheet.status, 200) << sheet.text;
    EXPECT_EQ(sheet.body.at("compare").at("as_of"), "2039-02-28");
    const ApiReply wrong =
        get(*admin_, "reports/trial-balance?from=2040-02-01&to=2040-03-01&compare=yes");
    EXPECT_EQ(wrong.status, 400) << wrong.text;
    EXPECT_EQ(wrong.body.at("errors").at(0).at("field"), "compare");
}

TEST_P(LedgerReportsApi, ReportsDownloadAsCsvXlsxAndPdfWithTheJsonFigures) {
    BO_REQUIRE_DATABASE(database_);
    const std::string query = "reports/trial-balance?from=2040-02-01&to=2040-03-01";
    const ApiReply json = get(*admin_, query);
    ASSERT_EQ(json.status, 200);
    const ApiReply csv = get(*admin_, query + "&format=csv");
    ASSERT_EQ(csv.status, 200) << csv.text;
    EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv.header("Content-Disposition"),
              "attachment; filename=\"trial-balance_2040-02-01_2040-02-29.csv\"");
    const auto records = parse_csv(csv.text);
    ASSERT_EQ(records.size(), json.body.at("rows").as_array().size() + 2);  // header and total
    EXPECT_EQ(
        records[0],
        (std::vector<std::string>{"Number", "Account", "Opening", "Debit", "Credit", "Closing"}));
    for (std::size_t index = 0; index < json.body.at("rows").as_array().size(); ++index) {
        const auto& row = json.body.at("rows").at(index);
        EXPECT_EQ(records[index + 1],
                  (std::vector<std::string>{std::string(row.at("number").as_string()),
                                            std::string(row.at("name").as_string()),
                                            std::string(row.at("opening").as_string()),
                                            std::string(row.at("debit").as_string()),
                                            std::string(row.at("credit").as_string()),
                                            std::string(row.at("closing").as_string())}));
    }
    EXPECT_EQ(records.back().at(1), "Total");
    EXPECT_EQ(records.back().at(3), json.body.at("totals").at("debit").as_string());

    const ApiReply xlsx = get(*admin_, query + "&format=xlsx");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.header("Content-Type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(xlsx.text.substr(0, 2), "PK");
    const ApiReply pdf = get(*admin_, query + "&format=pdf&compare=previous_year");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf.text.substr(0, 5), "%PDF-");
    const ApiReply bad = get(*admin_, query + "&format=doc");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.body.at("errors").at(0).at("field"), "format");

    // The hostile memo reaches the general-ledger CSV as text, guarded against formulas.
    const std::string sales = std::to_string(row_of(json, "4110").at("account_id").as_int64());
    const std::string detail_path =
        "accounts/" + sales + "/general-ledger?from=2040-01-01&to=2041-01-01";
    const ApiReply detail = get(*admin_, detail_path + "&format=csv");
    ASSERT_EQ(detail.status, 200) << detail.text;
    const ApiReply detail_json = get(*admin_, detail_path);
    ASSERT_EQ(detail_json.status, 200);
    const auto lines = parse_csv(detail.text);
    ASSERT_EQ(lines.size(), 5U);  // header, opening, two lines, closing
    EXPECT_EQ(lines[1].at(7), detail_json.body.at("opening").as_string());
    EXPECT_EQ(lines[3].at(2), "'=cmd|' /C calc'!A0");
    EXPECT_EQ(lines[3].at(4), "SALES");
    EXPECT_EQ(lines[3].at(6), "1500.00");
    EXPECT_EQ(lines[3].at(7), detail_json.body.at("lines").at(1).at("balance").as_string());
    EXPECT_EQ(lines[4].at(7), detail_json.body.at("closing").as_string());
    EXPECT_EQ(get(*admin_,
                  "accounts/" + sales + "/general-ledger?from=2040-01-01&to=2041-01-01&format=pdf")
                  .header("Content-Type"),
              "application/pdf");
}

TEST_P(LedgerReportsApi, JournalListingFiltersAndExports) {
    BO_REQUIRE_DATABASE(database_);
    const std::string year = "journal-entries?from=2040-01-01&to=2041-01-01";
    const ApiReply all = get(*admin_, year);
    ASSERT_EQ(all.status, 200) << all.text;
    EXPECT_EQ(all.body.at("items").as_array().size(), 3U);
    const ApiReply fin = get(*admin_, year + "&department=FIN");
    ASSERT_EQ(fin.status, 200);
    ASSERT_EQ(fin.body.at("items").as_array().size(), 1U);
    EXPECT_EQ(fin.body.at("items").at(0).at("memo"), "Finance wages");
    EXPECT_EQ(get(*admin_, year + "&account=6110").body.at("items").as_array().size(), 1U);
    EXPECT_EQ(get(*admin_, year + "&memo=SALES").body.at("items").as_array().size(), 1U);
    EXPECT_EQ(get(*admin_, year + "&source=manual").body.at("items").as_array().size(), 3U);
    EXPECT_EQ(get(*admin_, year + "&source=sales_invoice").body.at("items").as_array().size(), 0U);
    EXPECT_EQ(get(*admin_, year + "&account=9999").status, 400);
    const ApiReply first = get(*admin_, year + "&limit=2");
    ASSERT_EQ(first.body.at("items").as_array().size(), 2U);
    const ApiReply next = get(
        *admin_, year + "&limit=2&cursor=" + std::string(first.body.at("next_cursor").as_string()));
    ASSERT_EQ(next.body.at("items").as_array().size(), 1U);
    EXPECT_EQ(next.body.at("items").at(0).at("memo"), "Finance wages");
    const ApiReply csv = get(*admin_, year + "&format=csv");
    ASSERT_EQ(csv.status, 200) << csv.text;
    EXPECT_EQ(csv.header("Content-Disposition"),
              "attachment; filename=\"journal_2040-01-10_2040-02-12.csv\"");
    const auto records = parse_csv(csv.text);
    ASSERT_EQ(records.size(), 7U);  // header and two lines per entry
    EXPECT_EQ(records[1],
              (std::vector<std::string>{"2040-01-10",
                                        records[1][1],
                                        "January, sales",
                                        "manual",
                                        "1120",
                                        records[1][5],
                                        "",
                                        "1000.00",
                                        "0.00"}));
    EXPECT_EQ(records[6].at(6), "");
    EXPECT_EQ(records[5].at(6), "FIN");
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         LedgerReportsApi,
                         ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace bo::testing
