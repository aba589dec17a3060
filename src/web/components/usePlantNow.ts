import { useEffect, useState } from 'react';
import type { ReadySnapshot } from '../api/system.js';

/**
 * The plant's current instant (epoch ms), ticking on each second: the server's `now` plus the
 * time elapsed on this page's monotonic clock since it was read. The browser's own date is never
 * consulted, so a tablet with a wrong clock still shows plant time.
 */
export function usePlantNow(snapshot: ReadySnapshot | undefined): number | undefined {
  const [mono, setMono] = useState(() => performance.now());

  useEffect(() => {
    if (!snapshot) return undefined;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const now = performance.now();
      setMono(now);
      const plantMs = snapshot.serverNowMs + (now - snapshot.receivedAtMono);
      // Wake just after the next whole plant second so the display changes on the second.
      timer = setTimeout(tick, 1_000 - (((plantMs % 1_000) + 1_000) % 1_000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [snapshot]);

  if (!snapshot) return undefined;
  return snapshot.serverNowMs + (Math.max(mono, snapshot.receivedAtMono) - snapshot.receivedAtMono);
}
