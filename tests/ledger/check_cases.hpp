// rc::check with a bounded number of cases, for properties whose cases each build data on a
// real database: the seed and other RC_PARAMS still apply, and a failure prints the seed
// (RC_PARAMS="seed=N" replays it) as rc::check does.
// Thread safety: one test, one thread.
#pragma once

#include <iostream>
#include <string>
#include <utility>

#include <rapidcheck.h>

namespace bo::ledger::testing {

template <typename Testable>
bool check_cases(const std::string& description, int cases, Testable&& testable) {
    rc::detail::TestParams params = rc::detail::configuration().testParams;
    params.maxSuccess = cases;
    rc::detail::TestMetadata metadata;
    metadata.id = description;
    metadata.description = description;
    const auto result =
        rc::detail::checkTestable(std::forward<Testable>(testable), metadata, params);
    rc::detail::printResultMessage(result, std::cerr);
    std::cerr << std::endl;
    return result.template is<rc::detail::SuccessResult>();
}

}  // namespace bo::ledger::testing
