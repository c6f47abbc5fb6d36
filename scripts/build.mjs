// Bundles the extension client, the language server and the CLI with esbuild.
// `--production` minifies and drops source maps (used by `npm run package`).
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from the bundler; its ES module build does not.
  mainFields: ['module', 'main'],
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // pdf.js reads PDFs in a thread of its own, started from this file beside the server and the CLI (server/src/office/pdfRead.ts).
  esbuild.build({ ...common, entryPoints: ['server/src/office/pdfWorker.ts'], outfile: 'dist/pdfWorker.js' }),
]);
