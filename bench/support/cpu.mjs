// The machine's CPU time (every core, every process) as seconds, from /proc/stat: the work a step
// costs, whatever process does it (a loader and the PostgreSQL backends it keeps busy alike).
// null where there is no /proc/stat (not Linux).
import { execSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond = null;

export function machineCpuSeconds() {
  let stat;
  try {
    stat = fs.readFileSync('/proc/stat', 'utf8');
  } catch {
    return null;
  }
  ticksPerSecond ??= Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  // cpu  user nice system idle iowait irq softirq steal …: busy = all but idle and iowait.
  const f = stat.split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
  return busy / ticksPerSecond;
}
