#include "platform/mail/smtp.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>

#include "core/assert.hpp"

namespace bo::platform::mail {
namespace {

using core::Error;
using core::ErrorCode;

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { BO_ASSERT(curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK); });
}

// libcurl pulls the message through this: the rest of `text` from `offset`.
struct Upload {
    std::string_view text;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    const std::size_t room = size * count;
    const std::size_t left = upload->text.size() - upload->offset;
    const std::size_t taken = std::min(room, left);
    std::memcpy(buffer, upload->text.data() + upload->offset, taken);
    upload->offset += taken;
    return taken;
}

struct EasyDeleter {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};

struct ListDeleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

}  // namespace

core::Result<TlsPolicy> parse_tls_policy(std::string_view text) {
    if (text == "none") {
        return TlsPolicy::none;
    }
    if (text == "when_offered") {
        return TlsPolicy::when_offered;
    }
    if (text == "required") {
        return TlsPolicy::required;
    }
    return Error::invalid("smtp_tls", "must be none, when_offered or required");
}

core::Result<void> check_smtp_url(std::string_view url) {
    const bool scheme = url.starts_with("smtp://") || url.starts_with("smtps://");
    const std::string_view rest = url.substr(url.find("://") == std::string_view::npos ? 0 : url.find("://") + 3);
    if (!scheme || rest.empty() || rest.find_first_of(" \t\r\n@") != std::string_view::npos) {
        return Error::invalid("smtp_url",
                              "must be smtp://host[:port] or smtps://host[:port] (credentials go in "
                              "smtp_username and smtp_password)");
    }
    return core::ok();
}

core::Result<void> send(const SmtpSettings& settings,
                        std::string_view sender,
                        const std::vector<std::string>& recipients,
                        std::string_view mime) {
    BO_TRY(check_smtp_url(settings.url));
    global_init();
    const std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
    if (!curl) {
        return Error(ErrorCode::internal, "libcurl could not make a handle");
    }
    std::unique_ptr<curl_slist, ListDeleter> rcpt;
    for (const std::string& recipient : recipients) {
        curl_slist* appended = curl_slist_append(rcpt.get(), ("<" + recipient + ">").c_str());
        if (appended == nullptr) {
            return Error(ErrorCode::internal, "out of memory listing recipients");
        }
        static_cast<void>(rcpt.release());
        rcpt.reset(appended);
    }
    Upload upload{mime, 0};
    std::array<char, CURL_ERROR_SIZE> error_text{};
    const std::string from = "<" + std::string(sender) + ">";
    CURL* handle = curl.get();
    const long timeout_ms = static_cast<long>(settings.timeout.count());
    const long use_ssl = settings.tls == TlsPolicy::none       ? CURLUSESSL_NONE
                         : settings.tls == TlsPolicy::required ? CURLUSESSL_ALL
                                                               : CURLUSESSL_TRY;
    bool set = curl_easy_setopt(handle, CURLOPT_URL, settings.url.c_str()) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.c_str()) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, rcpt.get()) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_upload) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_READDATA, &upload) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE,
                                   static_cast<curl_off_t>(mime.size())) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_USE_SSL, use_ssl) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L) == CURLE_OK
               && curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text.data()) == CURLE_OK;
    if (set && !settings.username.empty()) {
        set = curl_easy_setopt(handle, CURLOPT_USERNAME, settings.username.c_str()) == CURLE_OK
              && curl_easy_setopt(handle, CURLOPT_PASSWORD, settings.password.c_str()) == CURLE_OK;
    }
    if (!set) {
        return Error(ErrorCode::internal, "libcurl refused an SMTP option");
    }
    const CURLcode code = curl_easy_perform(handle);
    if (code == CURLE_OK) {
        return core::ok();
    }
    long reply = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply);
    std::string detail = error_text[0] != '\0' ? std::string(error_text.data())
                                                : std::string(curl_easy_strerror(code));
    if (reply > 0) {
        detail += " (relay answered " + std::to_string(reply) + ")";
    }
    constexpr long permanent_reply_min = 500;
    const bool permanent = reply >= permanent_reply_min || code == CURLE_LOGIN_DENIED
                           || code == CURLE_USE_SSL_FAILED;
    return Error(permanent ? ErrorCode::invalid_argument : ErrorCode::unavailable,
                 "sending through " + settings.url + " failed: " + detail);
}

}  // namespace bo::platform::mail
