import { runScript } from '../helpers/context';

/** --help anywhere on the command line, and options a subcommand does not take, for every CLI the image ships. */
const run = (script: string, args: string) => runScript(script, 'mizan-test:cli-help:', ...args.split(' '));

describe('--help prints the usage on standard output and exits 0, wherever it stands', () => {
  it.each([
    ['restore', '--help'],
    ['restore', '-h'],
    ['restore', 'DIR --help'],
    ['xliff', 'pretranslate --help'],
    ['xliff', 'analyze --help'],
    ['xliff', 'analyze file.xlf -h'],
    ['xliff', '--help'],
    ['i18next', 'pretranslate --help'],
    ['i18next', 'export -h'],
    ['keys', 'revoke --help'],
    ['keys', '--help'],
    ['backup', '--help'],
    ['align', '--help'],
    ['tmx', 'import --help'],
    ['tmx', 'import FILE --tm Bad --help'],
  ])(
    '%s %s',
    (script, args) => {
      const result = run(script, args);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(new RegExp(`^usage: npm run ${script} -- `));
      expect(result.status).toBe(0);
    },
    30_000,
  );
});

describe('an option the subcommand does not take is refused before anything is done', () => {
  it.each([
    ['import x.tmx --tm t --out y.tmx', 'import does not take --out'],
    ['import x.tmx --tm t --apart', 'import does not take --apart'],
    ['import x.tmx --tm t --langs en', 'import does not take --langs'],
  ])(
    'tmx %s',
    (args, message) => {
      const result = run('tmx', args);
      expect(result.status).toBe(1);
      expect(result.stderr.split('\n')[0]).toBe(message);
      expect(result.stderr).toContain('usage: npm run tmx --');
      expect(result.stdout).toBe('');
    },
    30_000,
  );
});
