import { readFileSync } from 'node:fs';
import path from 'node:path';
import { missingStartSettings, START_ENV, START_NODE_FLAGS, startEnv } from '../../src/config';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the settings mizan is started with', () => {
  it('are what `npm start` sets, a value already in the environment winning', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;
    for (const [name, value] of Object.entries(START_ENV)) expect(start).toContain(`${name}=\${${name}:-${value}} `);
    expect(start).toContain(`node ${START_NODE_FLAGS.join(' ')} dist/src/server.js`);
  });

  it("are what the image's ENV and CMD set", () => {
    const dockerfile = read('Dockerfile');
    for (const [name, value] of Object.entries(START_ENV)) expect(dockerfile).toContain(`\nENV ${name}=${value}\n`);
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd!)).toEqual(['node', ...START_NODE_FLAGS, 'dist/src/server.js']);
  });

  it('are given to a child process unless its environment has its own value', () => {
    const [name, value] = Object.entries(START_ENV)[0]!;
    expect(startEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', ...START_ENV });
    expect(startEnv({ [name]: '65536' })[name]).toBe('65536');
    expect(startEnv({})[name]).toBe(value);
  });
});

describe('the settings a process lacks, for the warning at start', () => {
  const all = ['--max-semi-space-size=8'];
  it('are none when it was started as npm start starts it, or with values of its own', () => {
    expect(missingStartSettings({ ...START_ENV }, all, 'linux')).toEqual([]);
    expect(missingStartSettings({ MALLOC_MMAP_THRESHOLD_: '65536' }, ['--max-semi-space-size=16'], 'linux')).toEqual(
      [],
    );
    expect(missingStartSettings({ ...START_ENV, NODE_OPTIONS: '--max-semi-space-size=4' }, [], 'linux')).toEqual([]);
  });

  it('name each one missing, the malloc setting only where glibc reads it', () => {
    expect(missingStartSettings({}, [], 'linux')).toEqual(['MALLOC_MMAP_THRESHOLD_=131072', '--max-semi-space-size=8']);
    expect(missingStartSettings({}, all, 'darwin')).toEqual([]);
    expect(missingStartSettings({}, [], 'darwin')).toEqual(['--max-semi-space-size=8']);
  });
});
