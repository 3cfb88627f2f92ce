/**
 * A horizontal bar chart drawn as server-rendered SVG, with the same numbers
 * in a data table below it. Horizontal bars keep every label readable on a
 * 320 px screen: each category's name sits above its bars and each bar has its
 * value written at its end. Series differ by pattern (solid, stripes, dots,
 * outline) and a legend, never by colour alone; all ink is `currentColor`
 * from the NL Design System tokens.
 */
import { DataTable } from "./nlds.tsx";

export type ChartRow = {
  key: string;
  /** Short label in the chart, e.g. "Week 7" or "Thema III". */
  label: string;
  /** Longer label in the table (defaults to `label`). */
  tableLabel?: string;
  values: number[];
};

export type ChartSpec = {
  /** Unique on the page: ids of the title, description and patterns derive from it. */
  id: string;
  title: string;
  /** What the chart shows and its most notable numbers, for screen readers. */
  description: string;
  caption: string;
  categoryHeader: string;
  /** One label per value in a row; more than one series gets a legend. */
  series: string[];
  rows: ChartRow[];
  /** A last table row (e.g. the total); not drawn in the chart. */
  total?: { label: string; values: number[] };
  /** An extra table column that is not drawn, e.g. a median per row. */
  extra?: { header: string; cells: string[] };
  /** Label of the table's disclosure. */
  tableSummary: string;
};

const WIDTH = 320;
const PLOT_START = 8;
const PLOT_END = WIDTH - 44;
const BAR = 14;
const BAR_GAP = 3;
const LABEL_LINE = 18;
const GROUP_GAP = 10;
const LEGEND_LINE = 20;
const AXIS = 30;
const FONT = 13;

/** Round step for about four ticks: 1, 2, 5, 10, 20, 50, ... */
export function axisTicks(max: number): number[] {
  const top = Math.max(1, max);
  const rough = top / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude);
  const ticks: number[] = [];
  for (let value = 0; value < top + step; value += step) {
    ticks.push(value);
    if (value >= top) break;
  }
  return ticks;
}

function Fill({ id, index }: { id: string; index: number }) {
  switch (index % 4) {
    case 1:
      return (
        <pattern id={`${id}-fill-1`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" strokeWidth="3" />
        </pattern>
      );
    case 2:
      return (
        <pattern id={`${id}-fill-2`} width="5" height="5" patternUnits="userSpaceOnUse">
          <circle cx="2.5" cy="2.5" r="1.5" fill="currentColor" />
        </pattern>
      );
    default:
      return null;
  }
}

function fillOf(id: string, index: number): string {
  switch (index % 4) {
    case 0:
      return "currentColor";
    case 3:
      return "none";
    default:
      return `url(#${id}-fill-${index % 4})`;
  }
}

export function BarChart({ chart }: { chart: ChartSpec }) {
  const { id, series, rows } = chart;
  const max = Math.max(0, ...rows.flatMap((row) => row.values));
  const ticks = axisTicks(max);
  const axisMax = ticks.at(-1)!;
  const x = (value: number) => PLOT_START + (value / axisMax) * (PLOT_END - PLOT_START);
  const legendHeight = series.length > 1 ? series.length * LEGEND_LINE + 6 : 0;
  const groupHeight = LABEL_LINE + series.length * (BAR + BAR_GAP) + GROUP_GAP;
  const plotTop = legendHeight;
  const plotBottom = plotTop + rows.length * groupHeight;
  const height = plotBottom + AXIS;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;

  return (
    <figure className="inspraak-chart" style={{ margin: 0 }}>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        style={{ display: "block", maxInlineSize: "30rem", blockSize: "auto", color: "var(--basis-color-default-color-document, currentColor)" }}
        fontSize={FONT}
        fontFamily="inherit"
      >
        <title id={titleId}>{chart.title}</title>
        <desc id={descId}>{chart.description}</desc>
        <defs>
          {series.map((_, index) => (
            <Fill key={index} id={id} index={index} />
          ))}
        </defs>

        {series.length > 1 ? (
          <g className="inspraak-chart__legend">
            {series.map((name, index) => (
              <g key={name} transform={`translate(${PLOT_START} ${index * LEGEND_LINE})`}>
                <rect x="0.5" y="2.5" width="14" height="14" fill={fillOf(id, index)} stroke="currentColor" />
                <text x="22" y="14" fill="currentColor">
                  {name}
                </text>
              </g>
            ))}
          </g>
        ) : null}

        {/* Grid lines at the ticks, then the bars over them. */}
        <g stroke="var(--basis-color-default-border-subtle, #ccc)" strokeWidth="1" aria-hidden="true">
          {ticks.slice(1).map((tick) => (
            <line key={tick} x1={x(tick)} x2={x(tick)} y1={plotTop} y2={plotBottom} strokeDasharray="2 3" />
          ))}
        </g>

        {rows.map((row, rowIndex) => {
          const top = plotTop + rowIndex * groupHeight;
          return (
            <g key={row.key}>
              <text x={PLOT_START} y={top + FONT} fill="currentColor" fontWeight="700">
                {row.label}
              </text>
              {row.values.map((value, index) => {
                const barTop = top + LABEL_LINE + index * (BAR + BAR_GAP);
                const end = x(value);
                return (
                  <g key={index}>
                    {value > 0 ? (
                      <rect
                        x={PLOT_START}
                        y={barTop}
                        width={Math.max(1, end - PLOT_START)}
                        height={BAR}
                        fill={fillOf(id, index)}
                        stroke="currentColor"
                        strokeWidth="1"
                      />
                    ) : null}
                    <text x={end + 4} y={barTop + BAR - 3} fill="currentColor" fontSize={FONT - 1} className="inspraak-chart__value">
                      {value}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}

        <g className="inspraak-chart__axis">
          <line x1={PLOT_START} x2={PLOT_START} y1={plotTop} y2={plotBottom} stroke="currentColor" />
          <line x1={PLOT_START} x2={PLOT_END} y1={plotBottom} y2={plotBottom} stroke="currentColor" />
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={x(tick)} x2={x(tick)} y1={plotBottom} y2={plotBottom + 5} stroke="currentColor" />
              <text x={x(tick)} y={plotBottom + 19} textAnchor="middle" fill="currentColor" fontSize={FONT - 1}>
                {tick}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <details className="inspraak-chart__table">
        <summary className="utrecht-paragraph">{chart.tableSummary}</summary>
        <DataTable caption={chart.caption} columns={[chart.categoryHeader, ...series, ...(chart.extra ? [chart.extra.header] : [])]}>
          {rows.map((row, rowIndex) => (
            <tr key={row.key} className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {row.tableLabel ?? row.label}
              </th>
              {row.values.map((value, index) => (
                <td key={index} className="utrecht-table__cell utrecht-table__cell--numeric-data">
                  {value}
                </td>
              ))}
              {chart.extra ? <td className="utrecht-table__cell">{chart.extra.cells[rowIndex]}</td> : null}
            </tr>
          ))}
          {chart.total ? (
            <tr className="utrecht-table__row">
              <th scope="row" className="utrecht-table__header-cell">
                {chart.total.label}
              </th>
              {chart.total.values.map((value, index) => (
                <td key={index} className="utrecht-table__cell utrecht-table__cell--numeric-data">
                  {value}
                </td>
              ))}
              {chart.extra ? <td className="utrecht-table__cell" /> : null}
            </tr>
          ) : null}
        </DataTable>
      </details>
    </figure>
  );
}
