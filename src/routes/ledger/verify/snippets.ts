/**
 * The verifiers the /ledger/verify page shows, as the exact text a reader copies. The page renders
 * these strings and `snippets.test.ts` runs the very same strings with `node` and `python3`
 * against a generated ledger.json, so what is shown is what is tested.
 */

export const NODE_FILE = 'verify-ledger.mjs';
export const PYTHON_FILE = 'verify_ledger.py';

export const NODE_VERIFIER = `// verify-ledger.mjs — usage: node verify-ledger.mjs ledger.json
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

// Canonical JSON: object keys sorted at every level, no white space.
const canonical = (v) =>
  Array.isArray(v) ? \`[\${v.map(canonical).join(',')}]\`
  : v !== null && typeof v === 'object'
    ? \`{\${Object.keys(v).sort().map((k) => \`\${JSON.stringify(k)}:\${canonical(v[k])}\`).join(',')}}\`
    : JSON.stringify(v);

const ledger = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let prev = '0'.repeat(64);
for (const [i, { prev_hash, hash, ...entry }] of ledger.entries.entries()) {
  const expected = createHash('sha256').update(prev + canonical(entry), 'utf8').digest('hex');
  if (entry.seq !== i + 1 || prev_hash !== prev || hash !== expected) {
    console.error(\`BROKEN at seq \${entry.seq}: expected hash \${expected}, found \${hash}\`);
    process.exit(1);
  }
  prev = hash;
}
if (ledger.head.seq !== ledger.entries.length || ledger.head.hash !== prev) {
  console.error(\`BROKEN: the head \${ledger.head.hash} is not the last entry's hash \${prev}\`);
  process.exit(1);
}
console.log(\`OK: \${ledger.entries.length} entries, head \${prev}\`);
`;

export const PYTHON_VERIFIER = `# verify_ledger.py — usage: python3 verify_ledger.py ledger.json
import hashlib, json, sys

class Num(str):  # a number kept exactly as the file writes it
    pass

def canonical(v):  # object keys sorted at every level, no white space
    if isinstance(v, dict):
        return '{' + ','.join(json.dumps(k, ensure_ascii=False) + ':' + canonical(v[k]) for k in sorted(v)) + '}'
    if isinstance(v, list):
        return '[' + ','.join(canonical(x) for x in v) + ']'
    return v if isinstance(v, Num) else json.dumps(v, ensure_ascii=False)

with open(sys.argv[1], encoding='utf-8') as f:
    ledger = json.load(f, parse_int=Num, parse_float=Num)
prev = '0' * 64
for i, e in enumerate(ledger['entries'], 1):
    entry = {k: v for k, v in e.items() if k not in ('prev_hash', 'hash')}
    expected = hashlib.sha256((prev + canonical(entry)).encode('utf-8')).hexdigest()
    if int(e['seq']) != i or e['prev_hash'] != prev or e['hash'] != expected:
        sys.exit(f"BROKEN at seq {e['seq']}: expected hash {expected}, found {e['hash']}")
    prev = e['hash']
head = ledger['head']
if int(head['seq']) != len(ledger['entries']) or head['hash'] != prev:
    sys.exit(f"BROKEN: the head {head['hash']} is not the last entry's hash {prev}")
print(f"OK: {len(ledger['entries'])} entries, head {prev}")
`;

export const NODE_COMMAND = `node ${NODE_FILE} ledger.json`;
export const PYTHON_COMMAND = `python3 ${PYTHON_FILE} ledger.json`;
export const downloadCommand = (origin: string) => `curl -o ledger.json ${origin}/cities/<slug>/ledger.json`;
export const CLI_COMMANDS = `npx rightscity verify-ledger --city <slug>
npx rightscity verify-ledger --file ledger.json`;
export const HASH_FORMULA = 'hash = SHA-256( prev_hash ‖ canonical_json(entry) )';
