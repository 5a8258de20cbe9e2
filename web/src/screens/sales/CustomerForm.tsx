// A customer, new (POST /api/v1/customers) or changed (PATCH /api/v1/customers/{id}): the main
// fields, several billing and shipping addresses (one default of each kind), contacts, terms,
// credit limit, price list, tax category and salesperson. The API's field errors appear beside
// their fields (`addresses/1/country`, `contacts/0/email`); leaving with unsaved changes asks
// first; Ctrl+S saves.
import "./sales.css";
import { type FormEvent, useRef, useState } from "react";
import { get, newIdempotencyKey, request } from "../../lib/api";
import { Link, navigate, useLeaveGuard } from "../../lib/router";
import { useMe } from "../../lib/session";
import { useLoad } from "../../lib/useLoad";
import { Field } from "../../components/Field";
import { ErrorNote, Loading } from "../../components/Status";
import { FormSummary, StaticField, refusalOf } from "./parts";
import { type Address, type Contact, type Customer, loadPriceLists, loadUsers } from "./model";

interface Draft {
  number: string;
  name: string;
  email: string;
  phone: string;
  city: string;
  country: string;
  currency: string;
  credit_limit: string;
  payment_terms_days: string;
  tax_category: string;
  price_list: string;
  salesperson_id: string;
  addresses: (Address & { key: number })[];
  contacts: (Contact & { key: number })[];
}

let nextKey = 1;

function blankAddress(kind: Address["kind"]): Address & { key: number } {
  return { key: nextKey++, kind, default: false, name: "", line1: "", line2: "", city: "", region: "", postal_code: "", country: "" };
}

function blankContact(): Contact & { key: number } {
  return { key: nextKey++, name: "", email: "", phone: "", role: "" };
}

function draftOf(customer: Customer | null, priceListCode: string): Draft {
  if (!customer) {
    return {
      number: "",
      name: "",
      email: "",
      phone: "",
      city: "",
      country: "",
      currency: "USD",
      credit_limit: "0",
      payment_terms_days: "30",
      tax_category: "taxable",
      price_list: "",
      salesperson_id: "",
      addresses: [],
      contacts: [],
    };
  }
  return {
    number: customer.number,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    city: customer.city,
    country: customer.country,
    currency: customer.currency,
    credit_limit: customer.credit_limit,
    payment_terms_days: String(customer.payment_terms_days),
    tax_category: customer.tax_category,
    price_list: priceListCode,
    salesperson_id: customer.salesperson_id ? String(customer.salesperson_id) : "",
    addresses: (customer.addresses ?? []).map((address) => ({ ...address, key: nextKey++ })),
    contacts: (customer.contacts ?? []).map((contact) => ({ ...contact, key: nextKey++ })),
  };
}

// The body the API takes: numbers as numbers, empty optional text left out of a new customer.
function bodyOf(draft: Draft, creating: boolean): Record<string, unknown> {
  const terms = draft.payment_terms_days.trim();
  const body: Record<string, unknown> = {
    name: draft.name.trim(),
    email: draft.email.trim(),
    phone: draft.phone.trim(),
    city: draft.city.trim(),
    country: draft.country.trim().toUpperCase(),
    credit_limit: draft.credit_limit.trim() || "0",
    payment_terms_days: /^\d+$/.test(terms) ? Number(terms) : terms,
    tax_category: draft.tax_category,
    price_list: draft.price_list,
    salesperson_id: draft.salesperson_id ? Number(draft.salesperson_id) : 0,
    addresses: draft.addresses.map(({ key: _key, ...address }) => ({ ...address, country: address.country.trim().toUpperCase() })),
    contacts: draft.contacts.map(({ key: _key, ...contact }) => contact),
  };
  if (creating) {
    body.number = draft.number.trim();
    body.currency = draft.currency.trim().toUpperCase();
    for (const optional of ["email", "phone", "city", "country"]) {
      if (body[optional] === "") delete body[optional];
    }
  }
  return body;
}

export function CustomerForm({ id }: { id?: string }) {
  const customer = useLoad(
    async (signal) => {
      if (!id) {
        return { customer: null, priceListCode: "" };
      }
      const [found, lists] = await Promise.all([get<Customer>(`/api/v1/customers/${encodeURIComponent(id)}`, signal), loadPriceLists(signal)]);
      return { customer: found, priceListCode: lists.find((list) => list.id === found.price_list_id)?.code ?? "" };
    },
    `customer-form-${id ?? "new"}`,
  );
  if (customer.error) {
    return <ErrorNote message={customer.error} onRetry={customer.reload} />;
  }
  if (!customer.data) {
    return <Loading what="the customer" />;
  }
  return <CustomerEditor initial={draftOf(customer.data.customer, customer.data.priceListCode)} existing={customer.data.customer} />;
}

function CustomerEditor({ initial, existing }: { initial: Draft; existing: Customer | null }) {
  const { me, can } = useMe();
  const creating = existing === null;
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const priceLists = useLoad(loadPriceLists, "price-lists");
  const users = useLoad((signal) => (can("users.read") ? loadUsers(signal) : Promise.resolve(null)), "users");
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  useLeaveGuard(dirty && !saving);

  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => setDraft((d) => ({ ...d, [name]: value }));
  const setAddress = (index: number, patch: Partial<Address>) =>
    setDraft((d) => ({
      ...d,
      addresses: d.addresses.map((address, i) => {
        if (i === index) return { ...address, ...patch };
        // One default per kind: choosing one clears the others of its kind.
        if (patch.default && address.kind === d.addresses[index].kind) return { ...address, default: false };
        return address;
      }),
    }));
  const setContact = (index: number, patch: Partial<Contact>) =>
    setDraft((d) => ({ ...d, contacts: d.contacts.map((contact, i) => (i === index ? { ...contact, ...patch } : contact)) }));
  const removeAt = (list: "addresses" | "contacts", index: number) => {
    setDraft((d) => ({ ...d, [list]: d[list].filter((_, i) => i !== index) }));
    setErrors({}); // the indices of the API's errors no longer match
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSummary(null);
    try {
      const saved = creating
        ? await request<Customer>("POST", "/api/v1/customers", { body: bodyOf(draft, true), idempotencyKey: key.current })
        : await request<Customer>("PATCH", `/api/v1/customers/${existing.id}`, { body: bodyOf(draft, false) });
      navigate(`/sales/customers/${saved.id}`, { force: true });
    } catch (error) {
      setSaving(false);
      // The service names a negative credit limit by its internal field; show it beside the input.
      const refusal = refusalOf(error, "customer", { credit_limit_minor: "credit_limit" });
      if (refusal.answered) key.current = newIdempotencyKey();
      setErrors(refusal.errors);
      setSummary(refusal.summary);
    }
  };

  const listsInCurrency = (priceLists.data ?? []).filter((list) => list.currency === draft.currency.trim().toUpperCase() || list.code === draft.price_list);
  const salespeople = users.data?.filter((user) => user.status === "active" || String(user.id) === draft.salesperson_id);
  const known = new Set([
    "number", "name", "email", "phone", "city", "country", "currency", "credit_limit", "payment_terms_days", "tax_category", "price_list", "salesperson_id",
    ...draft.addresses.flatMap((_, i) => ["kind", "default", "name", "line1", "line2", "city", "region", "postal_code", "country"].map((f) => `addresses/${i}/${f}`)),
    ...draft.contacts.flatMap((_, i) => ["name", "email", "phone", "role"].map((f) => `contacts/${i}/${f}`)),
  ]);
  const text = (name: keyof Draft, label: string, options: { hint?: string; maxLength?: number; type?: string; autoFocus?: boolean; wide?: boolean } = {}) => (
    <Field label={label} error={errors[name]} hint={options.hint} className={options.wide ? "wide" : undefined}>
      {(p) => (
        <input
          {...p}
          name={name}
          type={options.type ?? "text"}
          value={draft[name] as string}
          onChange={(e) => set(name, e.target.value)}
          maxLength={options.maxLength}
          autoFocus={options.autoFocus}
        />
      )}
    </Field>
  );

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormSummary summary={summary} errors={errors} known={known} />
      <fieldset className="group">
        <legend>Customer</legend>
        <div className="form-grid">
          {creating ? text("number", "Number", { hint: "Unique, e.g. C-0042; never changes", maxLength: 32, autoFocus: true }) : <StaticField label="Number" value={draft.number} />}
          {text("name", "Name", { maxLength: 200, autoFocus: !creating, wide: true })}
          {text("email", "E-mail", { type: "email", maxLength: 200 })}
          {text("phone", "Phone", { type: "tel", maxLength: 32 })}
          {text("city", "City", { maxLength: 100 })}
          {text("country", "Country", { hint: "Two letters, e.g. US", maxLength: 2 })}
        </div>
      </fieldset>
      <fieldset className="group">
        <legend>Terms and pricing</legend>
        <div className="form-grid">
          {creating ? text("currency", "Currency", { hint: "Billed in it; never changes", maxLength: 3 }) : <StaticField label="Currency" value={draft.currency} />}
          <Field label="Credit limit" error={errors.credit_limit} hint={`In ${draft.currency || "the currency"}; 0 holds every order`}>
            {(p) => <input {...p} name="credit_limit" inputMode="decimal" className="amount" value={draft.credit_limit} onChange={(e) => set("credit_limit", e.target.value)} />}
          </Field>
          <Field label="Payment terms (days)" error={errors.payment_terms_days} hint="0 to 365">
            {(p) => <input {...p} name="payment_terms_days" inputMode="numeric" value={draft.payment_terms_days} onChange={(e) => set("payment_terms_days", e.target.value)} />}
          </Field>
          <Field label="Tax category" error={errors.tax_category}>
            {(p) => (
              <select {...p} name="tax_category" value={draft.tax_category} onChange={(e) => set("tax_category", e.target.value)}>
                <option value="taxable">Taxable</option>
                <option value="exempt">Exempt (resale, export)</option>
              </select>
            )}
          </Field>
          <Field label="Price list" error={errors.price_list} hint={priceLists.error ? `Price lists cannot be read: ${priceLists.error}` : "Only lists in the customer's currency"}>
            {(p) => (
              <select {...p} name="price_list" value={draft.price_list} onChange={(e) => set("price_list", e.target.value)}>
                <option value="">(none: the items' own prices)</option>
                {listsInCurrency.map((list) => (
                  <option key={list.code} value={list.code}>
                    {list.code} — {list.name} ({list.currency})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Salesperson" error={errors.salesperson_id} hint={salespeople ? undefined : "You may choose yourself; the full list needs users.read"}>
            {(p) => (
              <select {...p} name="salesperson_id" value={draft.salesperson_id} onChange={(e) => set("salesperson_id", e.target.value)}>
                <option value="">(none)</option>
                {salespeople
                  ? salespeople.map((user) => (
                      <option key={user.id} value={String(user.id)}>
                        {user.display_name} ({user.username})
                      </option>
                    ))
                  : [
                      <option key="me" value={String(me.user.id)}>
                        {me.user.display_name} (you)
                      </option>,
                      draft.salesperson_id && draft.salesperson_id !== String(me.user.id) && (
                        <option key="current" value={draft.salesperson_id}>
                          User #{draft.salesperson_id}
                        </option>
                      ),
                    ]}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>Addresses</legend>
        {errors.addresses && <p className="field-error">{errors.addresses}</p>}
        {draft.addresses.length === 0 && <p className="muted">No address yet.</p>}
        <div className="address-grid">
          {draft.addresses.map((address, index) => {
            const at = (field: string) => errors[`addresses/${index}/${field}`];
            const n = index + 1;
            const line = (field: keyof Address, label: string, maxLength: number, wide = false) => (
              <Field label={label} error={at(field)} className={wide ? "wide" : undefined}>
                {(p) => <input {...p} name={`addresses/${index}/${field}`} value={address[field] as string} maxLength={maxLength} onChange={(e) => setAddress(index, { [field]: e.target.value })} />}
              </Field>
            );
            return (
              <section key={address.key} className="sub-card" aria-label={`Address ${n}`} data-address={index}>
                <div className="sub-card-head">
                  <Field label={`Address ${n} kind`} error={at("kind")}>
                    {(p) => (
                      <select {...p} name={`addresses/${index}/kind`} value={address.kind} onChange={(e) => setAddress(index, { kind: e.target.value as Address["kind"], default: false })}>
                        <option value="billing">Billing</option>
                        <option value="shipping">Shipping</option>
                      </select>
                    )}
                  </Field>
                  <label className="check">
                    <input type="checkbox" checked={address.default} onChange={(e) => setAddress(index, { default: e.target.checked })} />
                    Default {address.kind} address
                  </label>
                  <button type="button" className="icon" onClick={() => removeAt("addresses", index)} aria-label={`Remove address ${n}`} title={`Remove address ${n}`}>
                    ×
                  </button>
                </div>
                <div className="form-grid compact">
                  {line("name", "Label", 200)}
                  {line("line1", "Street", 200, true)}
                  {line("line2", "Street, second line", 200, true)}
                  {line("postal_code", "Postal code", 20)}
                  {line("city", "City", 100)}
                  {line("region", "Region", 100)}
                  {line("country", "Country", 2)}
                </div>
              </section>
            );
          })}
        </div>
        <div className="form-actions tight">
          <button type="button" onClick={() => set("addresses", [...draft.addresses, blankAddress("billing")])}>
            + Billing address
          </button>
          <button type="button" onClick={() => set("addresses", [...draft.addresses, blankAddress("shipping")])}>
            + Shipping address
          </button>
        </div>
      </fieldset>

      <fieldset className="group">
        <legend>Contacts</legend>
        {errors.contacts && <p className="field-error">{errors.contacts}</p>}
        {draft.contacts.length === 0 ? (
          <p className="muted">No contact yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="lines">
              <caption className="visually-hidden">Contacts</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Role</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {draft.contacts.map((contact, index) => {
                  const n = index + 1;
                  const cell = (field: keyof Contact, label: string, maxLength: number) => (
                    <td>
                      <Field label={`Contact ${n} ${label}`} error={errors[`contacts/${index}/${field}`]} hideLabel>
                        {(p) => <input {...p} name={`contacts/${index}/${field}`} value={contact[field]} maxLength={maxLength} onChange={(e) => setContact(index, { [field]: e.target.value })} />}
                      </Field>
                    </td>
                  );
                  return (
                    <tr key={contact.key}>
                      {cell("name", "name", 200)}
                      {cell("email", "e-mail", 200)}
                      {cell("phone", "phone", 32)}
                      {cell("role", "role", 100)}
                      <td>
                        <button type="button" className="icon" onClick={() => removeAt("contacts", index)} aria-label={`Remove contact ${n}`} title={`Remove contact ${n}`}>
                          ×
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div className="form-actions tight">
          <button type="button" onClick={() => set("contacts", [...draft.contacts, blankContact()])}>
            + Contact
          </button>
        </div>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving} data-shortcut="save">
          {saving ? "Saving…" : creating ? "Create customer" : "Save changes"}
        </button>
        <Link className="button" to={creating ? "/sales/customers" : `/sales/customers/${existing.id}`}>
          Cancel
        </Link>
        <span className="muted">{dirty ? "Unsaved changes. " : ""}Ctrl+S saves.</span>
      </div>
    </form>
  );
}
