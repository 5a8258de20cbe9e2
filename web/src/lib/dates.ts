// Calendar dates as YYYY-MM-DD strings (the API's form); ranges are half-open [from, to).

export function today(): string {
  const now = new Date();
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// The first day of the month `offset` months from the month of `date`.
export function monthStart(date: string, offset = 0): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + offset;
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return isoDate(y, m + 1, 1);
}

export function yearStart(date: string): string {
  return `${date.slice(0, 4)}-01-01`;
}

export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function monthLabel(date: string): string {
  return `${monthNames[Number(date.slice(5, 7)) - 1]} ${date.slice(2, 4)}`;
}

export function formatInstant(text: string): string {
  return text.replace("T", " ").replace(/\.\d+Z$/, "Z").replace(/Z$/, " UTC");
}
