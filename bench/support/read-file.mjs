// Reads every row of every table of a SQLite file with better-sqlite3 (rows as arrays, integers
// as BigInt, as the importer reads them) and does nothing with them: what reading the file alone
// costs. Usage: node bench/support/read-file.mjs FILE
import Database from 'better-sqlite3';

const db = new Database(process.argv[2], { readonly: true, fileMustExist: true });
const tables = db
  .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
  .all()
  .map((r) => r.name);
let rows = 0;
for (const t of tables) {
  const stmt = db
    .prepare(`select * from "${t.replace(/"/g, '""')}"`)
    .raw(true)
    .safeIntegers(true);
  for (const row of stmt.iterate()) if (row.length > 0) rows++;
}
db.close();
console.log(`${rows} rows read`);
