#include "platform/mail/queries.hpp"


#include "platform/tenancy/validation.hpp"

namespace bo::platform::mail::queries {
namespace {

using store::Value;

constexpr std::string_view mail_columns =
    "SELECT company_id, id, document_type, document_id, sender, recipients, subject, status, "
    "attempts, last_error, queued_by_user_id, queued_at_us, next_attempt_at_us, sent_at_us "
    "FROM mail_outbox ";

std::string joined(const std::vector<std::string>& addresses) {
    std::string out;
    for (const std::string& address : addresses) {
        out += out.empty() ? address : "," + address;
    }
    return out;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size() && !text.empty()) {
        const std::size_t comma = text.find(',', start);
        out.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

core::Result<core::Instant> instant(const store::Row& row, std::size_t column) {
    core::Result<core::Instant> value = core::Instant::from_unix_micros(row.i64(column));
    if (!value) {
        return tenancy::corrupt_row("mail_outbox", "a time out of range");
    }
    return value;
}

core::Result<OutboxMail> decode(const store::Row& row) {
    OutboxMail mail;
    mail.company = tenancy::CompanyId(row.i64(0));
    mail.id = row.i64(1);
    mail.document = {row.text(2), row.text(3)};
    mail.sender = row.text(4);
    mail.recipients = split(row.text(5));
    mail.subject = row.text(6);
    const std::optional<MailStatus> status = parse_mail_status(row.text(7));
    if (!status) {
        return tenancy::corrupt_row("mail_outbox", "unknown status " + row.text(7));
    }
    mail.status = *status;
    mail.attempts = row.i64(8);
    mail.last_error = row.text(9);
    mail.queued_by = auth::UserId(row.i64(10));
    BO_TRY_ASSIGN(mail.queued_at, instant(row, 11));
    BO_TRY_ASSIGN(mail.next_attempt_at, instant(row, 12));
    if (!row.is_null(13)) {
        BO_TRY_ASSIGN(const core::Instant sent, instant(row, 13));
        mail.sent_at = sent;
    }
    return mail;
}

core::Result<std::vector<OutboxMail>> decode_all(const store::Rows& rows) {
    std::vector<OutboxMail> mails;
    mails.reserve(rows.size());
    for (const store::Row& row : rows) {
        BO_TRY_ASSIGN(OutboxMail mail, decode(row));
        mails.push_back(std::move(mail));
    }
    return mails;
}

Value sent_at_value(const std::optional<core::Instant>& sent_at) {
    if (sent_at) {
        return Value(sent_at->unix_micros());
    }
    return Value(store::Null{});
}

}  // namespace

core::Result<std::int64_t> insert_mail(store::Txn& txn,
                                       const OutboxMail& mail,
                                       const std::string& text) {
    const std::vector<Value> params{mail.company.value(),
                                    mail.document.type,
                                    mail.document.id,
                                    mail.sender,
                                    joined(mail.recipients),
                                    mail.subject,
                                    text,
                                    mail.queued_by.value(),
                                    mail.queued_at.unix_micros(),
                                    mail.next_attempt_at.unix_micros()};
    BO_TRY_ASSIGN(const store::Row row,
                  txn.query_one("INSERT INTO mail_outbox (company_id, document_type, document_id, "
                                "sender, recipients, subject, message, status, attempts, "
                                "last_error, queued_by_user_id, queued_at_us, next_attempt_at_us) "
                                "VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', 0, '', $8, $9, $10) "
                                "RETURNING id",
                                params));
    return row.i64(0);
}

core::Result<std::vector<OutboxMail>> select_for_document(store::Txn& txn,
                                                          tenancy::CompanyId company,
                                                          const DocumentRef& document,
                                                          std::size_t limit) {
    const std::vector<Value> params{
        company.value(), document.type, document.id, static_cast<std::int64_t>(limit)};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query(std::string(mail_columns)
                                + "WHERE company_id = $1 AND document_type = $2 "
                                  "AND document_id = $3 ORDER BY id LIMIT $4",
                            params));
    return decode_all(rows);
}

core::Result<std::optional<std::string>> select_text(store::Txn& txn,
                                                     tenancy::CompanyId company,
                                                     std::int64_t id) {
    const std::vector<Value> params{company.value(), id};
    BO_TRY_ASSIGN(const std::optional<store::Row> row,
                  txn.query_optional(
                      "SELECT message FROM mail_outbox WHERE company_id = $1 AND id = $2", params));
    if (!row) {
        return std::optional<std::string>();
    }
    return std::optional<std::string>(row->text(0));
}

core::Result<std::vector<OutboxMail>> select_due(store::Txn& txn,
                                                 core::Instant now,
                                                 std::size_t limit) {
    const std::vector<Value> params{now.unix_micros(), static_cast<std::int64_t>(limit)};
    BO_TRY_ASSIGN(const store::Rows rows,
                  txn.query(std::string(mail_columns)
                                + "WHERE (status = 'queued' OR status = 'sending') "
                                  "AND next_attempt_at_us <= $1 "
                                  "ORDER BY next_attempt_at_us, company_id, id LIMIT $2",
                            params));
    return decode_all(rows);
}

core::Result<bool> claim(store::Txn& txn, const OutboxMail& mail, core::Instant claim_until) {
    const std::vector<Value> params{mail.company.value(),
                                    mail.id,
                                    std::string(to_string(mail.status)),
                                    mail.next_attempt_at.unix_micros(),
                                    claim_until.unix_micros()};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE mail_outbox SET status = 'sending', "
                              "attempts = attempts + 1, next_attempt_at_us = $5 "
                              "WHERE company_id = $1 AND id = $2 AND status = $3 "
                              "AND next_attempt_at_us = $4",
                              params));
    return changed == 1;
}

core::Result<void> record_outcome(store::Txn& txn, const OutboxMail& mail) {
    const std::vector<Value> params{mail.company.value(),
                                    mail.id,
                                    std::string(to_string(mail.status)),
                                    mail.last_error,
                                    mail.next_attempt_at.unix_micros(),
                                    sent_at_value(mail.sent_at)};
    BO_TRY_ASSIGN(const std::int64_t changed,
                  txn.execute("UPDATE mail_outbox SET status = $3, last_error = $4, "
                              "next_attempt_at_us = $5, sent_at_us = $6 "
                              "WHERE company_id = $1 AND id = $2 AND status = 'sending'",
                              params));
    if (changed != 1) {
        return core::Error(core::ErrorCode::conflict,
                           "mail " + std::to_string(mail.id) + " is no longer claimed");
    }
    return core::ok();
}

core::Result<std::string> select_text_for_delivery(store::Txn& txn, const OutboxMail& mail) {
    BO_TRY_ASSIGN(const std::optional<std::string> text, select_text(txn, mail.company, mail.id));
    if (!text) {
        return core::Error(core::ErrorCode::not_found, "mail " + std::to_string(mail.id));
    }
    return *text;
}

}  // namespace bo::platform::mail::queries
