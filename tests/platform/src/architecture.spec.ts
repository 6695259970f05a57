import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');
const SERVICES = ['sales', 'finance', 'inventory', 'security'];
/** Columns that hold where an aggregate is in its life; only its store may write them. */
const STATE_COLUMNS = new Set(['status', 'commercial', 'payment', 'fulfilment']);
const WRITING_CALLS = new Set(['update', 'insert', 'save', 'create', 'upsert', 'set', 'values', 'assign']);
const STORE_FILE = /\/infra\/persistence\/[^/]*store[^/]*\.ts$/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'migrations' ? [] : sources(full);
    return full.endsWith('.ts') && !full.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Every place outside a store that writes a state column: an assignment, a column in a write call, or SQL. */
export function stateWrites(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const insideWriteCall = (node: ts.Node): boolean => {
    for (let parent = node.parent; parent; parent = parent.parent) {
      if (ts.isCallExpression(parent)) {
        const callee = parent.expression;
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
        if (WRITING_CALLS.has(name)) return true;
      }
      if (ts.isFunctionLike(parent)) return false;
    }
    return false;
  };
  const visit = (node: ts.Node) => {
    // `where.status = …` builds a query's filter, not a row.
    const filter = (target: ts.Expression) => ts.isIdentifier(target) && /^(where|filters?)$/.test(target.text);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && STATE_COLUMNS.has(node.left.name.text) && !filter(node.left.expression)) {
      found.push(`${where(node)} assigns .${node.left.name.text}`);
    }
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : '';
      if (STATE_COLUMNS.has(name) && insideWriteCall(node)) found.push(`${where(node)} writes ${name} in a write call`);
    }
    if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) {
      const sql = node.getText(source);
      if (/\bUPDATE\b[\s\S]*\bSET\b[\s\S]*\b(status|commercial|fulfilment)\s*=/i.test(sql) || /\bINSERT\s+INTO\s+\w+\s*\([^)]*\b(status|commercial|fulfilment)\b/i.test(sql)) {
        found.push(`${where(node)} writes a state column in SQL`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('architecture', () => {
  it('writes status columns only through the aggregate stores', () => {
    // Domain code only computes states (lint keeps persistence out of it); the app and infra layers are where rows are written.
    const files = SERVICES.flatMap((service) => sources(path.join(ROOT, 'services', service, 'src'))).filter((file) => !STORE_FILE.test(file) && !file.includes('/domain/'));
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((file) => stateWrites(file))).toEqual([]);
  });

  it('would notice each kind of write outside a store', () => {
    const probe = [
      `order.status = 'cancelled';`,
      `await tx.update(OrderEntity, { id }, { status: 'closed' });`,
      `Object.assign(receipt, { status: 'counted', verifiedBy });`,
      "await tx.query(`UPDATE backorders SET status = 'filled' WHERE id = $1`, [id]);",
      `await tx.query('INSERT INTO backorders (order_id, lines, status) VALUES ($1, $2, $3)', []);`,
    ].join('\n');
    expect(stateWrites('/probe.ts', probe)).toHaveLength(5);
    expect(stateWrites('/probe.ts', `const next = { ...state, status: 'shipped' }; if (order.status === 'open') done(); where.status = query.status;`)).toEqual([]);
  });
});
