// ISO 20022 camt.053 / camt.054 into ParsedFile (see parsers.hpp).
//
// Elements are found by local name (any prefix, any camt.05x.001.NN namespace), so versions 2
// to 8 and later read alike: where a version moved an element (Sts became Sts/Cd in v7, party
// names moved under Pty in v8, BIC became BICFI) both places are tried.
// A batched entry (one Ntry with several TxDtls) becomes one line per transaction when every
// transaction states its amount in the entry's currency and they add up to the entry; else it
// stays one line with the entry's amount and the transactions' remittance texts joined.
#include <array>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "modules/banking/parse_common.hpp"
#include "modules/banking/parsers.hpp"

#include <pugixml.hpp>

namespace bo::modules::banking {
namespace {

using detail::located;

// The local part of an element name ("camt:Stmt" -> "Stmt").
std::string_view local_name(const pugi::xml_node& node) {
    std::string_view name = node.name();
    const std::size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The first child element named `name` (local name), or an empty node.
pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
    for (pugi::xml_node it = node.first_child(); it; it = it.next_sibling()) {
        if (it.type() == pugi::node_element && local_name(it) == name) {
            return it;
        }
    }
    return {};
}

// The element at `path` ("Acct/Id/IBAN") below `node`, or an empty node.
pugi::xml_node at(pugi::xml_node node, std::string_view path) {
    while (node && !path.empty()) {
        const std::size_t slash = path.find('/');
        node = child(node, path.substr(0, slash));
        path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    }
    return node;
}

// The trimmed text of the element at `path`, "" when absent.
std::string_view text_at(const pugi::xml_node& node, std::string_view path) {
    const pugi::xml_node found = at(node, path);
    return found ? detail::trim(found.child_value()) : std::string_view();
}

// The text at the first of `paths` that has one.
std::string_view first_text(const pugi::xml_node& node,
                            std::initializer_list<std::string_view> paths) {
    for (const std::string_view path : paths) {
        if (const std::string_view text = text_at(node, path); !text.empty()) {
            return text;
        }
    }
    return {};
}

// Every child element named `name`.
std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name) {
    std::vector<pugi::xml_node> found;
    for (pugi::xml_node it = node.first_child(); it; it = it.next_sibling()) {
        if (it.type() == pugi::node_element && local_name(it) == name) {
            found.push_back(it);
        }
    }
    return found;
}

std::string indexed(std::string_view parent, std::string_view name, std::size_t index) {
    return std::string(parent) + "/" + std::string(name) + "[" + std::to_string(index) + "]";
}

std::string below(std::string_view parent, std::string_view name) {
    return std::string(parent) + "/" + std::string(name);
}

// A date from a `Dt` or `DtTm` child of `node` (DtTm keeps the date the bank wrote, before any
// offset: the booking day as the bank sees it). nullopt when neither is present.
core::Result<std::optional<core::Date>> date_in(const pugi::xml_node& node,
                                                const std::string& where) {
    if (!node) {
        return std::optional<core::Date>();
    }
    const std::string_view date = text_at(node, "Dt");
    const std::string_view date_time = text_at(node, "DtTm");
    const std::string_view text = !date.empty() ? date : date_time.substr(0, 10);
    if (text.empty()) {
        return located(below(where, date.empty() && !child(node, "DtTm") ? "Dt" : "DtTm"),
                       "missing date");
    }
    const core::Result<core::Date> parsed = core::Date::parse(text);
    if (!parsed) {
        return located(below(where, !date.empty() ? "Dt" : "DtTm"), "not a date YYYY-MM-DD");
    }
    return std::optional<core::Date>(*parsed);
}

// The date of a date-time element (FrDtTm), by its first ten characters.
core::Result<std::optional<core::Date>> date_of_date_time(const pugi::xml_node& node,
                                                          const std::string& where) {
    if (!node) {
        return std::optional<core::Date>();
    }
    const std::string_view text = detail::trim(node.child_value());
    const core::Result<core::Date> parsed = core::Date::parse(text.substr(0, 10));
    if (!parsed) {
        return located(where, "not a date-time YYYY-MM-DDThh:mm:ss");
    }
    return std::optional<core::Date>(*parsed);
}

// An `Amt Ccy="EUR"` element as unsigned money.
core::Result<core::Money> amount_at(const pugi::xml_node& parent, const std::string& where) {
    const pugi::xml_node amount = child(parent, "Amt");
    const std::string path = below(where, "Amt");
    if (!amount) {
        return located(path, "missing amount");
    }
    const core::Result<core::Currency> currency =
        core::Currency::create(amount.attribute("Ccy").as_string());
    if (!currency) {
        return located(path, "Ccy is not a known ISO 4217 currency");
    }
    const core::Result<core::Money> money =
        detail::parse_amount(amount.child_value(), *currency, {'.', false, false});
    if (!money) {
        return located(path, money.error());
    }
    return *money;
}

// `amount` signed by `indicator` (CRDT +, DBIT -); the indicator's path names an error.
core::Result<core::Money> apply_indicator(core::Money amount,
                                          std::string_view indicator,
                                          const std::string& where) {
    if (indicator == "DBIT") {
        amount.minor = -amount.minor;
    } else if (indicator != "CRDT") {
        return located(below(where, "CdtDbtInd"), "must be CRDT or DBIT");
    }
    return amount;
}

// The Amt child signed by the CdtDbtInd child.
core::Result<core::Money> signed_amount(const pugi::xml_node& parent, const std::string& where) {
    BO_TRY_ASSIGN(core::Money amount, amount_at(parent, where));
    return apply_indicator(amount, text_at(parent, "CdtDbtInd"), where);
}

// camt balance codes to the type names of model.hpp.
std::string balance_type(std::string_view code) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> names{{
        {"OPBD", "opening"},
        {"PRCD", "opening"},
        {"CLBD", "closing"},
        {"OPAV", "opening_available"},
        {"CLAV", "closing_available"},
        {"FWAV", "forward_available"},
        {"ITBD", "interim"},
        {"ITAV", "interim_available"},
        {"INFO", "information"},
        {"XPCD", "expected_credit"},
    }};
    for (const auto& [camt_code, name] : names) {
        if (camt_code == code) {
            return std::string(name);
        }
    }
    return code == "XPDT" ? "expected_debit" : "other";
}

core::Result<Balance> parse_balance(const pugi::xml_node& node, const std::string& where) {
    BO_TRY_ASSIGN(core::Money amount, signed_amount(node, where));
    BO_TRY_ASSIGN(std::optional<core::Date> date, date_in(child(node, "Dt"), below(where, "Dt")));
    if (!date) {
        return located(below(where, "Dt"), "missing date");
    }
    const std::string_view code = first_text(node, {"Tp/CdOrPrtry/Cd", "Tp/CdOrPrtry/Prtry"});
    return Balance{balance_type(code), amount, *date};
}

// "PMNT/ICDT/DMCT" from a Domn, else the proprietary code.
std::string transaction_code(const pugi::xml_node& code) {
    const std::string_view domain = text_at(code, "Domn/Cd");
    if (!domain.empty()) {
        return std::string(domain) + "/" + std::string(text_at(code, "Domn/Fmly/Cd")) + "/"
               + std::string(text_at(code, "Domn/Fmly/SubFmlyCd"));
    }
    return detail::clean_text(text_at(code, "Prtry/Cd"), reference_chars_max);
}

// Remittance: Ustrd lines joined with spaces; the first structured creditor reference.
void read_remittance(const pugi::xml_node& details, ParsedLine& line) {
    const pugi::xml_node remittance = child(details, "RmtInf");
    std::string text;
    for (const pugi::xml_node& unstructured : children(remittance, "Ustrd")) {
        const std::string_view part = detail::trim(unstructured.child_value());
        if (!part.empty()) {
            text += text.empty() ? "" : " ";
            text += part;
        }
    }
    if (!text.empty()) {
        line.remittance = detail::clean_text(
            line.remittance.empty() ? text : line.remittance + " " + text, text_chars_max);
    }
    if (line.creditor_reference.empty()) {
        for (const pugi::xml_node& structured : children(remittance, "Strd")) {
            const std::string_view reference = text_at(structured, "CdtrRefInf/Ref");
            if (!reference.empty()) {
                line.creditor_reference = detail::clean_text(reference, reference_chars_max);
                break;
            }
        }
    }
}

// The other party of a transaction: the debtor of money in, the creditor of money out.
void read_counterparty(const pugi::xml_node& details, ParsedLine& line) {
    const bool incoming = line.amount.minor >= 0;
    const std::string party = incoming ? "Dbtr" : "Cdtr";
    const pugi::xml_node parties = child(details, "RltdPties");
    line.counterparty_name =
        detail::clean_text(first_text(parties, {party + "/Nm", party + "/Pty/Nm"}), text_chars_max);
    line.counterparty_account =
        detail::clean_text(first_text(parties, {party + "Acct/Id/IBAN", party + "Acct/Id/Othr/Id"}),
                           account_number_chars_max);
    const std::string agent = "RltdAgts/" + party + "Agt/FinInstnId/";
    line.counterparty_bic = detail::clean_text(
        first_text(details, {agent + "BIC", agent + "BICFI"}), bank_code_chars_max);
}

// Fills a line's references and texts from one TxDtls.
void read_details(const pugi::xml_node& details, ParsedLine& line) {
    const std::string_view end_to_end = text_at(details, "Refs/EndToEndId");
    if (end_to_end != "NOTPROVIDED") {
        line.end_to_end_id = detail::clean_text(end_to_end, reference_chars_max);
    }
    if (const pugi::xml_node code = child(details, "BkTxCd"); code) {
        if (std::string own = transaction_code(code); !own.empty()) {
            line.transaction_code = std::move(own);
        }
    }
    read_remittance(details, line);
    read_counterparty(details, line);
}

struct EntryContext {
    std::size_t entry_number = 0;
    std::string where;
};

// A TxDtls amount (its Amt, else AmtDtls/TxAmt/Amt) signed by its CdtDbtInd, else by the
// entry's direction; nullopt when it states no amount or one in another currency.
core::Result<std::optional<core::Money>> transaction_amount(const pugi::xml_node& details,
                                                            const std::string& where,
                                                            const core::Money& entry) {
    const pugi::xml_node holder = child(details, "Amt") ? details : at(details, "AmtDtls/TxAmt");
    if (!holder) {
        return std::optional<core::Money>();
    }
    BO_TRY_ASSIGN(core::Money amount, amount_at(holder, where));
    std::string_view indicator = text_at(details, "CdtDbtInd");
    if (indicator.empty()) {
        indicator = entry.minor < 0 ? "DBIT" : "CRDT";
    }
    BO_TRY_ASSIGN(amount, apply_indicator(amount, indicator, where));
    if (!core::same_currency(amount, entry)) {
        return std::optional<core::Money>();
    }
    return std::optional<core::Money>(amount);
}

// The amounts of a batch's transactions when they split the entry exactly, else empty.
core::Result<std::vector<core::Money>> batch_split(const std::vector<pugi::xml_node>& details,
                                                   const std::vector<std::string>& paths,
                                                   const core::Money& entry) {
    std::vector<core::Money> parts;
    if (details.size() < 2) {
        return parts;
    }
    core::Money sum = core::Money::zero(entry.currency);
    for (std::size_t i = 0; i < details.size(); ++i) {
        BO_TRY_ASSIGN(std::optional<core::Money> amount,
                      transaction_amount(details[i], paths[i], entry));
        if (!amount) {
            return std::vector<core::Money>();
        }
        BO_TRY_ASSIGN(sum, core::add(sum, *amount));
        parts.push_back(*amount);
    }
    return sum == entry ? parts : std::vector<core::Money>();
}

core::Result<LineStatus> entry_status(const pugi::xml_node& entry, const std::string& where) {
    const std::string_view status = first_text(entry, {"Sts/Cd", "Sts"});
    if (status == "BOOK") {
        return LineStatus::booked;
    }
    if (status == "PDNG" || status == "INFO" || status == "FUTR") {
        return LineStatus::pending;
    }
    return located(below(where, "Sts"), "must be BOOK, PDNG, INFO or FUTR");
}

// The line every transaction of an entry starts from: dates, status, reference, code.
core::Result<ParsedLine> entry_line(const pugi::xml_node& entry, const EntryContext& context) {
    BO_TRY_ASSIGN(core::Money amount, signed_amount(entry, context.where));
    BO_TRY_ASSIGN(LineStatus status, entry_status(entry, context.where));
    BO_TRY_ASSIGN(std::optional<core::Date> booked,
                  date_in(child(entry, "BookgDt"), below(context.where, "BookgDt")));
    BO_TRY_ASSIGN(std::optional<core::Date> value,
                  date_in(child(entry, "ValDt"), below(context.where, "ValDt")));
    if (!booked && !value) {
        return located(below(context.where, "BookgDt"), "missing booking date");
    }
    ParsedLine line{.entry_number = context.entry_number,
                    .source = context.where,
                    .booking_date = booked ? *booked : *value,
                    .value_date = value,
                    .amount = amount,
                    .status = status};
    line.bank_reference = detail::clean_text(text_at(entry, "AcctSvcrRef"), reference_chars_max);
    line.transaction_code = transaction_code(child(entry, "BkTxCd"));
    line.remittance = detail::clean_text(text_at(entry, "AddtlNtryInf"), text_chars_max);
    return line;
}

// One Ntry as one line or, for a batch that splits exactly, one line per TxDtls.
core::Result<void> parse_entry(const pugi::xml_node& entry,
                               const EntryContext& context,
                               std::vector<ParsedLine>& lines) {
    BO_TRY_ASSIGN(ParsedLine base, entry_line(entry, context));
    std::vector<pugi::xml_node> details;
    std::vector<std::string> paths;
    std::size_t group_index = 0;
    for (const pugi::xml_node& group : children(entry, "NtryDtls")) {
        ++group_index;
        const std::string group_path = group_index == 1
                                           ? below(context.where, "NtryDtls")
                                           : indexed(context.where, "NtryDtls", group_index);
        std::size_t index = 0;
        for (const pugi::xml_node& transaction : children(group, "TxDtls")) {
            details.push_back(transaction);
            paths.push_back(indexed(group_path, "TxDtls", ++index));
        }
    }
    BO_TRY_ASSIGN(std::vector<core::Money> parts, batch_split(details, paths, base.amount));
    if (parts.empty()) {
        ParsedLine line = base;
        line.remittance.clear();
        if (details.size() == 1) {
            read_details(details.front(), line);  // its references, code, texts and party
        } else {
            for (const pugi::xml_node& transaction : details) {
                read_remittance(transaction, line);
            }
        }
        if (line.remittance.empty()) {
            line.remittance = base.remittance;
        }
        lines.push_back(std::move(line));
        return core::ok();
    }
    for (std::size_t i = 0; i < details.size(); ++i) {
        ParsedLine line = base;
        line.source = paths[i];
        line.amount = parts[i];
        line.remittance.clear();
        const std::string_view own = text_at(details[i], "Refs/AcctSvcrRef");
        line.bank_reference = !own.empty() ? detail::clean_text(own, reference_chars_max)
                              : base.bank_reference.empty()
                                  ? std::string()
                                  : base.bank_reference + "#" + std::to_string(i + 1);
        read_details(details[i], line);
        lines.push_back(std::move(line));
    }
    return core::ok();
}

// Statement-level fields: id, sequence, account, period.
core::Result<void> parse_header(const pugi::xml_node& node,
                                const std::string& where,
                                ParsedStatement& statement) {
    statement.statement_id = detail::clean_text(text_at(node, "Id"), reference_chars_max);
    if (statement.statement_id.empty()) {
        return located(below(where, "Id"), "missing statement id");
    }
    statement.sequence =
        detail::clean_text(first_text(node, {"LglSeqNb", "ElctrncSeqNb"}), reference_chars_max);
    const pugi::xml_node account = child(node, "Acct");
    if (!account) {
        return located(below(where, "Acct"), "missing account");
    }
    statement.account_iban =
        detail::clean_text(text_at(account, "Id/IBAN"), account_number_chars_max);
    statement.account_number =
        detail::clean_text(text_at(account, "Id/Othr/Id"), account_number_chars_max);
    if (statement.account_iban.empty() && statement.account_number.empty()) {
        return located(below(where, "Acct/Id"), "missing IBAN or Othr/Id");
    }
    statement.bank_code = detail::clean_text(
        first_text(account, {"Svcr/FinInstnId/BIC", "Svcr/FinInstnId/BICFI"}), bank_code_chars_max);
    if (const std::string_view code = text_at(account, "Ccy"); !code.empty()) {
        const core::Result<core::Currency> currency = core::Currency::create(code);
        if (!currency) {
            return located(below(where, "Acct/Ccy"), "not a known ISO 4217 currency");
        }
        statement.currency = *currency;
    }
    BO_TRY_ASSIGN(statement.from_date,
                  date_of_date_time(at(node, "FrToDt/FrDtTm"), below(where, "FrToDt/FrDtTm")));
    BO_TRY_ASSIGN(statement.to_date,
                  date_of_date_time(at(node, "FrToDt/ToDtTm"), below(where, "FrToDt/ToDtTm")));
    return core::ok();
}

core::Result<ParsedStatement> parse_statement(const pugi::xml_node& node,
                                              const std::string& where,
                                              StatementFormat format,
                                              std::size_t& lines_total) {
    ParsedStatement statement;
    statement.format = format;
    BO_TRY(parse_header(node, where, statement));
    std::size_t index = 0;
    for (const pugi::xml_node& balance : children(node, "Bal")) {
        BO_TRY_ASSIGN(Balance parsed, parse_balance(balance, indexed(where, "Bal", ++index)));
        statement.balances.push_back(std::move(parsed));
    }
    index = 0;
    for (const pugi::xml_node& entry : children(node, "Ntry")) {
        ++index;
        BO_TRY(parse_entry(entry, {index, indexed(where, "Ntry", index)}, statement.lines));
        if (statement.lines.size() + lines_total > statement_lines_max) {
            return core::Error(core::ErrorCode::limit_exceeded,
                               "the file has more than " + std::to_string(statement_lines_max)
                                   + " statement lines");
        }
    }
    lines_total += statement.lines.size();
    if (!statement.currency) {  // camt.054 often names no account currency: the entries' one
        if (!statement.lines.empty()) {
            statement.currency = statement.lines.front().amount.currency;
        } else if (!statement.balances.empty()) {
            statement.currency = statement.balances.front().amount.currency;
        }
    }
    return statement;
}

constexpr std::string_view camt_namespace = "urn:iso:std:iso:20022:tech:xsd:camt.";

// The namespace URI of `element` (declared on it or an ancestor), "" when none.
std::string_view namespace_of(const pugi::xml_node& element) {
    const std::string_view name = element.name();
    const std::size_t colon = name.find(':');
    const std::string attribute =
        colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(name.substr(0, colon));
    for (pugi::xml_node node = element; node; node = node.parent()) {
        if (const pugi::xml_attribute declared = node.attribute(attribute.c_str()); declared) {
            return declared.value();
        }
    }
    return {};
}

struct MessageKind {
    StatementFormat format;
    std::string_view statement_name;
};

core::Result<std::pair<pugi::xml_node, MessageKind>> message_of(const pugi::xml_document& doc) {
    const pugi::xml_node root = doc.document_element();
    if (!root || local_name(root) != "Document") {
        return located("Document", "not an ISO 20022 document (the root element is not Document)");
    }
    const std::string_view uri = namespace_of(root);
    if (!uri.empty() && !uri.starts_with(camt_namespace)) {
        return located("Document", "namespace " + std::string(uri) + " is not a camt message");
    }
    if (pugi::xml_node message = child(root, "BkToCstmrStmt"); message) {
        return std::pair{message, MessageKind{StatementFormat::camt053, "Stmt"}};
    }
    if (pugi::xml_node message = child(root, "BkToCstmrDbtCdtNtfctn"); message) {
        return std::pair{message, MessageKind{StatementFormat::camt054, "Ntfctn"}};
    }
    return located("Document",
                   "holds neither BkToCstmrStmt (camt.053) nor BkToCstmrDbtCdtNtfctn (camt.054)");
}

}  // namespace

core::Result<ParsedFile> parse_camt(std::string_view bytes) {
    if (bytes.size() > statement_file_bytes_max) {
        return core::Error(core::ErrorCode::limit_exceeded, "the file is larger than 10 MiB");
    }
    pugi::xml_document doc;
    const pugi::xml_parse_result loaded =
        doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_auto);
    if (!loaded) {
        const std::size_t line = detail::line_of(bytes, static_cast<std::size_t>(loaded.offset));
        return located("line/" + std::to_string(line),
                       std::string("not well-formed XML: ") + loaded.description());
    }
    BO_TRY_ASSIGN(auto message, message_of(doc));
    const auto& [node, kind] = message;
    const std::string where = "Document/" + std::string(local_name(node));
    ParsedFile file{kind.format, {}};
    std::size_t lines_total = 0;
    std::size_t index = 0;
    for (const pugi::xml_node& statement : children(node, kind.statement_name)) {
        if (++index > statements_per_file_max) {
            return core::Error(core::ErrorCode::limit_exceeded,
                               "the file has more than " + std::to_string(statements_per_file_max)
                                   + " statements");
        }
        BO_TRY_ASSIGN(
            ParsedStatement parsed,
            parse_statement(
                statement, indexed(where, kind.statement_name, index), kind.format, lines_total));
        file.statements.push_back(std::move(parsed));
    }
    if (file.statements.empty()) {
        return located(where, "has no " + std::string(kind.statement_name));
    }
    return file;
}

}  // namespace bo::modules::banking
