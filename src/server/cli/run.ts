import { main } from './main.js';

/** Entry for `node dist/server/cli/run.js …` (what bin/shopfloor.js runs after building). */
await main(process.argv.slice(2));
