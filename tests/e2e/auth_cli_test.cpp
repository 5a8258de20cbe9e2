// Goal: `backoffice user add` as an operator meets it: a generated password printed once, or
// one read from standard input; one-line errors and exit code 1 for an unknown company, a
// duplicate user and an unknown role; the new user can sign in over HTTP. Both backends.
// Method: a fresh database per test, seeded with `backoffice seed-demo` (company DEMO); the
// real binary is run with arguments (through /bin/sh when stdin is piped in).
#include <regex>

#include <gtest/gtest.h>

#include "support/api_client.hpp"
#include "support/databases.hpp"
#include "support/process.hpp"

namespace bo::testing {
namespace {

int count_lines(const std::string& text) {
    return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

class UserAddCli : public ::testing::TestWithParam<store::Backend> {
protected:
    void SetUp() override {
        database_ = TestDatabase::create(GetParam());
        if (database_ == nullptr) {
            return;
        }
        const CommandResult seeded =
            run_command({backoffice_binary(), "seed-demo", "--db", database_->url()});
        ASSERT_EQ(seeded.exit_code, 0) << seeded.err;
    }

    CommandResult user_add(std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(),
                         {backoffice_binary(), "user", "add", "--db", database_->url()});
        return run_command(arguments);
    }

    std::unique_ptr<TestDatabase> database_;
};

TEST_P(UserAddCli, GeneratedPasswordIsPrintedOnceAndSignsIn) {
    BO_REQUIRE_DATABASE(database_);
    const CommandResult added = user_add({"--company",
                                          "DEMO",
                                          "--username",
                                          "paula",
                                          "--role",
                                          "payroll_clerk",
                                          "--role",
                                          "employee"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    std::smatch match;
    ASSERT_TRUE(std::regex_search(added.out, match, std::regex(R"(password (\S+))"))) << added.out;
    const std::string password = match[1];
    ServerProcess server(database_->url());
    ApiClient client(server.port());
    const ApiReply signed_in = client.sign_in("DEMO", "paula", password);
    ASSERT_EQ(signed_in.status, 200) << signed_in.text;
    EXPECT_EQ(signed_in.body.at("user").at("display_name"), "paula");
    EXPECT_EQ(signed_in.body.at("roles").as_array().size(), 2U);
}

TEST_P(UserAddCli, PasswordFromStandardInput) {
    BO_REQUIRE_DATABASE(database_);
    const std::string command = "printf 'a long stdin password\\n' | " + shell_quoted(backoffice_binary())
                                + " user add --db " + shell_quoted(database_->url())
                                + " --company DEMO --username sam --role employee "
                                  "--display-name 'Sam Stdin' --password-stdin";
    const CommandResult added = run_command({"/bin/sh", "-c", command});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    EXPECT_EQ(added.out.find("a long stdin password"), std::string::npos) << added.out;
    ServerProcess server(database_->url());
    ApiClient client(server.port());
    const ApiReply signed_in = client.sign_in("DEMO", "sam", "a long stdin password");
    ASSERT_EQ(signed_in.status, 200) << signed_in.text;
    EXPECT_EQ(signed_in.body.at("user").at("display_name"), "Sam Stdin");
}

TEST_P(UserAddCli, MistakesAreOneLineAndExitOne) {
    BO_REQUIRE_DATABASE(database_);
    const CommandResult company =
        user_add({"--company", "NOPE", "--username", "x", "--role", "employee"});
    EXPECT_EQ(company.exit_code, 1);
    EXPECT_EQ(count_lines(company.err), 1) << company.err;
    EXPECT_NE(company.err.find("unknown company NOPE"), std::string::npos) << company.err;

    const CommandResult duplicate =
        user_add({"--company", "DEMO", "--username", "admin", "--role", "employee"});
    EXPECT_EQ(duplicate.exit_code, 1);
    EXPECT_EQ(count_lines(duplicate.err), 1) << duplicate.err;
    EXPECT_NE(duplicate.err.find("admin already exists"), std::string::npos) << duplicate.err;

    const CommandResult role =
        user_add({"--company", "DEMO", "--username", "y", "--role", "wizard"});
    EXPECT_EQ(role.exit_code, 1);
    EXPECT_EQ(count_lines(role.err), 1) << role.err;
    EXPECT_NE(role.err.find("unknown role wizard"), std::string::npos) << role.err;

    const CommandResult no_role = user_add({"--company", "DEMO", "--username", "z"});
    EXPECT_NE(no_role.exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, UserAddCli, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace bo::testing
