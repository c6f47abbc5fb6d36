import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Converts files with LibreOffice in one call (each call costs a second or
 * two), in a profile of its own so that concurrent runs do not collide.
 * Returns the converted files by input name, with the new extension.
 */
export function convertWithLibreOffice(inputs: ReadonlyArray<{ name: string; bytes: Uint8Array }>, format: string, extension: string): Map<string, Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'workplan-lo-'));
  try {
    const inDir = join(dir, 'in');
    const outDir = join(dir, 'out');
    mkdirSync(inDir);
    const paths = inputs.map(({ name, bytes }) => {
      const path = join(inDir, name);
      writeFileSync(path, bytes);
      return path;
    });
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', format, '--outdir', outDir, ...paths], {
      stdio: 'pipe',
      timeout: 120_000,
    });
    return new Map(inputs.map(({ name }) => [name, readFileSync(join(outDir, `${basename(name).replace(/\.[^.]+$/, '')}.${extension}`))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
