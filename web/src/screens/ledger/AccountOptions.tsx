// The <option>s of an account picker: accounts by number under their parents, indented by
// depth, valued by account number (what request bodies name accounts by).
import type { Account } from "./model";

export function AccountOptions({ accounts, empty }: { accounts: { account: Account; depth: number }[]; empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {accounts.map(({ account, depth }) => (
        <option key={account.id} value={account.number}>
          {"\u00a0\u00a0".repeat(depth)}
          {account.number} {account.name}
        </option>
      ))}
    </>
  );
}
