// Customers: the reusable list over GET /api/v1/customers — search (`q`: name, number, e-mail,
// phone), status filter and sorting by number, name or creation all on the server, keyset
// paging by the API's cursor, column choice and saved filters.
import "./sales.css";
import { type Page, get, withQuery } from "../../lib/api";
import { formatAmount } from "../../lib/money";
import { Link, useSearchParams } from "../../lib/router";
import { useMe } from "../../lib/session";
import { type Column, ListView } from "../../components/ListView";
import { ExportLinks } from "../ledger/ReportParts";
import { type Customer, statusLabels } from "./model";

const columns: Column<Customer>[] = [
  { key: "number", label: "Number", render: (c) => c.number },
  { key: "name", label: "Name", render: (c) => c.name },
  { key: "email", label: "E-mail", render: (c) => c.email || <span className="muted">—</span> },
  { key: "phone", label: "Phone", render: (c) => c.phone || <span className="muted">—</span>, hiddenByDefault: true },
  { key: "city", label: "City", render: (c) => [c.city, c.country].filter(Boolean).join(", ") || <span className="muted">—</span> },
  {
    key: "status",
    label: "Status",
    render: (c) => <span className={`badge ${c.status}`}>{statusLabels[c.status]}</span>,
    sortValue: (c) => c.status,
  },
  {
    key: "credit_limit",
    label: "Credit limit",
    numeric: true,
    render: (c) => `${formatAmount(c.credit_limit, c.currency)} ${c.currency}`,
    hiddenByDefault: true,
  },
  { key: "terms", label: "Terms", render: (c) => `${c.payment_terms_days} days`, hiddenByDefault: true },
  { key: "created", label: "Created", render: (c) => c.created_at.slice(0, 10), hiddenByDefault: true },
];

export function Customers() {
  const { can } = useMe();
  const params = useSearchParams();
  const apiFilters = { q: params.get("search") ?? "", status: params.get("status") ?? "" };
  return (
    <>
      <div className="page-actions">
        <ExportLinks apiPath="/api/v1/customers" query={apiFilters} />
        {can("sales.manage") && (
          <Link className="button primary" to="/sales/customers/new" data-shortcut="new">
            New customer
          </Link>
        )}
      </div>
      <ListView<Customer>
        resource="sales.customers"
        label="Customers"
        columns={columns}
        serverSort={["number", "name", "created"]}
        filters={[
          { name: "search", label: "Name, number, e-mail or phone", type: "search", shortcut: true },
          {
            name: "status",
            label: "Status",
            options: [
              { value: "", label: "Any" },
              { value: "active", label: "Active" },
              { value: "on_hold", label: "On hold" },
            ],
          },
        ]}
        fetchPage={({ cursor, limit, filters, sort }, signal) =>
          get<Page<Customer>>(
            withQuery("/api/v1/customers", { q: filters.search, status: filters.status, sort, limit: String(limit), cursor }),
            signal,
          )
        }
        rowKey={(c) => c.id}
        rowHref={(c) => `/sales/customers/${c.id}`}
        searchText={(c) => `${c.number} ${c.name} ${c.email} ${c.phone} ${c.city}`}
      />
    </>
  );
}
