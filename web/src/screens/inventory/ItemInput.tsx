// A SKU input that suggests items as one types: GET /api/v1/items?q=… (SKU, description or
// barcode) fills a datalist, a few hundred milliseconds after the last key; `onResolve` hears of
// the item whose SKU is typed in full (null when none is).
import { type InputHTMLAttributes, useEffect, useId, useState } from "react";
import { type Page, get, withQuery } from "../../lib/api";
import type { Item } from "./model";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "list"> & {
  value: string;
  onChange: (sku: string, item: Item | null) => void;
  onResolve?: (item: Item | null) => void;
  kind?: "stocked" | "service";
};

export function ItemInput({ value, onChange, onResolve, kind, ...rest }: Props) {
  const listId = useId();
  const [suggestions, setSuggestions] = useState<Item[]>([]);
  useEffect(() => {
    const text = value.trim();
    if (!text) {
      setSuggestions([]);
      return undefined;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      get<Page<Item>>(withQuery("/api/v1/items", { q: text, kind, active: "true", limit: "12" }), controller.signal)
        .then((page) => {
          setSuggestions(page.items);
          onResolve?.(page.items.find((item) => item.sku.toLowerCase() === text.toLowerCase()) ?? null);
        })
        .catch(() => undefined); // suggestions only: the server judges the SKU on save
    }, 200);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, kind]);
  return (
    <>
      <input
        {...rest}
        value={value}
        list={listId}
        autoComplete="off"
        className="sku-input"
        onChange={(event) => {
          const sku = event.target.value;
          onChange(sku, suggestions.find((item) => item.sku === sku) ?? null);
        }}
      />
      <datalist id={listId}>
        {suggestions.map((item) => (
          <option key={item.id} value={item.sku}>
            {item.description}
          </option>
        ))}
      </datalist>
    </>
  );
}
