// The audit trail: every change, newest first, filtered on the server.
import { type Page, get, withQuery } from "../lib/api";
import { formatInstant } from "../lib/dates";
import { type Column, ListView } from "../components/ListView";

export interface AuditEvent {
  seq: number;
  at: string;
  username: string;
  action: string;
  entity_type: string;
  entity_id: string;
  request_id: string;
  client_address: string;
}

const columns: Column<AuditEvent>[] = [
  { key: "seq", label: "#", render: (e) => e.seq, sortValue: (e) => e.seq, numeric: true },
  { key: "at", label: "When", render: (e) => formatInstant(e.at), sortValue: (e) => e.at },
  { key: "user", label: "User", render: (e) => e.username || "system", sortValue: (e) => e.username },
  { key: "action", label: "Action", render: (e) => e.action, sortValue: (e) => e.action },
  { key: "entity", label: "Entity", render: (e) => `${e.entity_type} ${e.entity_id}`, sortValue: (e) => e.entity_type },
  { key: "client", label: "Client address", render: (e) => e.client_address, hiddenByDefault: true },
  { key: "request", label: "Request id", render: (e) => e.request_id, hiddenByDefault: true },
];

export function AuditTrail() {
  return (
    <ListView<AuditEvent>
      resource="audit.events"
      label="Audit events"
      columns={columns}
      filters={[
        { name: "action", label: "Action" },
        { name: "entity_type", label: "Entity type" },
        { name: "entity_id", label: "Entity id" },
        { name: "user", label: "User" },
        { name: "from", label: "From", type: "date" },
        { name: "to", label: "To", type: "date" },
      ]}
      fetchPage={({ cursor, limit, filters }, signal) =>
        get<Page<AuditEvent>>(
          withQuery("/api/v1/audit/events", {
            ...filters,
            // the API takes instants; a day filter means from its start, to the start of `to`
            from: filters.from ? `${filters.from}T00:00:00Z` : undefined,
            to: filters.to ? `${filters.to}T00:00:00Z` : undefined,
            limit: String(limit),
            cursor,
          }),
          signal,
        )
      }
      rowKey={(e) => e.seq}
      rowHref={(e) => withQuery("/audit/events", { entity_type: e.entity_type, entity_id: e.entity_id })}
      searchText={(e) => `${e.action} ${e.entity_type} ${e.entity_id} ${e.username}`}
    />
  );
}
