// Checking an exported CSV file without loading it: line ends counted in 1 MB chunks, and (when
// cells may hold line breaks) records counted by csv-parse, streamed.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse';

/** Lines in `file` (line ends, plus a last line without one). */
export function countLines(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let lines = 0;
  let last = 10;
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      for (let at = buf.indexOf(10, 0); at !== -1 && at < n; at = buf.indexOf(10, at + 1)) lines++;
      last = buf[n - 1];
    }
  } finally {
    closeSync(fd);
  }
  return last === 10 ? lines : lines + 1;
}

/** Records in `file` as csv-parse reads them (header included), streamed. */
export async function countCsvRecords(file) {
  let records = 0;
  for await (const _ of createReadStream(file).pipe(parse({ relax_column_count: true }))) records++;
  return records;
}
