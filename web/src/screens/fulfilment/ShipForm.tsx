// The shipping half every shipment shares: carrier, service, tracking number and the packages
// (weight in kg, sent as grams; dimensions in mm). `lines` (ship now) adds the quantity per
// order line. Posts POST /api/v1/shipments (useSubmit: a retry after a lost answer ships
// once); the API's field errors show beside their fields (`packages/0/weight_grams`, `lines/2/quantity`).
import { type FormEvent, type ReactNode, useState } from "react";
import { navigate, useLeaveGuard } from "../../lib/router";
import { Field } from "../../components/Field";
import { useSubmit } from "../../components/useSubmit";
import { parseMilli } from "../inventory/model";
import { FormSummary } from "../sales/parts";
import type { Shipment } from "./model";

interface PackageDraft {
  key: number;
  weight: string;
  length: string;
  width: string;
  height: string;
}

export interface ShipLineChoice {
  line_number: number; // the order line
  label: ReactNode;
  available: string; // what this shipment can take, as the screen knows it
}

interface ShipFormProps {
  order: number;
  pickList?: number;
  lines?: ShipLineChoice[];
  submitLabel: string;
  onShipped?: (shipment: Shipment) => void;
}

let nextKey = 1;
const blankPackage = (): PackageDraft => ({ key: nextKey++, weight: "", length: "", width: "", height: "" });

// "2.5" kg -> 2500 g; undefined when empty; NaN-free: a bad value goes to the server as 0 so
// that its reason ("must be between 1 and …") shows beside the field.
function grams(text: string): number | undefined {
  if (!text.trim()) {
    return undefined;
  }
  const milli = parseMilli(text);
  return milli === null ? 0 : Number(milli);
}

function millimetres(text: string): number | undefined {
  if (!text.trim()) {
    return undefined;
  }
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : 0;
}

export function ShipForm({ order, pickList, lines, submitLabel, onShipped }: ShipFormProps) {
  const [carrier, setCarrier] = useState("");
  const [service, setService] = useState("");
  const [tracking, setTracking] = useState("");
  const [packages, setPackages] = useState<PackageDraft[]>(() => [blankPackage()]);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [dirty, setDirty] = useState(false);
  const { refusal, errors, busy, submit: post, clear } = useSubmit("shipment");
  useLeaveGuard(dirty && !busy);
  const touch = () => setDirty(true);
  const setPackage = (index: number, values: Partial<PackageDraft>) => {
    touch();
    setPackages((all) => all.map((p, i) => (i === index ? { ...p, ...values } : p)));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = (lines ?? []).filter((line) => (quantities[line.line_number] ?? "").trim() !== "");
    const body = {
      order,
      pick_list: pickList,
      carrier: carrier.trim(),
      service: service.trim() || undefined,
      tracking_number: tracking.trim() || undefined,
      packages: packages.map((p) => ({
        weight_grams: grams(p.weight),
        length_mm: millimetres(p.length),
        width_mm: millimetres(p.width),
        height_mm: millimetres(p.height),
      })),
      lines: chosen.length > 0 ? chosen.map((line) => ({ line_number: line.line_number, quantity: quantities[line.line_number].trim() })) : undefined,
    };
    const shipment = await post<Shipment>("/api/v1/shipments", body, lineAliases(chosen));
    if (!shipment) {
      return;
    }
    setDirty(false);
    if (onShipped) {
      onShipped(shipment);
    } else {
      navigate(`/fulfilment/shipments/${shipment.id}`, { force: true });
    }
  };

  const known = new Set(["carrier", "service", "tracking_number", ...packages.flatMap((_, i) => packageFields.map((f) => `packages/${i}/${f}`))]);
  (lines ?? []).forEach((line) => known.add(`ship/${line.line_number}`));
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Shipment">
      <FormSummary summary={refusal?.summary ?? null} errors={errors} known={known} />
      {lines && lines.length > 0 && (
        <div className="table-scroll">
          <table className="lines">
            <caption className="visually-hidden">Quantities to ship</caption>
            <thead>
              <tr>
                <th scope="col">Order line</th>
                <th scope="col" className="num">Can ship</th>
                <th scope="col" className="num">Ship now</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.line_number} data-ship-line={line.line_number}>
                  <td>{line.label}</td>
                  <td className="num">{line.available}</td>
                  <td className="num">
                    <Field label={`Quantity to ship of line ${line.line_number}`} hideLabel error={errors[`ship/${line.line_number}`]}>
                      {(p) => (
                        <input
                          {...p}
                          className="short"
                          inputMode="decimal"
                          placeholder="all"
                          value={quantities[line.line_number] ?? ""}
                          onChange={(e) => {
                            touch();
                            setQuantities({ ...quantities, [line.line_number]: e.target.value });
                          }}
                        />
                      )}
                    </Field>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">Leave a quantity empty to ship everything that line can ship.</p>
        </div>
      )}
      <div className="form-grid">
        <Field label="Carrier" error={errors.carrier}>
          {(p) => <input {...p} value={carrier} onChange={(e) => (touch(), setCarrier(e.target.value))} maxLength={100} required autoComplete="off" />}
        </Field>
        <Field label="Service" error={errors.service} hint="e.g. Ground, Express">
          {(p) => <input {...p} value={service} onChange={(e) => (touch(), setService(e.target.value))} maxLength={100} />}
        </Field>
        <Field label="Tracking number" error={errors.tracking_number}>
          {(p) => <input {...p} value={tracking} onChange={(e) => (touch(), setTracking(e.target.value))} maxLength={100} />}
        </Field>
      </div>
      <fieldset className="group">
        <legend>Packages</legend>
        {packages.map((p, index) => (
          <div key={p.key} className="form-grid compact package-row" role="group" aria-label={`Package ${index + 1}`}>
            <Field label={`Package ${index + 1} weight (kg)`} error={inGrams(errors[`packages/${index}/weight_grams`])}>
              {(f) => <input {...f} inputMode="decimal" value={p.weight} onChange={(e) => setPackage(index, { weight: e.target.value })} />}
            </Field>
            <Field label="Length (mm)" error={errors[`packages/${index}/length_mm`]}>
              {(f) => <input {...f} inputMode="numeric" value={p.length} onChange={(e) => setPackage(index, { length: e.target.value })} />}
            </Field>
            <Field label="Width (mm)" error={errors[`packages/${index}/width_mm`]}>
              {(f) => <input {...f} inputMode="numeric" value={p.width} onChange={(e) => setPackage(index, { width: e.target.value })} />}
            </Field>
            <Field label="Height (mm)" error={errors[`packages/${index}/height_mm`]}>
              {(f) => <input {...f} inputMode="numeric" value={p.height} onChange={(e) => setPackage(index, { height: e.target.value })} />}
            </Field>
            {packages.length > 1 && (
              <div className="field">
                <span className="label" aria-hidden="true">
                  &nbsp;
                </span>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Remove package ${index + 1}`}
                  title={`Remove package ${index + 1}`}
                  onClick={() => (touch(), setPackages(packages.filter((_, i) => i !== index)), clear())}
                >
                  ×
                </button>
              </div>
            )}
          </div>
        ))}
        <button type="button" onClick={() => (touch(), setPackages([...packages, blankPackage()]))}>
          + Package
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-shortcut="save">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

const packageFields = ["weight_grams", "length_mm", "width_mm", "height_mm"];

// The API counts weight in grams; the form asks for kilograms: say which unit the reason uses.
function inGrams(reason: string | undefined): string | undefined {
  return reason && `in grams, ${reason}`;
}

// The API names a line by its index in the `lines` sent; the form shows it by order line.
function lineAliases(chosen: ShipLineChoice[]): Record<string, string> {
  const aliases: Record<string, string> = {};
  chosen.forEach((line, index) => {
    aliases[`lines/${index}/quantity`] = `ship/${line.line_number}`;
    aliases[`lines/${index}/line_number`] = `ship/${line.line_number}`;
  });
  return aliases;
}
