/**
 * The charts a manager would rather look at than read (issue 6, point 5), drawn with recharts
 * and loaded only with the report pages that show them. Every chart is a <figure> with a
 * caption, the drawing is one image with a spoken summary of its numbers (role="img" +
 * aria-label), and the page shows the table behind it, so nothing is told by the chart alone.
 * Horizontal bars: the category names stay readable on a 360 px phone.
 */
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, XAxis, YAxis } from "recharts";

const INK = "#1a1a1a";
const GRID = "#d6d6d6";
/** DKFDS-like colours, each at least 3:1 against white; bars are also told apart by order and legend. */
export const SERIES_COLOURS = ["#0059b3", "#358000", "#a15a00", "#6b2c91"] as const;

const TICK = { fill: INK, fontSize: 13 };

export interface BarDatum {
  /** The category's name as the axis shows it. */
  label: string;
  /** Bar lengths per series (a suppressed figure is 0). */
  values: number[];
  /** What each bar's label says ("42", "under 5"). */
  texts: string[];
}

export interface Series {
  name: string;
}

export function ChartFigure({
  id,
  caption,
  summary,
  children,
}: {
  id: string;
  caption: string;
  summary: string;
  children: ReactNode;
}) {
  return (
    <figure className="report-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="report-figcaption">
        {caption}
      </figcaption>
      <div role="img" aria-label={summary} className="report-chart" data-testid={`${id}-chart`}>
        {children}
      </div>
    </figure>
  );
}

/**
 * One horizontal bar per category and series. The height grows with the bars, so a bar and
 * its label never get squeezed; the category axis is as wide as its longest name allows.
 */
export function HorizontalBars({
  data,
  series,
  axisWidth = 112,
}: {
  data: BarDatum[];
  series: Series[];
  axisWidth?: number;
}) {
  const rows = data.map((d) => {
    const row: Record<string, string | number> = { label: d.label };
    series.forEach((_, i) => {
      row[`v${i}`] = d.values[i] ?? 0;
      row[`t${i}`] = d.texts[i] ?? "";
    });
    return row;
  });
  const barSize = series.length > 1 ? 14 : 22;
  const height = Math.max(
    160,
    data.length * (series.length * (barSize + 4) + 18) + (series.length > 1 ? 72 : 40),
  );
  return (
    <BarChart
      responsive
      style={{ width: "100%", height }}
      data={rows}
      layout="vertical"
      accessibilityLayer={false}
      margin={{ top: 4, right: 56, bottom: 4, left: 0 }}
      barCategoryGap={8}
      barGap={2}
    >
      <CartesianGrid horizontal={false} stroke={GRID} />
      <XAxis type="number" allowDecimals={false} tick={TICK} stroke={INK} />
      <YAxis type="category" dataKey="label" width={axisWidth} tick={TICK} stroke={INK} interval={0} />
      {series.map((s, i) => (
        <Bar
          key={s.name}
          dataKey={`v${i}`}
          name={s.name}
          fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}
          barSize={barSize}
          minPointSize={2}
          isAnimationActive={false}
        >
          <LabelList dataKey={`t${i}`} position="right" fill={INK} fontSize={13} />
        </Bar>
      ))}
      {series.length > 1 ? (
        <Legend
          verticalAlign="top"
          align="left"
          itemSorter={null}
          wrapperStyle={{ color: INK, fontSize: 14, paddingBottom: 8 }}
        />
      ) : null}
    </BarChart>
  );
}
