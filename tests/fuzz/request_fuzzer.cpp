// libFuzzer target: raw bytes → HTTP/1.1 request parsing → routing → JSON body decoding →
// field reading and pagination, exactly the code every API request goes through before a
// handler. It asserts that no input crashes, hangs, or answers outside 2xx/4xx.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <boost/json.hpp>

#include "core/limits.hpp"
#include "http/codec.hpp"
#include "http/router.hpp"
#include "platform/api/json.hpp"

namespace {

using bo::http::Response;

Response decode_everything(const bo::http::RouteContext& context) {
    auto body = bo::platform::api::parse_json_body(context.request);
    if (!body.ok()) {
        return Response::json(400, "{}");
    }
    bo::platform::api::BodyReader reader(*body);
    (void)reader.required_string("name", 200);
    (void)reader.optional_int("count");
    (void)reader.optional_bool("flag");
    (void)reader.string_list("roles", 64, 32);
    (void)reader.finish();
    (void)bo::platform::api::page_request(context.request);
    (void)bo::platform::api::query_param(context.request, "q");
    return Response::json(200, boost::json::serialize(*body));
}

const bo::http::Router& router() {
    static const bo::http::Router table = [] {
        bo::http::Router built;
        for (auto method : {bo::http::Method::get,
                            bo::http::Method::post,
                            bo::http::Method::put,
                            bo::http::Method::patch,
                            bo::http::Method::del}) {
            built.add({method,
                       "/api/v1/things/{id}",
                       bo::http::Access::public_route,
                       "",
                       decode_everything});
            built.add(
                {method, "/api/v1/things", bo::http::Access::public_route, "", decode_everything});
        }
        return built;
    }();
    return table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    bo::http::RequestLimits limits{bo::core::http_header_bytes_max, bo::core::http_body_bytes_max};
    std::string_view bytes(reinterpret_cast<const char*>(data), size);  // NOLINT: fuzzer input
    Response response = bo::http::handle_raw_request(router(), bytes, limits);
    if (response.status < 200 || response.status >= 500) {
        std::abort();  // a server error from input alone is a bug
    }
    return 0;
}
