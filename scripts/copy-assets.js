// Copies non-TypeScript runtime assets (Lua scripts) next to the compiled code in dist/.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const from = path.join(root, 'src', 'store', 'lua');
const to = path.join(root, 'dist', 'src', 'store', 'lua');
fs.mkdirSync(to, { recursive: true });
for (const file of fs.readdirSync(from)) {
  if (file.endsWith('.lua')) fs.copyFileSync(path.join(from, file), path.join(to, file));
}
