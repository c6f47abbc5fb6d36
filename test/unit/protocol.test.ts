import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as protocol from '../../server/src/protocol';
import { REPO_ROOT } from './util';

/**
 * The custom protocol has one list of names (server/src/protocol.ts): the
 * client and the server name every request, notification and command from
 * it, and it holds every command package.json contributes.
 */

const NAMES = new Set<string>(Object.values(protocol).filter((v) => typeof v === 'string'));

/** The TypeScript sources below a folder, as [path, text]. */
function sources(dir: string): Array<[string, string]> {
  return fs
    .readdirSync(path.join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [path.join(dir, f), fs.readFileSync(path.join(REPO_ROOT, dir, f), 'utf8')]);
}

describe('the protocol module (server/src/protocol.ts)', () => {
  it('holds every request and notification name, and no file of the client or the server spells one', () => {
    const spelled = [...sources('client/src'), ...sources('server/src')]
      .filter(([file]) => file !== path.join('server', 'src', 'protocol.ts'))
      .flatMap(([file, text]) => [...text.matchAll(/['"`](workplan\/\w+)['"`]/g)].map((m) => `${file}: ${m[1]}`));
    assert.deepStrictEqual(spelled, []);
    assert.ok([...NAMES].some((n) => n.startsWith('workplan/')));
  });

  it('holds every command id, and no file of the client or the server spells one', () => {
    const commands = new Set([...NAMES].filter((n) => n.startsWith('workplan.')));
    const spelled = [...sources('client/src'), ...sources('server/src')]
      .filter(([file]) => file !== path.join('server', 'src', 'protocol.ts'))
      .flatMap(([file, text]) => [...text.matchAll(/['"`](workplan\.\w+)['"`]/g)].filter((m) => commands.has(m[1])).map((m) => `${file}: ${m[1]}`));
    assert.deepStrictEqual(spelled, []);
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !NAMES.has(c));
    assert.deepStrictEqual(missing, [], 'commands of package.json the protocol module does not name');
  });

  it('imports nothing, so the client bundle takes in none of the server', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'server', 'src', 'protocol.ts'), 'utf8');
    assert.doesNotMatch(text, /^\s*(import|export .* from)\b/m);
  });
});
