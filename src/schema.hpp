// Every migration of the program, embedded at build time from src/**/schema/NNNN_name.sql
// (cmake/embed_migrations.cmake). Numbers are unique across the program and applied in order.
#pragma once

#include <vector>

#include "store/migrations.hpp"

namespace bo::schema {

// The migrations, ordered by file path; store::migrate orders them by number.
std::vector<store::Migration> migrations();

}  // namespace bo::schema
