/** The operator station remembers which machine it stands at: only the machine's id, nothing else. */
const KEY = 'shopfloor.operator.machineId';

export function loadMachineId(): number | null {
  try {
    const n = Number(window.localStorage.getItem(KEY));
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export function saveMachineId(id: number | null): void {
  try {
    if (id === null) window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, String(id));
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
}
