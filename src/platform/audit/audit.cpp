// Appending, diffing, searching and hashing audit events (verification is in verify.cpp).
#include "platform/audit/audit.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include <boost/json.hpp>
#include <sodium.h>

#include "core/limits.hpp"
#include "platform/audit/queries.hpp"
#include "platform/tenancy/validation.hpp"

namespace bo::platform::audit {
namespace {

using core::Error;
using core::ErrorCode;

// The first field of every encoding: changing the encoding means a new tag, so that events
// written under the old one can still be told apart and verified.
constexpr std::string_view encoding_tag = "backoffice.audit.v1";

// Appends the 8-byte big-endian two's complement of `value`.
void put_int(std::string& out, std::int64_t value) {
    constexpr unsigned byte_bits = 8;
    constexpr unsigned byte_mask = 0xFFU;
    constexpr unsigned int_bytes = sizeof(std::int64_t);
    const auto bits = static_cast<std::uint64_t>(value);
    for (unsigned index = int_bytes; index > 0; --index) {
        out.push_back(static_cast<char>((bits >> ((index - 1) * byte_bits)) & byte_mask));
    }
}

// Appends the byte length of `text` (as put_int) and then its bytes.
void put_text(std::string& out, std::string_view text) {
    put_int(out, static_cast<std::int64_t>(text.size()));
    out.append(text);
}

// True when `value` holds a floating-point number anywhere. Depth is bounded by the parser's
// max_depth (json_depth_max), which every value here went through.
bool has_double(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::double_:
            return true;
        case boost::json::kind::array:
            return std::any_of(value.get_array().begin(),
                               value.get_array().end(),
                               [](const boost::json::value& item) { return has_double(item); });
        case boost::json::kind::object:
            return std::any_of(value.get_object().begin(),
                               value.get_object().end(),
                               [](const auto& member) { return has_double(member.value()); });
        default:
            return false;
    }
}

// Parses one before/after text. Floating-point numbers are refused: the program never uses
// them, and a number too large for 64 bits would otherwise be stored rounded.
core::Result<boost::json::value> parse_value(std::string_view text, std::string_view field) {
    boost::json::parse_options options;
    options.max_depth = core::json_depth_max;
    boost::json::error_code error;
    boost::json::value value = boost::json::parse(text, error, {}, options);
    if (error) {
        return Error::invalid("changes/" + std::string(field),
                              "is not a JSON text: " + error.message());
    }
    if (has_double(value)) {
        return Error::invalid("changes/" + std::string(field),
                              "holds a floating-point number or one outside 64 bits; write it "
                              "as a string");
    }
    return value;
}

core::Result<void> check_event(const Actor& actor, const NewEvent& event) {
    if (actor.company.value() <= 0) {
        return Error::invalid("company", "an audit event belongs to a company");
    }
    if (event.action.empty()) {
        return Error::invalid("action", "must not be empty");
    }
    if (event.action.size() > action_bytes_max || event.entity_type.size() > entity_type_bytes_max
        || event.entity_id.size() > entity_id_bytes_max) {
        return Error(ErrorCode::limit_exceeded,
                     "audit event action, entity type or entity id is too long");
    }
    if (event.changes.size() > changes_count_max) {
        return Error(ErrorCode::limit_exceeded,
                     "an audit event holds at most " + std::to_string(changes_count_max)
                         + " changed fields");
    }
    return core::ok();
}

// The canonical text of the changes: a JSON array of {"field", "before"?, "after"?} sorted by
// field, values re-serialized compactly. Errors: see record.
core::Result<std::string> canonical_changes(const std::vector<FieldChange>& changes) {
    std::vector<const FieldChange*> sorted;
    sorted.reserve(changes.size());
    for (const FieldChange& change : changes) {
        sorted.push_back(&change);
    }
    std::sort(sorted.begin(), sorted.end(), [](const FieldChange* a, const FieldChange* b) {
        return a->field < b->field;
    });
    boost::json::array out;
    out.reserve(sorted.size());
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const FieldChange& change = *sorted[i];
        if (change.field.empty()) {
            return Error::invalid("changes", "a changed field has no name");
        }
        if (i > 0 && sorted[i - 1]->field == change.field) {
            return Error::invalid("changes/" + change.field, "is named twice");
        }
        boost::json::object item;
        item["field"] = change.field;
        if (change.before) {
            BO_TRY_ASSIGN(item["before"], parse_value(*change.before, change.field));
        }
        if (change.after) {
            BO_TRY_ASSIGN(item["after"], parse_value(*change.after, change.field));
        }
        out.emplace_back(std::move(item));
    }
    std::string text = boost::json::serialize(out);
    if (text.size() > changes_bytes_max) {
        return Error(
            ErrorCode::limit_exceeded,
            "an audit event's changes are at most " + std::to_string(changes_bytes_max) + " bytes");
    }
    return text;
}

}  // namespace

std::string compute_hash(const Event& event) {
    std::string message;
    // The fixed-size part: eight integers' worth of prefixes and integers plus the hashes and
    // the short texts; a guess that avoids regrowing for nearly every event.
    constexpr std::size_t short_fields_bytes = 256;
    message.reserve(event.changes.size() + event.username.size() + short_fields_bytes);
    put_text(message, event.prev_hash);
    put_text(message, encoding_tag);
    put_int(message, event.company.value());
    put_int(message, event.seq);
    put_int(message, event.at.unix_micros());
    put_int(message, event.user.value());
    put_text(message, event.username);
    put_text(message, event.action);
    put_text(message, event.entity_type);
    put_text(message, event.entity_id);
    put_text(message, event.changes);
    put_text(message, event.request_id);
    put_text(message, event.client_address);
    std::array<unsigned char, crypto_generichash_BYTES> hash{};
    constexpr std::size_t blake2b_256_bytes = 32;
    static_assert(crypto_generichash_BYTES == blake2b_256_bytes, "BLAKE2b-256");
    crypto_generichash(hash.data(),
                       hash.size(),
                       reinterpret_cast<const unsigned char*>(message.data()),  // NOLINT: bytes
                       message.size(),
                       nullptr,
                       0);
    std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
    return std::string(hex.data(), hex.size() - 1);
}

core::Result<void> record(store::Txn& txn,
                          const core::Clock& clock,
                          const Actor& actor,
                          const NewEvent& event) {
    BO_TRY(check_event(actor, event));
    BO_TRY_ASSIGN(std::string changes, canonical_changes(event.changes));
    BO_TRY_ASSIGN(queries::Link link, queries::advance_head(txn, actor.company));
    BO_ASSERT(link.seq >= 1);
    Event stored{.company = actor.company,
                 .seq = link.seq,
                 .at = clock.now(),
                 .user = actor.user,
                 .username = actor.username,
                 .action = event.action,
                 .entity_type = event.entity_type,
                 .entity_id = event.entity_id,
                 .changes = std::move(changes),
                 .request_id = actor.request_id,
                 .client_address = actor.client_address,
                 .prev_hash = std::move(link.prev_hash),
                 .hash = {}};
    stored.hash = compute_hash(stored);
    return queries::append_event(txn, stored);
}

std::vector<FieldChange> diff(const FieldTexts& before, const FieldTexts& after) {
    std::vector<FieldChange> changes;
    auto old_field = before.begin();
    auto new_field = after.begin();
    // A merge of two sorted maps: each step consumes at least one field, so the loop ends.
    while (old_field != before.end() || new_field != after.end()) {
        if (new_field == after.end()
            || (old_field != before.end() && old_field->first < new_field->first)) {
            changes.push_back({old_field->first, old_field->second, std::nullopt});
            ++old_field;
        } else if (old_field == before.end() || new_field->first < old_field->first) {
            changes.push_back({new_field->first, std::nullopt, new_field->second});
            ++new_field;
        } else {
            if (old_field->second != new_field->second) {
                changes.push_back({old_field->first, old_field->second, new_field->second});
            }
            ++old_field;
            ++new_field;
        }
    }
    return changes;
}

std::vector<FieldChange> diff(const boost::json::object& before, const boost::json::object& after) {
    auto texts = [](const boost::json::object& record) {
        FieldTexts out;
        for (const auto& member : record) {
            out.emplace(std::string(member.key()), boost::json::serialize(member.value()));
        }
        return out;
    };
    return diff(texts(before), texts(after));
}

core::Result<EventPage> search(store::Txn& txn,
                               tenancy::CompanyId company,
                               const EventFilter& filter,
                               std::int64_t before_seq,
                               std::int64_t limit) {
    BO_TRY(tenancy::check_page_limit(limit));
    if (before_seq < 0) {
        return Error::invalid("before", "must not be negative");
    }
    EventPage page;
    BO_TRY_ASSIGN(page.events, queries::select_events(txn, company, filter, before_seq, limit));
    if (static_cast<std::int64_t>(page.events.size()) == limit && page.events.back().seq > 1) {
        page.next_before_seq = page.events.back().seq;
    }
    return page;
}

std::string_view to_string(BreakKind kind) noexcept {
    switch (kind) {
        case BreakKind::hash_mismatch:
            return "hash_mismatch";
        case BreakKind::broken_link:
            return "broken_link";
        case BreakKind::missing_event:
            return "missing_event";
        case BreakKind::missing_tail:
            return "missing_tail";
        case BreakKind::head_mismatch:
            return "head_mismatch";
    }
    return "hash_mismatch";
}

}  // namespace bo::platform::audit
