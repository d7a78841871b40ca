// `pnpm --filter @studio/server route-matrix`: writes docs/route-matrix.json from @studio/api's routePolicies
// and renders it into docs/security.md. route-matrix.test.ts fails while either is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { deriveMatrix, MATRIX_JSON, SECURITY_MD, withMatrix } from '../src/auth/route-matrix';

const rows = deriveMatrix();
writeFileSync(MATRIX_JSON, `${JSON.stringify(rows, null, 2)}\n`);
writeFileSync(SECURITY_MD, withMatrix(readFileSync(SECURITY_MD, 'utf8'), rows));
console.log(`[route-matrix] ${rows.length} routes -> docs/route-matrix.json, docs/security.md`);
