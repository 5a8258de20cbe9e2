// Parsing of database URLs (see database.hpp for the accepted forms).
//
// `sqlite:PATH` names a file (relative to the working directory unless absolute);
// `sqlite::memory:` a private in-memory database; `postgres://…` and `postgresql://…` are
// libpq connection URIs, including the unix-socket form `postgresql:///db?host=/dir`.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/database.hpp"

namespace bo::store {

struct DatabaseUrl {
    Backend backend = Backend::sqlite;
    bool sqlite_memory = false;
    std::string sqlite_path;  // empty for memory
    std::string pg_conninfo;  // the URI as given, for libpq
    std::string pg_server;    // "host:port" or "socket directory /dir", for messages
    std::string display;      // the URL without any password
};

// Parses `url`. Errors: invalid_argument with a one-line message for an empty or malformed URL
// or an unknown scheme.
core::Result<DatabaseUrl> parse_database_url(std::string_view url);

}  // namespace bo::store
