/** Times named pieces of work in one process: wall and CPU milliseconds of every call, per name. */
export function stageTimer() {
  const times: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const t = <T>(k: string, fn: () => T): T => {
    const s = performance.now();
    const c = process.cpuUsage();
    const r = fn();
    const d = process.cpuUsage(c);
    (times[k] ??= []).push(performance.now() - s);
    (cpu[k] ??= []).push((d.user + d.system) / 1000);
    return r;
  };
  return { times, cpu, t };
}
