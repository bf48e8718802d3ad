import { join } from 'node:path';
import { openStateStore } from '../../src/store/index.js';
import { tempDir } from './helpers.js';
import { describeStateStoreContract } from './state-store-contract.js';

describeStateStoreContract('sqlite file', () => {
  const { dir, cleanup } = tempDir();
  return { open: () => openStateStore(join(dir, 'state.db')), cleanup };
});
