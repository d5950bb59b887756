// Shared helpers of the benchmark: timing (wall and CPU), medians and percentiles, heap,
// and Markdown tables. Figures are printed, never asserted.
import { performance } from 'node:perf_hooks';

export const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

export interface Sample {
  /** Wall-clock milliseconds. */
  wall: number;
  /** CPU milliseconds of this process (user + system): less disturbed by other processes on a busy machine. */
  cpu: number;
  /** Minor page faults of this process meanwhile: fresh pages touched (costly on this VM; floor.ts). */
  faults?: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((s.length * p) / 100) - 1))];
}

/** Times one synchronous call. */
export function timeSync<T>(fn: () => T): { result: T; sample: Sample } {
  const f0 = process.resourceUsage().minorPageFault;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const faults = process.resourceUsage().minorPageFault - f0;
  return { result, sample: { wall, cpu: (c.user + c.system) / 1000, faults } };
}

/** Times one asynchronous call (CPU includes whatever else the process ran meanwhile). */
export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ result: T; sample: Sample }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { result, sample: { wall, cpu: (c.user + c.system) / 1000 } };
}

/** Median wall and median CPU of several samples. */
export function medianSample(samples: readonly Sample[]): Sample {
  const faults = samples.every((s) => s.faults !== undefined) ? median(samples.map((s) => s.faults!)) : undefined;
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), faults };
}

/** Heap in use after a full collection (needs --expose-gc; else an uncollected reading). */
export function heapUsed(): number {
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

export function ms(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x < 1) return `${x.toFixed(3)} ms`;
  if (x < 10) return `${x.toFixed(2)} ms`;
  if (x < 1000) return `${x.toFixed(1)} ms`;
  return `${(x / 1000).toFixed(2)} s`;
}

/** "12.3 ms (cpu 11.0)" */
export function wallCpu(s: Sample): string {
  return `${ms(s.wall)} (cpu ${ms(s.cpu)})`;
}

export function size(chars: number): string {
  if (chars < 1e6) return `${(chars / 1e3).toFixed(0)} KB`;
  return `${(chars / 1e6).toFixed(chars < 1e7 ? 2 : 1)} MB`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  const r = a / b;
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`;
}

/** A Markdown table: header row, alignment row (numbers right-aligned), rows. */
export function table(header: string[], rows: Array<Array<string | number>>, rightFrom = 1): string {
  const line = (cells: Array<string | number>) => '| ' + cells.join(' | ') + ' |';
  const align = header.map((_, i) => (i >= rightFrom ? '---:' : '---'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

export function section(title: string): void {
  console.log('');
  console.log(`## ${title}`);
  console.log('');
}

/** Lets pending I/O and timers run (between async measurements). */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function sleep(msDelay: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, msDelay));
}
