// A CPU profile of a synchronous call through the inspector, summarised as the functions
// with the most self time: the excerpt the lead needs to see where parse time goes.
import { Session } from 'node:inspector';
import { findSourceMap } from 'node:module';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))),
  );
}

/** file:line in the TypeScript source (tsx's source maps), relative to the working folder. */
function sourceLocation(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return '';
  if (frame.url.startsWith('data:')) {
    // tsx loads a module it has just recompiled from a data: URL with no source map: name the
    // file (its __filename is in the URL), not the line of the generated code.
    const named = /__filename%3D%22(.*?)%22/.exec(frame.url);
    return named ? `${path.relative(process.cwd(), decodeURIComponent(named[1]))} (line unknown)` : '(generated code)';
  }
  let file = frame.url.replace(/^file:\/\//, '');
  let line = frame.lineNumber + 1;
  try {
    const entry = findSourceMap(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) as
      | { originalSource?: string; originalLine?: number }
      | undefined;
    if (entry?.originalSource) {
      file = entry.originalSource.replace(/^file:\/\//, '');
      line = (entry.originalLine ?? 0) + 1;
    }
  } catch {
    // no source map: the generated position is still a clue
  }
  return `${path.relative(process.cwd(), file)}:${line}`;
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  share: number;
}

/**
 * Runs `fn` `repeat` times under the sampling profiler; the top functions by self time.
 * Shares come from sample counts, not the samples' time deltas: on a busy machine a delta
 * also counts the time the process was not running. Self time = share × measured CPU time.
 */
export async function profile(fn: () => void, repeat: number, top = 15): Promise<{ totalMs: number; hot: HotFunction[] }> {
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
    await post(session, 'Profiler.start');
    const c0 = process.cpuUsage();
    for (let i = 0; i < repeat; i++) fn();
    const c = process.cpuUsage(c0);
    const { profile: p } = await post<{ profile: Profile }>(session, 'Profiler.stop');
    const cpuMs = (c.user + c.system) / 1000;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const self = new Map<string, { name: string; where: string; samples: number }>();
    let total = 0;
    // The first and last samples fall in the inspector's own start/stop calls.
    for (const id of p.samples.slice(1, -1)) {
      const n = byId.get(id);
      if (!n) continue;
      const { functionName } = n.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') continue;
      total++;
      const where = sourceLocation(n.callFrame);
      const key = `${functionName}@${where}`;
      const e = self.get(key) ?? { name: functionName || '(anonymous)', where, samples: 0 };
      e.samples++;
      self.set(key, e);
    }
    const hot = [...self.values()]
      .sort((a, b) => b.samples - a.samples)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, selfMs: ((e.samples / Math.max(1, total)) * cpuMs) / repeat, share: e.samples / Math.max(1, total) }));
    return { totalMs: cpuMs / repeat, hot };
  } finally {
    await post(session, 'Profiler.disable').catch(() => undefined);
    session.disconnect();
  }
}
