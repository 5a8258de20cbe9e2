// A camt.053 statement built from a few readable lines, for the matching tests (storage and
// end to end): each entry with its amount (negative: money out), booking date, remittance text,
// and the payer's name and IBAN.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

namespace bo::modules::banking::testing {

struct CamtEntry {
    std::string amount;  // "108.88"; "-2.50" is money out
    std::string date;    // "2024-03-20"
    std::string remittance;
    std::string name{};
    std::string iban{};
};

inline std::string camt_statement(const std::string& id,
                                  const std::string& account_iban,
                                  const std::string& currency,
                                  const std::vector<CamtEntry>& entries) {
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document "
        "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr><MsgId>"
        + id + "</MsgId></GrpHdr><Stmt><Id>" + id + "</Id><Acct><Id><IBAN>" + account_iban
        + "</IBAN></Id><Ccy>" + currency + "</Ccy></Acct>";
    int number = 0;
    for (const CamtEntry& entry : entries) {
        const bool out = !entry.amount.empty() && entry.amount[0] == '-';
        const std::string amount = out ? entry.amount.substr(1) : entry.amount;
        const std::string party = out ? "Cdtr" : "Dbtr";
        xml += "<Ntry><Amt Ccy=\"" + currency + "\">" + amount + "</Amt><CdtDbtInd>"
               + (out ? "DBIT" : "CRDT") + "</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>" + entry.date
               + "</Dt></BookgDt><AcctSvcrRef>" + id + "-" + std::to_string(++number)
               + "</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><" + party + "><Nm>" + entry.name
               + "</Nm></" + party + "><" + party + "Acct><Id><IBAN>" + entry.iban
               + "</IBAN></Id></" + party + "Acct></RltdPties><RmtInf><Ustrd>" + entry.remittance
               + "</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>";
    }
    return xml + "</Stmt></BkToCstmrStmt></Document>";
}

}  // namespace bo::modules::banking::testing
