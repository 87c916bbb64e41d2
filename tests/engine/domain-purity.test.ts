/**
 * server/domain is pure (STYLE.md: "a domain function never imports express, socket.io, Redis or
 * BullMQ"): the rules run the same live, from the archive, in the browser (the counter's list) and
 * in the differential tests. This walks the runtime import graph from every file under
 * server/domain and fails when it reaches a module that does I/O.
 *
 * `import type` is skipped: it is erased at compile time and loads nothing. An import with inline
 * `type` specifiers only (`import { type A } from …`) is still followed, since a compiler keeping
 * module syntax may leave it as a side-effect import.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');
const domainDir = join(root, 'server/domain');

/** Packages and built-ins that do I/O; and the printer's transports (network, device files, a native renderer). */
const forbiddenPackages = ['express', 'socket.io', 'socket.io-client', '@socket.io/redis-adapter', 'ioredis', 'bullmq', 'kysely', 'pg', 'better-sqlite3', 'receiptline', '@resvg/resvg-js'];
const forbiddenBuiltins = ['fs', 'fs/promises', 'net', 'http', 'https', 'child_process', 'dgram', 'tls'];
const forbiddenFiles = [/^printer\/transports\//, /^printer\/index\.ts$/, /^printer\/preview\.ts$/, /^server\/store\//];

function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) out.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) out.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const arg = node.arguments[0];
      out.push(arg && ts.isStringLiteral(arg) ? arg.text : '<dynamic>');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function resolveLocal(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')]) if (existsSync(candidate) && candidate.endsWith('.ts')) return candidate;
  throw new Error(`${relative(root, from)}: cannot resolve ${spec}`);
}

/** The first path from `start` to a module that does I/O, or null. */
function ioPath(start: string): string[] | null {
  const seen = new Set<string>();
  const walk = (file: string, path: string[]): string[] | null => {
    const rel = relative(root, file);
    if (forbiddenFiles.some((re) => re.test(rel))) return [...path, rel];
    if (seen.has(file)) return null;
    seen.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec === '<dynamic>') return [...path, rel, 'import(<computed>)'];
      if (spec.startsWith('.')) {
        const found = walk(resolveLocal(file, spec), [...path, rel]);
        if (found) return found;
        continue;
      }
      const name = spec.startsWith('node:') ? spec.slice(5) : spec;
      const pkg = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
      if (forbiddenPackages.includes(pkg) || forbiddenBuiltins.includes(name)) return [...path, rel, spec];
    }
    return null;
  };
  return walk(start, []);
}

const domainFiles = readdirSync(domainDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(domainDir, f));

describe('server/domain imports no I/O', () => {
  it('finds the domain files', () => {
    expect(domainFiles.length).toBeGreaterThan(5);
  });

  it.each(domainFiles.map((f) => [relative(root, f), f]))('%s reaches no I/O module, directly or through what it imports', (_name, file) => {
    expect(ioPath(file)).toBeNull();
  });

  it('notices an I/O module reached through another file (the check itself works)', () => {
    // server/config.ts reads the file system and, through the printer, the network transports.
    expect(ioPath(join(root, 'server/config.ts'))).not.toBeNull();
    expect(ioPath(join(root, 'server/store/hallStore.ts'))).toEqual(['server/store/hallStore.ts']);
  });
});
