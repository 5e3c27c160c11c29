// Where the real data the tests read lives (CDNOW, Online Retail, telco churn,
// the CSV suites): ../shared/data beside the checkout, or the folder named by
// KPIKIT_SHARED_DATA (the same variable the doctest suites and scripts/test.sh
// read). A test that needs it fails when it is missing, never skips: a
// real-data check that silently did not run would pass for a green run.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

export const sharedDataDir = process.env.KPIKIT_SHARED_DATA
  ? path.resolve(process.env.KPIKIT_SHARED_DATA)
  : path.resolve(repo, '../shared/data');

/** The path of rel under the shared data; throws a clear error when the file is not there. */
export function sharedData(rel) {
  const file = path.join(sharedDataDir, rel);
  if (!existsSync(file)) {
    throw new Error(`test data not found: ${file} (the shared data belongs in ../shared/data beside the checkout, or set KPIKIT_SHARED_DATA)`);
  }
  return file;
}
