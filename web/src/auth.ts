/** What the deployment allows this session: GET /api/v1/auth, or everything when that route does not exist. */
import { ApiError, get } from './api';
import { OPEN, setAccess, type Access } from './session';

interface Auth {
  read: 'open' | 'key';
  key: Access['key'];
  can: Access['can'];
}

export async function refreshAccess(): Promise<void> {
  try {
    const auth = await get<Auth>('/api/v1/auth');
    setAccess({ keys: true, read: auth.read, key: auth.key, can: auth.can });
  } catch (error) {
    // 404: a mizan without keys. 401: a key was given and refused (or reading needs one).
    if (error instanceof ApiError && error.status === 401)
      setAccess({ keys: true, read: 'key', key: null, can: { read: false, write: false, admin: false } });
    else setAccess(OPEN);
  }
}
