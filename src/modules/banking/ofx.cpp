// OFX 1.x (SGML) and 2.x (XML) into ParsedFile (see parsers.hpp).
//
// One reader serves both versions: the body is read as a flat list of tags and texts, and a
// tree is built with the SGML rule that a tag followed by text is a leaf element whose end tag
// may be left out; an end tag closes every element opened since its start tag. Files that call
// themselves 2.x but leave leaf tags open (several banks do) read the same way.
#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "modules/banking/parse_common.hpp"
#include "modules/banking/parsers.hpp"

namespace bo::modules::banking {
namespace {

using detail::located;

std::string at_line(std::size_t line) {
    return "line/" + std::to_string(line);
}

struct Token {
    enum class Kind { open, close, text } kind;
    std::string value;  // tag name (upper case as written) or decoded text
    std::size_t line;
};

struct Element {
    std::string name;
    std::string value;  // leaves only
    std::size_t line = 0;
    std::vector<std::size_t> children;  // indices into the element list
};

// 64 levels of nesting: a bank statement is 6 deep (OFX/BANKMSGSRSV1/STMTTRNRS/STMTRS/
// BANKTRANLIST/STMTTRN); the bound keeps the reader's recursive search shallow.
constexpr std::size_t ofx_depth_max = 64;

// 256 bytes of tag name: OFX names are at most 32 characters.
constexpr std::size_t tag_chars_max = 256;

bool is_name_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
           || c == '_' || c == '-' || c == ':';
}

// Text with the XML/SGML character references decoded (&amp; &lt; &gt; &quot; &apos; &#n;).
std::string decode_entities(std::string_view text) {
    static constexpr std::array<std::pair<std::string_view, char>, 5> named{
        {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}}};
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool replaced = false;
        for (const auto& [entity, character] : named) {
            if (text.substr(i, entity.size()) == entity) {
                out.push_back(character);
                i += entity.size() - 1;
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            out.push_back(text[i]);
        }
    }
    return out;
}

// The body as tokens. Comments, processing instructions and blank text are dropped.
core::Result<std::vector<Token>> tokenize(std::string_view body, std::size_t first_line) {
    std::vector<Token> tokens;
    std::size_t line = first_line;
    std::size_t i = 0;
    while (i < body.size()) {
        if (body[i] != '<') {
            const std::size_t end = std::min(body.find('<', i), body.size());
            const std::string_view text = body.substr(i, end - i);
            if (!detail::trim(text).empty()) {
                tokens.push_back({Token::Kind::text, decode_entities(detail::trim(text)), line});
            }
            line += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
            i = end;
            continue;
        }
        const bool special = body.substr(i, 2) == "<?" || body.substr(i, 2) == "<!";
        const std::size_t close = body.find('>', i);
        if (close == std::string_view::npos) {
            return located(at_line(line), "a tag is not closed with '>'");
        }
        const std::string_view inside = body.substr(i + 1, close - i - 1);
        line += static_cast<std::size_t>(std::count(inside.begin(), inside.end(), '\n'));
        i = close + 1;
        if (special) {
            continue;
        }
        const bool closing = !inside.empty() && inside.front() == '/';
        const std::string_view name = detail::trim(closing ? inside.substr(1) : inside);
        if (name.empty() || name.size() > tag_chars_max
            || !std::all_of(name.begin(), name.end(), is_name_char)) {
            return located(at_line(line),
                           "malformed tag <" + std::string(inside.substr(0, 40)) + ">");
        }
        tokens.push_back(
            {closing ? Token::Kind::close : Token::Kind::open, std::string(name), line});
    }
    return tokens;
}

struct Tree {
    std::vector<Element> elements;  // elements[0] is a virtual root
};

// Builds the element tree with the SGML leaf rule. Errors name the line of an end tag that
// closes nothing, or of an element still open at the end of the file.
core::Result<Tree> build_tree(const std::vector<Token>& tokens) {
    Tree tree;
    tree.elements.push_back({"", "", 0, {}});
    std::vector<std::size_t> open{0};
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        if (token.kind == Token::Kind::text) {
            return located(at_line(token.line),
                           "text outside an element: " + token.value.substr(0, 40));
        }
        if (token.kind == Token::Kind::close) {
            const auto found = std::find_if(open.rbegin(), open.rend() - 1, [&](std::size_t index) {
                return tree.elements[index].name == token.value;
            });
            if (found == open.rend() - 1) {
                return located(at_line(token.line),
                               "</" + token.value + "> closes no open element");
            }
            open.erase(found.base() - 1, open.end());
            continue;
        }
        const std::size_t index = tree.elements.size();
        tree.elements.push_back({token.value, "", token.line, {}});
        tree.elements[open.back()].children.push_back(index);
        const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
        if (next != nullptr && next->kind == Token::Kind::text) {
            tree.elements[index].value = next->value;  // a leaf; its end tag is optional
            ++i;
            if (i + 1 < tokens.size() && tokens[i + 1].kind == Token::Kind::close
                && tokens[i + 1].value == token.value) {
                ++i;
            }
        } else if (next != nullptr && next->kind == Token::Kind::close
                   && next->value == token.value) {
            ++i;  // an empty element <X></X>
        } else {
            open.push_back(index);  // an aggregate (or an empty leaf left open: harmless)
            if (open.size() > ofx_depth_max) {
                return located(at_line(token.line), "elements nested too deep");
            }
        }
    }
    if (open.size() > 1 && tree.elements[open[1]].name != "OFX") {
        return located(at_line(tree.elements[open[1]].line),
                       "<" + tree.elements[open[1]].name + "> is never closed");
    }
    if (open.size() > 1) {
        return located(at_line(tree.elements[open[1]].line), "<OFX> is never closed");
    }
    return tree;
}

// Reading the tree.
class Reader {
public:
    explicit Reader(const Tree& tree) : tree_(tree) {}

    const Element& element(std::size_t index) const { return tree_.elements[index]; }

    // The first child named `name` below `parent`, searching through any element left open
    // between them (an empty leaf whose end tag was omitted swallows its siblings).
    const Element* child(const Element& parent, std::string_view name) const {
        for (const std::size_t index : parent.children) {
            const Element& it = tree_.elements[index];
            if (it.name == name) {
                return &it;
            }
            if (it.value.empty() && !it.children.empty() && !is_aggregate(it.name)) {
                if (const Element* deeper = child(it, name); deeper != nullptr) {
                    return deeper;
                }
            }
        }
        return nullptr;
    }

    // The value at `path` ("BANKACCTFROM/ACCTID"), "" when absent.
    std::string_view value(const Element& parent, std::string_view path) const {
        const Element* node = &parent;
        while (node != nullptr && !path.empty()) {
            const std::size_t slash = path.find('/');
            node = child(*node, path.substr(0, slash));
            path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
        }
        return node == nullptr ? std::string_view() : detail::trim(node->value);
    }

    // Every element named one of `names`, in document order (iterative walk).
    std::vector<const Element*> all(std::initializer_list<std::string_view> names) const {
        std::vector<const Element*> found;
        for (const Element& it : tree_.elements) {
            if (std::find(names.begin(), names.end(), it.name) != names.end()) {
                found.push_back(&it);
            }
        }
        return found;
    }

    // Direct children named `name`.
    std::vector<const Element*> children(const Element& parent, std::string_view name) const {
        std::vector<const Element*> found;
        for (const std::size_t index : parent.children) {
            if (tree_.elements[index].name == name) {
                found.push_back(&tree_.elements[index]);
            }
        }
        return found;
    }

private:
    // Aggregates we read through; an unknown element with children is searched through.
    static bool is_aggregate(std::string_view name) {
        static constexpr std::array<std::string_view, 12> names{"STMTRS",
                                                                "CCSTMTRS",
                                                                "BANKTRANLIST",
                                                                "STMTTRN",
                                                                "LEDGERBAL",
                                                                "AVAILBAL",
                                                                "BANKACCTFROM",
                                                                "CCACCTFROM",
                                                                "BANKACCTTO",
                                                                "CCACCTTO",
                                                                "PAYEE",
                                                                "CURRENCY"};
        return std::find(names.begin(), names.end(), name) != names.end();
    }

    const Tree& tree_;
};

// An OFX date-time "YYYYMMDD[HHMMSS[.XXX]][[offset:TZ]]" as its calendar date.
core::Result<core::Date> ofx_date(std::string_view text, std::size_t line, std::string_view what) {
    const auto is_digit = [](char c) {
        return c >= '0' && c <= '9';
    };
    const std::string_view rest = text.size() >= 8 ? text.substr(8) : std::string_view();
    const bool shaped = text.size() >= 8 && std::all_of(text.begin(), text.begin() + 8, is_digit)
                        && (rest.empty() || is_digit(rest.front()) || rest.front() == '[');
    if (!shaped) {
        return located(at_line(line),
                       std::string(what) + " is not an OFX date YYYYMMDD[HHMMSS]: '"
                           + std::string(text.substr(0, 40)) + "'");
    }
    const std::string iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2))
                            + "-" + std::string(text.substr(6, 2));
    const core::Result<core::Date> date = core::Date::parse(iso);
    if (!date) {
        return located(
            at_line(line),
            std::string(what) + " " + std::string(text.substr(0, 8)) + " is not a calendar day");
    }
    return *date;
}

core::Result<core::Money> ofx_amount(std::string_view text,
                                     core::Currency currency,
                                     std::size_t line,
                                     std::string_view what) {
    const bool comma =
        text.find(',') != std::string_view::npos && text.find('.') == std::string_view::npos;
    const core::Result<core::Money> amount =
        detail::parse_amount(text, currency, {comma ? ',' : '.', true, false});
    if (!amount) {
        return located(at_line(line),
                       std::string(what) + " '" + std::string(text.substr(0, 40))
                           + "': " + amount.error().message());
    }
    return *amount;
}

// The line of the first child named `name` of `parent`, else the parent's.
std::size_t line_of(const Reader& reader, const Element& parent, std::string_view name) {
    const Element* found = reader.child(parent, name);
    return found != nullptr ? found->line : parent.line;
}

core::Result<ParsedLine> parse_transaction(const Reader& reader,
                                           const Element& transaction,
                                           core::Currency currency,
                                           std::size_t entry_number) {
    const std::string_view posted = reader.value(transaction, "DTPOSTED");
    if (posted.empty()) {
        return located(at_line(line_of(reader, transaction, "DTPOSTED")),
                       "STMTTRN has no DTPOSTED (date posted)");
    }
    BO_TRY_ASSIGN(core::Date booked,
                  ofx_date(posted, line_of(reader, transaction, "DTPOSTED"), "DTPOSTED"));
    const std::string_view amount_text = reader.value(transaction, "TRNAMT");
    const std::size_t amount_line = line_of(reader, transaction, "TRNAMT");
    if (amount_text.empty()) {
        return located(at_line(amount_line), "STMTTRN has no TRNAMT (amount)");
    }
    BO_TRY_ASSIGN(core::Money amount, ofx_amount(amount_text, currency, amount_line, "TRNAMT"));
    ParsedLine line{.entry_number = entry_number,
                    .source = "line " + std::to_string(transaction.line),
                    .booking_date = booked,
                    .amount = amount};
    if (const std::string_view available = reader.value(transaction, "DTAVAIL");
        !available.empty()) {
        BO_TRY_ASSIGN(line.value_date,
                      ofx_date(available, line_of(reader, transaction, "DTAVAIL"), "DTAVAIL"));
    }
    line.bank_reference =
        detail::clean_text(reader.value(transaction, "FITID"), reference_chars_max);
    line.end_to_end_id =
        detail::clean_text(reader.value(transaction, "REFNUM"), reference_chars_max);
    std::string_view name = reader.value(transaction, "NAME");
    if (name.empty()) {
        name = reader.value(transaction, "PAYEE/NAME");
    }
    line.counterparty_name = detail::clean_text(name, text_chars_max);
    line.remittance = detail::clean_text(reader.value(transaction, "MEMO"), text_chars_max);
    line.counterparty_account = detail::clean_text(reader.value(transaction, "BANKACCTTO/ACCTID"),
                                                   account_number_chars_max);
    line.transaction_code =
        detail::clean_text(reader.value(transaction, "TRNTYPE"), reference_chars_max);
    return line;
}

// LEDGERBAL / AVAILBAL: absent when both amount and date are empty; half of one is an error.
core::Result<void> parse_balance(const Reader& reader,
                                 const Element* balance,
                                 std::string type,
                                 core::Currency currency,
                                 ParsedStatement& statement) {
    if (balance == nullptr) {
        return core::ok();
    }
    const std::string_view amount = reader.value(*balance, "BALAMT");
    const std::string_view as_of = reader.value(*balance, "DTASOF");
    if (amount.empty() && as_of.empty()) {
        return core::ok();
    }
    if (amount.empty()) {
        return located(at_line(line_of(reader, *balance, "BALAMT")),
                       balance->name + " has a date but no BALAMT (amount)");
    }
    if (as_of.empty()) {
        return located(at_line(line_of(reader, *balance, "DTASOF")),
                       balance->name + " has an amount but no DTASOF (date)");
    }
    BO_TRY_ASSIGN(core::Money money,
                  ofx_amount(amount, currency, line_of(reader, *balance, "BALAMT"), "BALAMT"));
    BO_TRY_ASSIGN(core::Date date, ofx_date(as_of, line_of(reader, *balance, "DTASOF"), "DTASOF"));
    statement.balances.push_back(Balance{std::move(type), money, date});
    return core::ok();
}

// CURDEF, or the currency the transactions state when a bank leaves CURDEF empty.
core::Result<core::Currency> statement_currency(const Reader& reader, const Element& statement) {
    std::string_view code = reader.value(statement, "CURDEF");
    if (code.empty()) {
        for (const Element* transaction : reader.all({"STMTTRN"})) {
            code = reader.value(*transaction, "CURRENCY/CURSYM");
            if (!code.empty()) {
                break;
            }
        }
    }
    const core::Result<core::Currency> currency = core::Currency::create(code);
    if (!currency) {
        return located(
            at_line(line_of(reader, statement, "CURDEF")),
            "CURDEF '" + std::string(code.substr(0, 10)) + "' is not a known ISO 4217 currency");
    }
    return *currency;
}

core::Result<void> parse_period(const Reader& reader,
                                const Element& list,
                                ParsedStatement& statement) {
    if (const std::string_view start = reader.value(list, "DTSTART"); !start.empty()) {
        BO_TRY_ASSIGN(statement.from_date,
                      ofx_date(start, line_of(reader, list, "DTSTART"), "DTSTART"));
    }
    if (const std::string_view end = reader.value(list, "DTEND"); !end.empty()) {
        BO_TRY_ASSIGN(statement.to_date, ofx_date(end, line_of(reader, list, "DTEND"), "DTEND"));
    }
    return core::ok();
}

core::Result<ParsedStatement> parse_statement(const Reader& reader,
                                              const Element& node,
                                              std::size_t& lines_total) {
    ParsedStatement statement;
    statement.format = StatementFormat::ofx;
    BO_TRY_ASSIGN(core::Currency currency, statement_currency(reader, node));
    statement.currency = currency;
    const bool card = node.name == "CCSTMTRS";
    const std::string from = card ? "CCACCTFROM/" : "BANKACCTFROM/";
    statement.account_number =
        detail::clean_text(reader.value(node, from + "ACCTID"), account_number_chars_max);
    if (statement.account_number.empty()) {
        return located(at_line(node.line), node.name + " has no " + from + "ACCTID (account)");
    }
    statement.bank_code =
        detail::clean_text(reader.value(node, from + "BANKID"), bank_code_chars_max);
    const Element* list = reader.child(node, "BANKTRANLIST");
    if (list != nullptr) {
        BO_TRY(parse_period(reader, *list, statement));
        std::size_t entry = 0;
        for (const Element* transaction : reader.children(*list, "STMTTRN")) {
            if (++lines_total > statement_lines_max) {
                return core::Error(core::ErrorCode::limit_exceeded,
                                   "the file has more than " + std::to_string(statement_lines_max)
                                       + " transactions");
            }
            BO_TRY_ASSIGN(ParsedLine line,
                          parse_transaction(reader, *transaction, currency, ++entry));
            statement.lines.push_back(std::move(line));
        }
    }
    BO_TRY(parse_balance(reader, reader.child(node, "LEDGERBAL"), "closing", currency, statement));
    BO_TRY(parse_balance(
        reader, reader.child(node, "AVAILBAL"), "closing_available", currency, statement));
    const auto day = [](const std::optional<core::Date>& date) {
        return date ? date->to_string() : std::string("-");
    };
    statement.statement_id =
        statement.account_number + ":" + day(statement.from_date) + ".." + day(statement.to_date);
    return statement;
}

struct Body {
    std::string text;  // UTF-8
    std::size_t first_line = 1;
};

// Splits off the OFX 1.x colon header (or the XML declarations of 2.x) and converts the body
// to UTF-8 as the header's CHARSET / ENCODING or the XML encoding says.
core::Result<Body> body_of(std::string_view bytes) {
    if (bytes.starts_with("\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
    }
    const std::size_t start = bytes.find("<OFX>");
    if (start == std::string_view::npos) {
        return located("line/1", "no <OFX> element: not an OFX file");
    }
    const std::string_view header = bytes.substr(0, start);
    std::string_view body = bytes.substr(start);
    const std::size_t first_line = detail::line_of(bytes, start);
    const bool declares_utf8 = header.find("UTF-8") != std::string_view::npos
                               || header.find("utf-8") != std::string_view::npos;
    if (detail::is_utf8(body)) {
        return Body{std::string(body), first_line};
    }
    if (declares_utf8) {
        return located("line/" + std::to_string(first_line),
                       "the header says UTF-8 but the text is not UTF-8");
    }
    return Body{detail::windows_1252_to_utf8(body), first_line};  // USASCII/1252/8859-1
}

}  // namespace

core::Result<ParsedFile> parse_ofx(std::string_view bytes) {
    if (bytes.size() > statement_file_bytes_max) {
        return core::Error(core::ErrorCode::limit_exceeded, "the file is larger than 10 MiB");
    }
    BO_TRY_ASSIGN(Body body, body_of(bytes));
    BO_TRY_ASSIGN(std::vector<Token> tokens, tokenize(body.text, body.first_line));
    BO_TRY_ASSIGN(Tree tree, build_tree(tokens));
    const Reader reader(tree);
    ParsedFile file{StatementFormat::ofx, {}};
    std::size_t lines_total = 0;
    for (const Element* node : reader.all({"STMTRS", "CCSTMTRS"})) {
        if (file.statements.size() >= statements_per_file_max) {
            return core::Error(core::ErrorCode::limit_exceeded,
                               "the file has more than " + std::to_string(statements_per_file_max)
                                   + " statements");
        }
        BO_TRY_ASSIGN(ParsedStatement statement, parse_statement(reader, *node, lines_total));
        file.statements.push_back(std::move(statement));
    }
    if (file.statements.empty()) {
        return located("line/" + std::to_string(body.first_line),
                       "no bank or credit card statement (STMTRS or CCSTMTRS) in the file; "
                       "investment statements are not bank statements");
    }
    return file;
}

}  // namespace bo::modules::banking
