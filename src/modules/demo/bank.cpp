#include "modules/demo/bank.hpp"

#include <array>
#include <string>
#include <string_view>

#include "core/money.hpp"
#include "modules/banking/service.hpp"

namespace bo::modules::demo {
namespace {

constexpr std::string_view demo_account_number = "4400123456";
constexpr std::string_view demo_routing_number = "021000021";

// One statement entry: who paid or was paid, in cents (credit +, debit -), and why.
struct DemoBankEntry {
    std::string_view counterparty;
    std::int64_t amount_minor;
    std::string_view remittance;
};

constexpr std::array<DemoBankEntry, 8> demo_entries{{
    {"Northwind Traders", 1'250'000, "INV-2001 thank you"},
    {"City Power & Light", -84'512, "Electricity, account 55-0192"},
    {"Contoso Ltd", 432'075, "Payment invoices INV 2003 and INV-2004"},
    {"Payroll", -2'310'000, "Net pay, period end"},
    {"Fabrikam Inc", 96'000, "inv2006"},
    {"Bank", -2'500, "Account fee"},
    {"Adventure Works", 1'020'450, "INV-2008 / PO 7781"},
    {"Office Supplies Co", -18'999, "Order 5521"},
}};

std::string money_text(std::int64_t minor) {
    const core::Money money{minor < 0 ? -minor : minor, core::Currency::create("USD").value()};
    return money.format();
}

std::string entry_xml(const DemoBankEntry& entry, core::Date date, std::size_t index) {
    const bool credit = entry.amount_minor >= 0;
    const std::string party = credit ? "Dbtr" : "Cdtr";
    const std::string reference = "DEMO-" + date.to_string() + "-" + std::to_string(index);
    return "<Ntry><Amt Ccy=\"USD\">" + money_text(entry.amount_minor) + "</Amt><CdtDbtInd>"
           + (credit ? "CRDT" : "DBIT") + "</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>"
           + date.to_string() + "</Dt></BookgDt><ValDt><Dt>" + date.to_string()
           + "</Dt></ValDt><AcctSvcrRef>" + reference
           + "</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>" + (credit ? "RCDT" : "ICDT")
           + "</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs>"
             "<EndToEndId>"
           + reference + "</EndToEndId></Refs><RltdPties><" + party + "><Pty><Nm>"
           + std::string(entry.counterparty) + "</Nm></Pty></" + party
           + "></RltdPties><RmtInf><Ustrd>" + std::string(entry.remittance)
           + "</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>";
}

std::string balance_xml(std::string_view code, std::int64_t minor, core::Date date) {
    return "<Bal><Tp><CdOrPrtry><Cd>" + std::string(code)
           + "</Cd></CdOrPrtry></Tp><Amt Ccy=\"USD\">" + money_text(minor) + "</Amt><CdtDbtInd>"
           + (minor < 0 ? "DBIT" : "CRDT") + "</CdtDbtInd><Dt><Dt>" + date.to_string()
           + "</Dt></Dt></Bal>";
}

}  // namespace

std::string demo_camt053(core::Date to, int days) {
    const core::Date from = to.add_days(-days).value();
    constexpr std::int64_t opening_minor = 5'000'000;
    std::int64_t closing_minor = opening_minor;
    std::string entries;
    for (int day = 0; day < days; ++day) {
        const auto index = static_cast<std::size_t>(day);
        const DemoBankEntry& entry = demo_entries.at(index % demo_entries.size());
        closing_minor += entry.amount_minor;
        entries += entry_xml(entry, from.add_days(day).value(), index + 1);
    }
    const std::string id = "DEMO-" + from.to_string();
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
           "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt><GrpHdr>"
           "<MsgId>"
           + id + "</MsgId><CreDtTm>" + to.to_string()
           + "T06:00:00+00:00</CreDtTm></GrpHdr><Stmt><Id>" + id
           + "</Id><LglSeqNb>1</LglSeqNb><FrToDt><FrDtTm>" + from.to_string()
           + "T00:00:00+00:00</FrDtTm><ToDtTm>" + to.to_string()
           + "T00:00:00+00:00</ToDtTm></FrToDt><Acct><Id><Othr><Id>"
           + std::string(demo_account_number) + "</Id></Othr></Id><Ccy>USD</Ccy></Acct>"
           + balance_xml("OPBD", opening_minor, from) + balance_xml("CLBD", closing_minor, to)
           + entries + "</Stmt></BkToCstmrStmt></Document>\n";
}

core::Result<DemoBankReport> seed_bank(store::Txn& txn,
                                       const core::Clock& clock,
                                       const platform::Actor& actor) {
    BO_TRY(banking::create_bank_account(txn,
                                        clock,
                                        actor,
                                        {.name = "Operating account",
                                         .account_number = std::string(demo_account_number),
                                         .bank_code = std::string(demo_routing_number),
                                         .currency = "USD",
                                         .ledger_account = "1120"}));
    constexpr int statement_days = 24;
    const core::Date today = core::business_date(clock.now(), core::TimeZone::utc());
    const std::string file = demo_camt053(today, statement_days);
    BO_TRY_ASSIGN(const banking::ImportReport report,
                  banking::import_statements(txn, clock, actor, {.bytes = file}));
    DemoBankReport seeded{.bank_accounts = 1, .statement_lines = 0};
    for (const banking::ImportedStatement& statement : report.statements) {
        seeded.statement_lines += static_cast<std::size_t>(statement.lines_imported);
    }
    return seeded;
}

}  // namespace bo::modules::demo
