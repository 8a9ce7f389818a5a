import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('defaults to 127.0.0.1:3000 on the embedded database', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ HOST: '127.0.0.1', PORT: 3000, embedded: true });
  });

  it('switches to a PostgreSQL server with DATABASE_URL', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://u@h/db' }).embedded).toBe(false);
  });

  it('lists every problem in Chinese', () => {
    expect(() => parseConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', GONGKAI_ADMIN_PASSWORD: 'short' })).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*至少 10 个字符/);
  });
});
