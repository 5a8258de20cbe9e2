// Money on the wire is a decimal string beside its currency ("1234.56" USD), never a number.
// Sums are exact: amounts are parsed into BigInt minor units, never floats.

const decimalsByCurrency: Record<string, number> = {
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

export function decimalsOf(currency: string): number {
  return decimalsByCurrency[currency] ?? 2;
}

const amountPattern = /^-?\d{1,19}(\.\d+)?$/;

// Minor units of `text` in `currency`, or null when it is not a plain decimal with at most the
// currency's decimals (the server says why; this only keeps the running totals honest).
export function parseMinor(text: string, currency: string): bigint | null {
  const trimmed = text.trim();
  if (!amountPattern.test(trimmed)) {
    return null;
  }
  const decimals = decimalsOf(currency);
  const negative = trimmed.startsWith("-");
  const [whole, fraction = ""] = (negative ? trimmed.slice(1) : trimmed).split(".");
  if (fraction.length > decimals) {
    return null;
  }
  const minor = BigInt(whole + fraction.padEnd(decimals, "0"));
  return negative ? -minor : minor;
}

export function formatMinor(minor: bigint, currency: string): string {
  const decimals = decimalsOf(currency);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(decimals + 1, "0");
  const whole = BigInt(digits.slice(0, digits.length - decimals)).toLocaleString("en-US");
  const fraction = decimals > 0 ? "." + digits.slice(digits.length - decimals) : "";
  return (negative ? "-" : "") + whole + fraction;
}

// "1234.5" -> "1,234.50" in the currency's decimals; the text as given when it does not parse.
export function formatAmount(text: string, currency: string): string {
  const minor = parseMinor(text, currency);
  return minor === null ? text : formatMinor(minor, currency);
}

export function isZero(text: string): boolean {
  return /^-?0*(\.0*)?$/.test(text.trim());
}
