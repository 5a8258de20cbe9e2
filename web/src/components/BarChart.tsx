// A grouped bar chart in plain SVG (no chart library): one group per month, one bar per series.
// Values are minor units (BigInt) and are scaled to integer pixel heights. A data table with the
// same figures follows the chart for screen readers and for exact numbers.
import { useId } from "react";
import { formatMinor } from "../lib/money";

export interface Series {
  name: string;
  className: string;
  values: bigint[];
}

interface BarChartProps {
  title: string;
  labels: string[];
  series: Series[];
  currency: string;
}

const width = 640;
const height = 240;
const margin = { top: 16, right: 8, bottom: 28, left: 8 };

export function BarChart({ title, labels, series, currency }: BarChartProps) {
  const titleId = useId(); // several charts on one page: each its own title
  const max = series.flatMap((s) => s.values).reduce((m, v) => (v > m ? v : m), 1n);
  const plotHeight = height - margin.top - margin.bottom;
  const groupWidth = (width - margin.left - margin.right) / Math.max(1, labels.length);
  const barWidth = Math.max(4, (groupWidth * 0.7) / Math.max(1, series.length));
  const scale = (value: bigint) => (value <= 0n ? 0 : Number((value * BigInt(plotHeight)) / max));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
        <title id={titleId}>{title}</title>
        <line x1={margin.left} x2={width - margin.right} y1={height - margin.bottom} y2={height - margin.bottom} className="axis" />
        {labels.map((label, i) => {
          const x0 = margin.left + i * groupWidth + (groupWidth - barWidth * series.length) / 2;
          return (
            <g key={label}>
              {series.map((s, j) => {
                const h = scale(s.values[i] ?? 0n);
                return (
                  <rect key={s.name} x={x0 + j * barWidth} y={height - margin.bottom - h} width={barWidth - 2} height={h} className={s.className}>
                    <title>{`${s.name} ${label}: ${formatMinor(s.values[i] ?? 0n, currency)} ${currency}`}</title>
                  </rect>
                );
              })}
              <text x={margin.left + i * groupWidth + groupWidth / 2} y={height - 8} textAnchor="middle" className="tick">
                {label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {series.map((s) => (
          <span key={s.name}>
            <span className={`swatch ${s.className}`} aria-hidden="true" /> {s.name}
          </span>
        ))}
      </figcaption>
      <details>
        <summary>Figures</summary>
        <table className="data">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {series.map((s) => (
                <th key={s.name} scope="col" className="num">
                  {s.name} ({currency})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s) => (
                  <td key={s.name} className="num">
                    {formatMinor(s.values[i] ?? 0n, currency)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
