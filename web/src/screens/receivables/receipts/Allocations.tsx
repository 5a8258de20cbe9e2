// Allocating cash over a customer's open invoices, shared by recording a receipt, applying its
// unapplied cash and matching a bank statement line by hand: one row per open invoice (oldest
// due first) with what to pay, the early-payment discount and a small write-off; "spread oldest
// first"; the running total against the cash available, the rest unapplied cash.
import "./receipts.css";
import { type Page, get, withQuery } from "../../../lib/api";
import { formatAmount, formatMinor, parseMinor } from "../../../lib/money";
import { Link } from "../../../lib/router";
import { Field } from "../../../components/Field";
import type { ArDocument } from "../model";

export interface AllocationRow {
  invoice: ArDocument;
  amount: string;
  discount: string;
  write_off: string;
}

type Part = "amount" | "discount" | "write_off";
const partLabels: Record<Part, string> = { amount: "Pay", discount: "Discount", write_off: "Write-off" };

// The customer's issued invoices with an open balance, oldest due first (the first 100).
export async function loadOpenInvoices(customer: string): Promise<AllocationRow[]> {
  const page = await get<Page<ArDocument>>(withQuery("/api/v1/invoices", { customer: customer.trim(), status: "issued", limit: "100" }));
  return page.items
    .filter((d) => d.kind === "invoice" && d.open !== undefined && (parseMinor(d.open, d.currency) ?? 0n) > 0n)
    .sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id - b.id))
    .map((invoice) => ({ invoice, amount: "", discount: "", write_off: "" }));
}

const used = (rows: AllocationRow[]) => rows.filter((r) => r.amount.trim() !== "" || r.discount.trim() !== "" || r.write_off.trim() !== "");

// The request's `allocations`: the rows with something in them; a blank discount is left out
// (receivables takes the discount by itself when the payment is the discounted amount in time).
export function allocationsBody(rows: AllocationRow[]) {
  return used(rows).map((r) => ({
    invoice_id: r.invoice.id,
    amount: r.amount.trim() || "0",
    ...(r.discount.trim() ? { discount: r.discount.trim() } : {}),
    ...(r.write_off.trim() ? { write_off: r.write_off.trim() } : {}),
  }));
}

export function hasAllocations(rows: AllocationRow[] | null): boolean {
  return rows !== null && used(rows).length > 0;
}

interface TableProps {
  rows: AllocationRow[];
  onChange: (rows: AllocationRow[]) => void;
  currency: string;
  available: bigint; // minor units of cash to allocate
  errors: Record<string, string>; // the API's, keyed "allocations/N/amount"
  caption: string;
}

export function AllocationTable({ rows, onChange, currency, available, errors, caption }: TableProps) {
  const allocated = rows.reduce((sum, r) => sum + (parseMinor(r.amount || "0", currency) ?? 0n), 0n);
  const rest = available - allocated;
  const usedRows = used(rows);
  const errorOf = (row: AllocationRow, part: Part) => {
    const position = usedRows.indexOf(row);
    return position < 0 ? undefined : errors[`allocations/${position}/${part}`];
  };
  const set = (index: number, part: Part, value: string) => onChange(rows.map((r, i) => (i === index ? { ...r, [part]: value } : r)));
  const spread = () => {
    let left = available;
    onChange(
      rows.map((r) => {
        const open = parseMinor(r.invoice.open ?? "0", currency) ?? 0n;
        const take = left < open ? left : open;
        left -= take;
        return { ...r, amount: take > 0n ? formatMinor(take, currency).replace(/,/g, "") : "" };
      }),
    );
  };
  if (rows.length === 0) {
    return <p className="muted">No open invoice: the whole amount stays unapplied cash.</p>;
  }
  return (
    <>
      <div className="table-scroll">
        <table className="data" data-testid="allocations">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Due</th>
              <th scope="col" className="num">Open</th>
              <th scope="col" className="num">Pay</th>
              <th scope="col" className="num">Discount</th>
              <th scope="col" className="num">Write-off</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, index) => (
              <tr key={r.invoice.id}>
                <td>
                  <Link to={`/receivables/invoices/${r.invoice.id}`}>{r.invoice.number}</Link>
                </td>
                <td>{r.invoice.due_date}</td>
                <td className="num">{formatAmount(r.invoice.open ?? "0", currency)}</td>
                {(["amount", "discount", "write_off"] as const).map((part) => (
                  <td className="num" key={part}>
                    <Field label={`${partLabels[part]} on ${r.invoice.number}`} hideLabel error={errorOf(r, part)}>
                      {(props) => <input {...props} className="amount" inputMode="decimal" value={r[part]} onChange={(e) => set(index, part, e.target.value)} />}
                    </Field>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="split-total" data-testid="split-total">
        <button type="button" onClick={spread}>
          Spread oldest first
        </button>{" "}
        Allocated {formatMinor(allocated, currency)} of {formatMinor(available, currency)} {currency}
        {rest > 0n && <>; {formatMinor(rest, currency)} stays unapplied cash</>}
        {rest < 0n && <span className="field-error"> — {formatMinor(-rest, currency)} more than there is</span>}
        {errors.allocations && <span className="field-error"> — {errors.allocations}</span>}
      </p>
    </>
  );
}
