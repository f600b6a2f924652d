/**
 * `serve --database`: its options are checked before anything starts, and a
 * database that cannot be reached fails the command (exit 1) naming the
 * option, instead of serving a mock that answers 503 to everything.
 */
import { describe, expect, it } from 'vitest';
import { runCommand } from '../server/support.js';

describe('serve --database', () => {
  it('refuses a URL that is not postgres:// and a schema name that would need quoting (exit 2)', async () => {
    const bad = await runCommand(['serve', '--port', '0', '--database', 'mysql://h/db']);
    expect(bad.code).toBe(2);
    expect(bad.err).toEqual(['--database: expected a postgres:// or postgresql:// URL']);
    const schema = await runCommand([
      'serve',
      '--port',
      '0',
      '--database',
      'postgres://127.0.0.1:1/x',
      '--database-schema',
      'Drop Table',
    ]);
    expect(schema.code).toBe(2);
    expect(schema.err).toEqual([
      '--database-schema: expected lower-case letters, digits and _ (at most 63)',
    ]);
  });

  it('fails with exit 1 when the database cannot be reached', async () => {
    const down = await runCommand([
      'serve',
      '--port',
      '0',
      '--database',
      'postgres://postgres@127.0.0.1:1/x',
    ]);
    expect(down.code).toBe(1);
    expect(down.err.join('\n')).toMatch(/^--database: .*(ECONNREFUSED|connect)/);
    expect(down.out).toEqual([]);
  }, 30_000);

  it('documents both options in its help', async () => {
    const help = await runCommand(['serve', '--help']);
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/--database URL/);
    expect(help.out.join('\n')).toMatch(/--database-schema NAME/);
  });
});
