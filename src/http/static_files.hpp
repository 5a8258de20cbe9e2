// The web app's files, served from memory: `/`, `/assets/*` and the single-page app's own paths.
//
// Purpose: `backoffice serve` answers the browser from the same port as the API. The built web
// app (web/ -> `<build>/web`) is read once at start-up into an immutable map keyed by its path
// relative to the web root; a request is looked up in that map and never touches the file
// system, so no request path (`..`, `%2e%2e`, NUL, an absolute path, a symlink) can reach a
// file outside the root.
//
// Answers:
//   - a file that exists: its bytes, a Content-Type from its extension, a strong ETag (BLAKE2b
//     of the bytes; `If-None-Match` answers 304), and Cache-Control `immutable` for the
//     content-hashed files under `assets/`, `no-cache` (revalidate with the ETag) for the rest;
//   - any other path that looks like an app screen (`/ledger/accounts`): index.html, so that a
//     bookmark or a reload lands in the app (the SPA fallback);
//   - `/api/...` that no API route took, a missing `assets/` file or a path with a file
//     extension, and every malformed path: 404 problem+json.
// HTML carries the security headers (Content-Security-Policy `default-src 'self'`,
// `frame-ancestors 'none'`, Referrer-Policy, X-Frame-Options); the server adds
// X-Content-Type-Options to every answer.
//
// Invariants: after load() the set of files and their bytes never change; index.html exists.
// Thread safety: a loaded StaticFiles is immutable and safe to share between threads.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace bo::http {

class StaticFiles {
public:
    struct File {
        std::string content_type;
        std::string body;
        std::string etag;  // a quoted strong validator: "\"3f2a...\""
        std::string cache_control;
        bool html = false;  // carries the security headers
    };

    // Reads every regular file under `root` (symlinks and other special files are skipped).
    // Errors: not_found when `root` is not a directory or has no index.html; limit_exceeded
    // over static_files_max files, static_file_bytes_max for one file or static_bytes_max in
    // all; unavailable when a file cannot be read.
    [[nodiscard]] static core::Result<std::shared_ptr<const StaticFiles>> load(
        const std::filesystem::path& root);

    // The answer to a GET or HEAD of `request.path` (percent-decoded), as described above.
    Response serve(const Request& request) const;

    // The file at `relative_path` ("index.html", "assets/app-1a2b.js"), or null.
    const File* find(std::string_view relative_path) const;

    std::size_t file_count() const noexcept { return files_.size(); }

private:
    std::map<std::string, File, std::less<>> files_;
};

// The built app is a few dozen files; 10,000 leaves room for icons and locales while bounding
// the start-up walk of a web root pointed at the wrong directory by mistake.
inline constexpr std::size_t static_files_max = 10'000;

// The deepest app path the fallback routes cover: `/a/b/.../h`. The app's own paths are at
// most four segments deep (`/ledger/journal/17/edit`); the rest is headroom.
inline constexpr std::size_t static_route_segments_max = 8;

// Adds GET routes for `/` and for every path of 1..static_route_segments_max segments, all
// answered by `files`. Add them after every other route: the router takes the first match, so
// the API and /healthz keep their paths.
void add_static_routes(Router& router, std::shared_ptr<const StaticFiles> files);

}  // namespace bo::http
