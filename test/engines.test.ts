/**
 * README promises Node.js 20: every package `npm ci` installs must accept the oldest Node the
 * project's `engines` allows, or npm prints EBADENGINE (and the package may use APIs Node 20 lacks).
 * Read from package-lock.json, which is exactly what `npm ci` installs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// semver is the parser npm itself uses for `engines` (installed with npm's tree; not a direct dependency).
const semver = createRequire(import.meta.url)('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

interface LockPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

describe('engines', () => {
  it('every locked package supports the oldest Node.js in package.json engines', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    const oldest = semver.minVersion(manifest.engines.node)?.version;
    expect(oldest).toMatch(/^20\./);
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, LockPackage>;
    };
    const unsupported = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(oldest as string, (p.engines as { node: string }).node))
      .map(([path, p]) => `${path}@${p.version} needs node ${(p.engines as { node: string }).node}`);
    expect(unsupported).toEqual([]);
  });
});
