/**
 * The API key, kept for this browser tab's session only (sessionStorage: gone when the tab closes), and what the
 * deployment says it allows (GET /api/v1/auth; a mizan without keys answers 404 there: everything is open).
 */
const KEY = 'mizan.key';

export interface Access {
  /** Whether the deployment asks for keys at all. */
  keys: boolean;
  read: 'open' | 'key';
  key: { id: string; name: string; role: string } | null;
  can: { read: boolean; write: boolean; admin: boolean };
}

export const OPEN: Access = { keys: false, read: 'open', key: null, can: { read: true, write: true, admin: true } };

export function keyOf(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY, key);
  else sessionStorage.removeItem(KEY);
}

let current: Access = OPEN;
const listeners: ((access: Access) => void)[] = [];

export const access = (): Access => current;
export function onAccess(listener: (access: Access) => void): void {
  listeners.push(listener);
}
export function setAccess(next: Access): void {
  current = next;
  for (const listener of listeners) listener(next);
}
