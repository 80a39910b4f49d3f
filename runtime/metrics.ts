/**
 * A tiny Prometheus registry: counters and gauges with labels, rendered in the
 * text exposition format (https://prometheus.io/docs/instrumenting/exposition_formats/).
 *
 * Why not prom-client: we need four series per process and no histograms; 80 lines
 * avoid a dependency and its global default registry (no module-level state here).
 */

type Labels = Record<string, string>;

interface Series {
  name: string;
  help: string;
  type: "counter" | "gauge";
  values: Map<string, { labels: Labels; value: number }>;
}

/** A counter or gauge; `labels` must use the names declared at creation. */
export interface Metric {
  inc(labels?: Labels, by?: number): void;
  /** Gauges only: set to an absolute value. */
  set(labels: Labels, value: number): void;
  get(labels?: Labels): number;
}

export interface MetricsRegistry {
  counter(name: string, help: string): Metric;
  gauge(name: string, help: string): Metric;
  /** All series in the Prometheus text format. */
  render(): string;
}

const keyOf = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ""}`)
    .join(",");

const escapeLabel = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

function renderLabels(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return "";
  return `{${keys.map((k) => `${k}="${escapeLabel(labels[k] ?? "")}"`).join(",")}}`;
}

/** A fresh registry; one per process, created in the composition root. */
export function createMetrics(): MetricsRegistry {
  const all = new Map<string, Series>();

  function define(name: string, help: string, type: Series["type"]): Metric {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) throw new RangeError(`bad metric name ${name}`);
    const existing = all.get(name);
    const series: Series = existing ?? { name, help, type, values: new Map() };
    all.set(name, series);
    const entry = (labels: Labels) => {
      const key = keyOf(labels);
      let found = series.values.get(key);
      if (found === undefined)
        series.values.set(key, (found = { labels: { ...labels }, value: 0 }));
      return found;
    };
    return {
      inc(labels = {}, by = 1) {
        if (type === "counter" && by < 0) throw new RangeError("a counter only goes up");
        entry(labels).value += by;
      },
      set(labels, value) {
        if (type !== "gauge") throw new TypeError(`${name} is a counter`);
        entry(labels).value = value;
      },
      get(labels = {}) {
        return series.values.get(keyOf(labels))?.value ?? 0;
      },
    };
  }

  return {
    counter: (name, help) => define(name, help, "counter"),
    gauge: (name, help) => define(name, help, "gauge"),
    render() {
      const lines: string[] = [];
      for (const s of all.values()) {
        lines.push(`# HELP ${s.name} ${s.help.replace(/\n/g, " ")}`, `# TYPE ${s.name} ${s.type}`);
        for (const { labels, value } of s.values.values()) {
          lines.push(`${s.name}${renderLabels(labels)} ${Number.isFinite(value) ? value : 0}`);
        }
      }
      return `${lines.join("\n")}\n`;
    },
  };
}
