// Types of bench/lib/csv-check.mjs, for the tests in test/bench/.

/** Lines in `file` (line ends, plus a last line without one). */
export declare function countLines(file: string): number;
/** Records in `file` as csv-parse reads them (header included), streamed. */
export declare function countCsvRecords(file: string): Promise<number>;
