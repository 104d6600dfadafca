import { formatBytes, formatCount, formatSI } from '../report/format.js';
import { escapeHtml } from '../report/report-html.js';
import { formatShare } from '../report/svg-kit.js';

/** How a number of the commentary is written. */
export type FigureFormat =
  | 'share'
  | 'utilization'
  | 'joules'
  | 'seconds'
  | 'ratio'
  | 'factor'
  | 'bytes'
  | 'bytesPerMac'
  | 'intensity'
  | 'opsPerSecond'
  | 'bandwidth'
  | 'count';

const sig3 = (v: number) => String(Number(v.toPrecision(3)));

/** A utilization: two significant digits below 10% ("0.055%", "1.4%"), one decimal above ("44.0%"). */
function formatUtilization(v: number): string {
  if (v <= 0) return '0%';
  return 100 * v < 10 ? `${Number((100 * v).toPrecision(2))}%` : `${(100 * v).toFixed(1)}%`;
}

/** The text of a commentary number: the page shows exactly this, so tests can compare. */
export function formatFigure(value: number, format: FigureFormat): string {
  switch (format) {
    case 'share':
      return formatShare(value);
    case 'utilization':
      return formatUtilization(value);
    case 'joules':
      return formatSI(value, 'J');
    case 'seconds':
      return formatSI(value, 's');
    case 'ratio':
      return `${sig3(value)}×`;
    case 'factor':
      return value > 0 && value < 1 ? `1/${Math.round(1 / value)}×` : `${sig3(value)}×`;
    case 'bytes':
      return formatBytes(value);
    case 'bytesPerMac':
      return `${value === 0 ? '0' : sig3(value)} B/MAC`;
    case 'intensity':
      return `${value >= 1000 ? formatSI(value, '').trim() : sig3(value)} op/B`;
    case 'opsPerSecond':
      return formatSI(value, 'op/s');
    case 'bandwidth':
      return formatSI(value, 'B/s');
    case 'count':
      return formatCount(value);
  }
}

/** A number of the commentary, under the key tests and the page know it by. */
export interface Figure {
  readonly key: string;
  readonly value: number;
  readonly format: FigureFormat;
}

/** A name from the results (a layer, a design, a workload): shown as code, never a number. */
export interface Name {
  readonly name: string;
}

export const fig = (key: string, value: number, format: FigureFormat): Figure => ({ key, value, format });
export const nm = (name: string): Name => ({ name });

type Part = Figure | Name | Sentence | string;

/**
 * A sentence (or a fragment of one, embeddable in `say`) as plain text and as HTML: figures in
 * `span.figure[data-figure]`, names in `code`.
 */
export interface Sentence {
  readonly text: string;
  readonly html: string;
}

/**
 * Collects sentences whose numbers are all `Figure`s: a tagged template takes only figures,
 * names and words, so a number cannot slip into the text without being recorded (and checked).
 */
export class SentenceWriter {
  readonly figures: Record<string, number> = {};
  readonly formats: Record<string, FigureFormat> = {};

  /** Builds one sentence. */
  say(strings: TemplateStringsArray, ...parts: Part[]): Sentence {
    let text = '';
    let html = '';
    strings.forEach((s, i) => {
      text += s;
      html += escapeHtml(s);
      if (i >= parts.length) return;
      const p = parts[i];
      if (typeof p === 'string') {
        text += p;
        html += escapeHtml(p);
      } else if ('html' in p) {
        text += p.text;
        html += p.html;
      } else if ('name' in p) {
        text += p.name;
        html += `<code>${escapeHtml(p.name)}</code>`;
      } else {
        const shown = this.record(p);
        text += shown;
        html += `<span class="figure" data-figure="${escapeHtml(p.key)}">${escapeHtml(shown)}</span>`;
      }
    });
    return { text, html };
  }

  /** Records a figure (one value per key) and returns its text. */
  private record(f: Figure): string {
    if (!Number.isFinite(f.value)) throw new Error(`commentary figure "${f.key}" is ${f.value}: a bug, not a number to print`);
    if (f.key in this.figures && (this.figures[f.key] !== f.value || this.formats[f.key] !== f.format)) {
      throw new Error(`commentary figure "${f.key}" used with two values (${this.figures[f.key]} and ${f.value})`);
    }
    this.figures[f.key] = f.value;
    this.formats[f.key] = f.format;
    return formatFigure(f.value, f.format);
  }

  /** A list such as "a (1), b (2) and c (3)" as one fragment, to embed in `say`. */
  list(items: readonly Sentence[]): Sentence {
    const join = (xs: readonly string[]) =>
      xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
    return { text: join(items.map((s) => s.text)), html: join(items.map((s) => s.html)) };
  }
}

/** The larger of two amounts over the smaller. */
export const ratio = (a: number, b: number) => Math.max(a, b) / Math.min(a, b);

/** `one` for 1, `many` otherwise. */
export const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
