import { requiredRole } from '../../src/http/access';
import { roleAtLeast } from '../../src/service';

describe('the access policy', () => {
  it('writes need write wherever they go, whatever the path looks like', () => {
    for (const [method, path] of <[string, string][]>[
      ['POST', '/api/v1/units'],
      ['PATCH', '/api/v1/documents/x/alignment'],
      ['DELETE', '/API/V1/Documents/x/'],
      ['PUT', '/api/v1/match'],
      ['POST', '/api/v1/tms/main/imports'],
      ['DELETE', '/api/v1/jobs/j0123456789abcdef'],
      ['POST', '/nowhere'],
      ['PATCH', '/'],
    ])
      expect([method, path, requiredRole(method, path, 'open')]).toEqual([method, path, 'write']);
  });

  it('a method no route has on the read-only interop paths needs no key (it is answered 405 or 404)', () => {
    for (const [method, path] of <[string, string][]>[
      ['POST', '/tmserver/en/ar/unit/x'],
      ['PUT', '/TMSERVER/en/ar/unit/'],
      ['POST', '/tmserver/en/ar/store/x'],
      ['DELETE', '/get'],
      ['POST', '/api/v1/en/ar/unit/x/y'],
      ['POST', '/api/v1//en/ar/unit/x'],
      ['PATCH', '/api/v1/languages/'],
    ])
      expect([method, path, requiredRole(method, path, 'key')]).toEqual([method, path, null]);
    for (const [method, path] of <[string, string][]>[
      ['POST', '/api/v1/tms/main/units'],
      ['POST', '/api/v1/units'],
      ['DELETE', '/getaway'],
      ['POST', '/api/v1/languages/x'],
      ['DELETE', '/api/v1/keys/x/unit/y'],
    ])
      expect([method, path, requiredRole(method, path, 'open')]).not.toEqual([method, path, null]);
  });

  it('the POSTs that only read are reads', () => {
    for (const path of [
      '/api/v1/match/batch',
      '/api/v1/pretranslate',
      '/api/v1/analyze',
      '/api/v1/pretranslate/i18next/',
    ]) {
      expect(requiredRole('POST', path, 'open')).toBeNull();
      expect(requiredRole('POST', path, 'key')).toBe('read');
    }
    expect(requiredRole('POST', '/api/v1/match/batch/x', 'open')).toBe('write');
  });

  it('reads of the API need read only with MIZAN_READ=key; the rest of the site and /api/v1/auth never', () => {
    for (const path of ['/api/v1/match', '/tmserver/ar/en/unit/x', '/get', '/api/v1/documents/x'])
      expect([path, requiredRole('GET', path, 'open'), requiredRole('GET', path, 'key')]).toEqual([path, null, 'read']);
    for (const path of ['/', '/app.js', '/api/v1/auth', '/healthz', '/getaway'])
      expect([path, requiredRole('GET', path, 'key')]).toEqual([path, null]);
  });

  it('key administration and the audit need admin, reads of them too', () => {
    for (const [method, path] of <[string, string][]>[
      ['GET', '/api/v1/keys'],
      ['POST', '/api/v1/keys'],
      ['DELETE', '/api/v1/keys/k0123456789abcdef'],
      ['GET', '/api/v1/audit'],
      ['GET', '/API/V1/AUDIT/'],
    ])
      expect(requiredRole(method, path, 'open')).toBe('admin');
  });

  it('orders the roles read < write < admin', () => {
    expect(roleAtLeast('admin', 'write')).toBe(true);
    expect(roleAtLeast('write', 'write')).toBe(true);
    expect(roleAtLeast('write', 'admin')).toBe(false);
    expect(roleAtLeast('read', 'write')).toBe(false);
  });
});
