// Types of bench/data.mjs, for the tests in test/bench/.

export declare const GENERATOR_VERSION: number;
export declare const DEFAULT_SEED: number;
export declare const DATA_DIR: string;
export declare const MIX: { matched: number; duplicates: number; noEmail: number; conflicts: number; emptyOnApp: number; variantCase: number };

export interface DatasetStats {
  hubNoEmail: number;
  hubDuplicates: number;
  appNoEmail: number;
  appDuplicates: number;
  matchedContacts: number;
  contactConflicts: number;
  hubCompanyDuplicates: number;
  appCompanyDuplicates: number;
  matchedCompanies: number;
  companyConflicts: number;
}

export interface DatasetMeta {
  generatorVersion: number;
  seed: number;
  rows: { hub: { contacts: number; companies: number }; app: { customers: number; accounts: number } };
  /** Rows of both sides, contacts and companies. */
  records: number;
  mix: typeof MIX;
  stats: DatasetStats;
  generatedInSeconds: number;
}

export interface Dataset {
  dir: string;
  hub: string;
  app: string;
  meta: DatasetMeta;
  cached: boolean;
}

/** Companies per size: 10% of contacts. */
export declare function companiesFor(contacts: number): number;
/** Writes hub.db and app.db for `contacts` into `dir`. */
export declare function generateDataset(dir: string, contacts: number, seed?: number): Promise<DatasetMeta>;
/** The cached dataset for `contacts` and `seed` under `root`, generated on first use. */
export declare function ensureDataset(contacts: number, seed?: number, root?: string): Promise<Dataset>;
