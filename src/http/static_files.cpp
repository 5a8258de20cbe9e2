#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <system_error>
#include <utility>
#include <vector>

#include <sodium.h>

#include "core/assert.hpp"
#include "http/problem.hpp"

namespace bo::http {
namespace {

// The largest single file (a source map of the whole bundle is a few MiB).
constexpr std::uintmax_t static_file_bytes_max = std::uintmax_t{32} << 20U;
// Everything is held in memory for the life of the server.
constexpr std::uintmax_t static_bytes_max = std::uintmax_t{128} << 20U;
// Directory levels below the root (Vite writes one: assets/).
constexpr int static_directory_depth_max = 8;
// A request path longer than this is no file of ours and no app screen.
constexpr std::size_t static_path_bytes_max = 1024;
constexpr std::size_t etag_hash_bytes = 16;

constexpr std::string_view assets_prefix = "assets/";
constexpr std::string_view index_file = "index.html";

struct ContentType {
    std::string_view extension;
    std::string_view type;
};

constexpr std::array<ContentType, 16> content_types = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".wasm", "application/wasm"},
}};

std::string_view content_type_for(std::string_view path) {
    for (const ContentType& known : content_types) {
        if (path.ends_with(known.extension)) {
            return known.type;
        }
    }
    return "application/octet-stream";
}

std::string strong_etag(std::string_view bytes) {
    std::array<unsigned char, etag_hash_bytes> hash{};
    crypto_generichash(hash.data(),
                       hash.size(),
                       reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size(),
                       nullptr,
                       0);
    constexpr std::string_view digits = "0123456789abcdef";
    std::string etag = "\"";
    for (unsigned char byte : hash) {
        etag.push_back(digits[byte >> 4U]);
        etag.push_back(digits[byte & 0x0FU]);
    }
    etag.push_back('"');
    return etag;
}

// A relative path made only of non-empty segments that are not "." or "..", without NUL,
// backslash or control characters. Anything else is refused before the map lookup, so that
// the answer to a hostile path is a plain 404 and never the SPA's index.html.
bool is_clean_relative_path(std::string_view path) {
    if (path.size() > static_path_bytes_max) {
        return false;
    }
    for (char c : path) {
        if (static_cast<unsigned char>(c) < 0x20U || c == '\\' || c == 0x7F) {
            return false;
        }
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        const std::string_view segment = path.substr(start, end - start);
        if (segment.empty() || segment == "." || segment == "..") {
            return false;
        }
        start = end + 1;
    }
    return true;
}

// Whether `path` names a file rather than an app screen: under assets/, or a last segment
// with an extension. Such a path that is not in the map is a 404, never index.html, so that a
// stale script reference fails loudly instead of parsing HTML as JavaScript.
bool looks_like_file(std::string_view path) {
    if (path.starts_with(assets_prefix)) {
        return true;
    }
    const std::size_t slash = path.rfind('/');
    const std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return last.find('.') != std::string_view::npos;
}

// Whether an If-None-Match header value names `etag` (a list of validators, or `*`).
bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    if (if_none_match.empty()) {
        return false;
    }
    std::size_t start = 0;
    while (start < if_none_match.size()) {
        std::size_t end = if_none_match.find(',', start);
        if (end == std::string_view::npos) {
            end = if_none_match.size();
        }
        std::string_view candidate = if_none_match.substr(start, end - start);
        while (!candidate.empty() && candidate.front() == ' ') {
            candidate.remove_prefix(1);
        }
        while (!candidate.empty() && candidate.back() == ' ') {
            candidate.remove_suffix(1);
        }
        if (candidate.starts_with("W/")) {
            candidate.remove_prefix(2);  // weak comparison, as RFC 9110 asks for If-None-Match
        }
        if (candidate == "*" || candidate == etag) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

core::Error too_large(const std::filesystem::path& root, const std::string& what) {
    return core::Error(core::ErrorCode::limit_exceeded, "web root " + root.string() + ": " + what);
}

core::Result<std::string> read_file(const std::filesystem::path& path, std::uintmax_t size) {
    std::ifstream stream(path, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    stream.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!stream || static_cast<std::uintmax_t>(stream.gcount()) != size) {
        return core::Error(core::ErrorCode::unavailable, path.string() + ": cannot read");
    }
    return bytes;
}

StaticFiles::File make_file(const std::string& relative, std::string bytes) {
    StaticFiles::File file;
    file.content_type = std::string(content_type_for(relative));
    file.etag = strong_etag(bytes);
    file.body = std::move(bytes);
    // Vite names everything under assets/ by a hash of its content: a changed file is a new
    // name, so the browser may keep these forever. Everything else is revalidated each time.
    file.cache_control =
        relative.starts_with(assets_prefix) ? "public, max-age=31536000, immutable" : "no-cache";
    file.html = relative.ends_with(".html");
    return file;
}

Response file_response(const StaticFiles::File& file, const Request& request) {
    Response response;
    response.headers.push_back({"ETag", file.etag});
    response.headers.push_back({"Cache-Control", file.cache_control});
    if (file.html) {
        // The app loads only its own scripts and styles and calls only its own API; inline
        // styles come from React's style properties (CSSOM), which this policy allows.
        response.headers.push_back({"Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; "
                                    "object-src 'none'; base-uri 'self'; form-action 'self'; "
                                    "frame-ancestors 'none'"});
        response.headers.push_back({"Referrer-Policy", "same-origin"});
        response.headers.push_back({"X-Frame-Options", "DENY"});
    }
    response.content_type = file.content_type;
    if (etag_matches(request.header("If-None-Match"), file.etag)) {
        response.status = 304;
        return response;
    }
    response.status = 200;
    response.body = file.body;
    return response;
}

}  // namespace

core::Result<std::shared_ptr<const StaticFiles>> StaticFiles::load(
    const std::filesystem::path& root) {
    namespace fs = std::filesystem;
    std::error_code error;
    if (!fs::is_directory(root, error)) {
        return core::Error(core::ErrorCode::not_found,
                           "web root " + root.string() + " is not a directory");
    }
    auto files = std::make_shared<StaticFiles>();
    std::uintmax_t total_bytes = 0;
    fs::recursive_directory_iterator walk(root, fs::directory_options::none, error);
    for (; !error && walk != fs::recursive_directory_iterator(); walk.increment(error)) {
        const fs::directory_entry& entry = *walk;
        if (entry.is_symlink(error) || !entry.is_regular_file(error)) {
            if (entry.is_directory(error) && walk.depth() >= static_directory_depth_max) {
                walk.disable_recursion_pending();
            }
            continue;
        }
        const std::string relative = entry.path().lexically_relative(root).generic_string();
        if (!is_clean_relative_path(relative)) {
            continue;  // a name no request could reach
        }
        if (files->files_.size() >= static_files_max) {
            return too_large(root, "more than " + std::to_string(static_files_max) + " files");
        }
        const std::uintmax_t size = entry.file_size(error);
        if (error) {
            break;
        }
        if (size > static_file_bytes_max) {
            return too_large(root, relative + " is larger than the file limit");
        }
        total_bytes += size;
        if (total_bytes > static_bytes_max) {
            return too_large(root, "more bytes than the limit for the web app");
        }
        BO_TRY_ASSIGN(std::string bytes, read_file(entry.path(), size));
        files->files_.emplace(relative, make_file(relative, std::move(bytes)));
    }
    if (error) {
        return core::Error(core::ErrorCode::unavailable,
                           "web root " + root.string() + ": " + error.message());
    }
    if (files->find(index_file) == nullptr) {
        return core::Error(core::ErrorCode::not_found,
                           "web root " + root.string() + " has no index.html");
    }
    return std::shared_ptr<const StaticFiles>(std::move(files));
}

const StaticFiles::File* StaticFiles::find(std::string_view relative_path) const {
    const auto found = files_.find(relative_path);
    return found == files_.end() ? nullptr : &found->second;
}

Response StaticFiles::serve(const Request& request) const {
    const std::string_view path = request.path;
    if (path == "/api" || path.starts_with("/api/")) {
        return problem(404, "no such API path");
    }
    if (!path.starts_with('/')) {
        return problem(404, "no such path");
    }
    const std::string_view relative = path.substr(1);
    if (relative.empty()) {
        return file_response(*find(index_file), request);
    }
    if (!is_clean_relative_path(relative)) {
        return problem(404, "no such path");
    }
    if (const File* file = find(relative)) {
        return file_response(*file, request);
    }
    if (looks_like_file(relative)) {
        return problem(404, "no such file");
    }
    return file_response(*find(index_file), request);
}

void add_static_routes(Router& router, std::shared_ptr<const StaticFiles> files) {
    BO_ASSERT(files != nullptr);
    std::string pattern;
    for (std::size_t segments = 0; segments <= static_route_segments_max; ++segments) {
        if (segments > 0) {
            pattern += "/{s" + std::to_string(segments) + "}";
        }
        router.add(Route{Method::get,
                         segments == 0 ? "/" : pattern,
                         Access::public_route,
                         "",
                         [files](const RouteContext& context) {
                             return files->serve(context.request);
                         }});
    }
}

}  // namespace bo::http
