// Every limit in Backoffice, named `<noun>_<unit>_max`, each with the reason for its value.
//
// Purpose: one place that bounds every input, loop and queue (TigerBeetle: a bound on
// everything; SQLite: every limit named with its reason). Exceeding a limit is reported as
// ErrorCode::limit_exceeded, tested at the limit and at limit + 1. There is no "0 = unlimited".
// Invariants: the static_asserts at the bottom hold the relations between limits.
// Thread safety: compile-time constants only.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bo::core {

// --- HTTP -----------------------------------------------------------------------------------

// 1 MiB: the largest legitimate JSON body is a journal entry at journal_entry_lines_max lines
// (~150 bytes each); bulk data goes through the import endpoints, which stream files instead.
inline constexpr std::size_t http_body_bytes_max = std::size_t{1} << 20U;

// 16 KiB: all request headers together; matches common proxies (nginx 4x4k..8k, Beast 8k).
// Enough for a session cookie, an Idempotency-Key and tracing headers.
inline constexpr std::size_t http_header_bytes_max = std::size_t{16} << 10U;

// Requests accepted but not yet handled. Past this we answer 503 quickly instead of letting
// latency grow without bound; 1024 is ~1 s of work at the expected peak rate.
inline constexpr std::size_t http_queue_depth_max = 1024;

// 30 s: the longest a request may run end to end (reports included) before it is cancelled.
inline constexpr std::int64_t http_request_ms_max = 30'000;

// --- JSON and API -----------------------------------------------------------------------------

// 32: our deepest document (entry > lines > dimensions > value) is under 8 levels; 32 leaves
// room while keeping the recursive decoder's stack use trivially small.
inline constexpr std::size_t json_depth_max = 32;

// 500 rows per page: keeps one page under ~256 KiB of JSON and one query under a few ms.
inline constexpr std::size_t page_size_max = 500;

// Not a maximum: the page size when the client does not ask.
inline constexpr std::size_t page_size_default = 50;

// 255 bytes: a UUID is 36; 255 matches what payment APIs (Stripe) accept, and keeps the
// idempotency table's key index small.
inline constexpr std::size_t idempotency_key_bytes_max = 255;

// 4 KiB for any free-text field (names, memos, descriptions). Longer text is a document
// attachment, not a field.
inline constexpr std::size_t text_field_bytes_max = 4096;

// --- Ledger and money ------------------------------------------------------------------------

// 5000 lines per journal entry: a monthly payroll posting for a large department summarised
// per employee and account fits; beyond that postings must be summarised before the ledger.
inline constexpr std::size_t journal_entry_lines_max = 5000;

// 19 significant digits: int64 minor units hold every 18-digit amount and some 19-digit ones;
// longer input cannot fit and is rejected before any arithmetic.
inline constexpr std::size_t money_minor_digits_max = 19;

// 32 bytes of text for one amount or rate: "-9223372036854775808" plus a point and some
// leading zeros. Bounds the parser's scan before it looks at digits.
inline constexpr std::size_t money_text_bytes_max = 32;

// Parts in one `allocate` call: the largest split is a pay run or cost allocation over
// every row of an import, so the two limits are the same.
inline constexpr std::size_t allocation_parts_max = 100'000;

// --- Dates ------------------------------------------------------------------------------------

// 36600 days (~100 years) for any business-day offset: payment terms and schedules are far
// shorter, and the bound keeps the day-stepping loops short.
inline constexpr std::int64_t business_day_offset_max = 36'600;

// 10000 holidays in one calendar: a century of public holidays for several regions; bounds
// the memory of a calendar loaded from user data.
inline constexpr std::size_t calendar_holidays_max = 10'000;

// --- Import and storage ------------------------------------------------------------------------

// 100000 rows per import file: one SQLite transaction inserts them in about a second, and a
// rejected file reports every bad row number without paging.
inline constexpr std::size_t import_rows_max = 100'000;

// 5 s per SQL statement: an OLTP statement taking longer is a missing index or a report that
// must run on a replica; the statement timeout turns it into an error instead of a stall.
inline constexpr std::int64_t statement_ms_max = 5'000;

// 64 connections per process: PostgreSQL defaults to max_connections = 100 and several app
// servers share it; SQLite has one writer anyway.
inline constexpr std::size_t db_pool_connections_max = 64;

// 8 attempts for a transaction that fails with a serialization conflict or SQLITE_BUSY:
// conflicts are rare, so more than a handful means something is wrong and must surface.
inline constexpr int txn_retries_max = 8;

// --- Configuration and logging --------------------------------------------------------------

// 64 KiB config file: ours has a handful of keys; anything this big is the wrong file.
inline constexpr std::size_t config_file_bytes_max = std::size_t{64} << 10U;

// 32 structured fields per log event: enough for any context; bounds the line size.
inline constexpr std::size_t log_fields_max = 32;

// --- Relations --------------------------------------------------------------------------------

static_assert(http_header_bytes_max < http_body_bytes_max);
static_assert(idempotency_key_bytes_max < http_header_bytes_max,
              "an Idempotency-Key must fit in the request headers");
static_assert(text_field_bytes_max < http_body_bytes_max);
static_assert(page_size_default <= page_size_max);
static_assert(page_size_max <= import_rows_max);
static_assert(statement_ms_max < http_request_ms_max,
              "a statement must time out before the request that runs it");
static_assert(statement_ms_max * txn_retries_max <= http_request_ms_max * 2,
              "retries must not outlive the request by much");
static_assert(txn_retries_max >= 1);
static_assert(db_pool_connections_max <= http_queue_depth_max,
              "more connections than queued requests would never all be used");
static_assert(allocation_parts_max >= journal_entry_lines_max);
static_assert(allocation_parts_max >= import_rows_max);
static_assert(money_minor_digits_max < money_text_bytes_max);
static_assert(json_depth_max >= 8, "our deepest document needs 8 levels");

}  // namespace bo::core
