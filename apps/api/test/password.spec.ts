import { hashPassword, verifyPassword } from '../src/auth/password.js';

describe('password hashing', () => {
  it('verifies the right password, rejects a wrong one, and never stores the password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('salts every hash, also under a burst of concurrent hashing', async () => {
    const hashes = await Promise.all(Array.from({ length: 16 }, () => hashPassword('same password')));
    expect(new Set(hashes).size).toBe(16);
    expect(await verifyPassword('same password', hashes[15])).toBe(true);
  });
});
