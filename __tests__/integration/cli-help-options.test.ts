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

describe('the other CLIs refuse an option their subcommand does not take, naming it', () => {
  it.each([
    ['xliff', 'analyze x.xlf --out y.xlf', 'analyze does not take --out'],
    ['xliff', 'pretranslate x.xlf --json', 'pretranslate does not take --json'],
    ['i18next', 'pretranslate --from ar.json --to en --out o --document d1', 'pretranslate does not take --document'],
    ['i18next', 'export --out o --from ar.json', 'export does not take --from'],
    ['keys', 'list --role admin', 'list does not take --role'],
    ['keys', 'revoke k1 --json', 'revoke does not take --json'],
  ])(
    '%s %s',
    (script, args, message) => {
      const result = run(script, args);
      expect(result.status).toBe(1);
      expect(result.stderr.split('\n')[0]).toBe(message);
      expect(result.stdout).toBe('');
    },
    30_000,
  );
});

describe('every CLI that names a TM refuses a name the API refuses, before it reads or writes anything', () => {
  it.each([
    ['backup', '--tm Main --out never-made'],
    ['restore', 'never-made --tm ../x'],
    ['xliff', 'analyze package.json --tm main,../x'],
    ['i18next', 'export --out never-made --tm Main'],
  ])(
    '%s %s',
    (script, args) => {
      const result = run(script, args);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^INVALID_PARAMETER: Invalid value "[^"]+" for "--tm"\./);
      expect(result.stdout).toBe('');
    },
    30_000,
  );
});
