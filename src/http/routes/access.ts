/**
 * GET /api/v1/auth (what the caller may do: open to anyone, a web UI asks it first), key administration
 * (POST/GET /api/v1/keys, DELETE /api/v1/keys/:id) and the audit (GET /api/v1/audit), both for admin keys only (the
 * policy in access.ts checks the role before these run).
 */
import { Router } from 'express';
import type { Config } from '../../config';
import { ErrorCode, MizanError } from '../../errors';
import { KEY_ID, roleAtLeast, type Access } from '../../service';
import { callerOf } from '../access';
import { methodNotAllowed } from '../errors';
import { jsonBody } from '../json-body';
import { Params, type Input } from '../params';

/** Audit entry ids as Redis writes them: milliseconds-sequence. */
const STREAM_ID = /^\d{1,15}-\d{1,10}$/;

export function accessRoutes(access: Access, config: Config): Router {
  const router = Router();
  router
    .route('/api/v1/auth')
    .get((_req, res) => {
      const { key } = callerOf(res);
      const can = (role: 'read' | 'write' | 'admin') => (key ? roleAtLeast(key.role, role) : false);
      res.set('Cache-Control', 'no-store').json({
        read: config.readAccess,
        key: key ? { id: key.id, name: key.name, role: key.role } : null,
        can: { read: config.readAccess === 'open' || can('read'), write: can('write'), admin: can('admin') },
      });
    })
    .all(methodNotAllowed('GET'));
  router
    .route('/api/v1/keys')
    .get(async (_req, res) => {
      res.set('Cache-Control', 'no-store').json({ keys: await access.list() });
    })
    .post(jsonBody(config), async (req, res) => {
      const body = req.body as Input;
      if (body.role === undefined) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'role' });
      if (body.name === undefined) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'name' });
      const created = await access.create(body.role, body.name);
      res.status(201).location(`/api/v1/keys/${created.id}`).set('Cache-Control', 'no-store').json(created);
    })
    .all(methodNotAllowed('GET', 'POST'));
  router
    .route('/api/v1/keys/:id')
    .delete(async (req, res) => {
      const id = String(req.params.id);
      if (!KEY_ID.test(id)) throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'id', value: id.slice(0, 40) });
      await access.revoke(id);
      res.status(204).end();
    })
    .all(methodNotAllowed('DELETE'));
  router
    .route('/api/v1/audit')
    .get(async (req, res) => {
      const p = new Params(req.query as Input);
      const limit = p.int('limit', 100, 1, 1000, ErrorCode.LIMIT_OUT_OF_RANGE);
      const before = p.string('before');
      if (before !== undefined && !STREAM_ID.test(before))
        throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: 'before', value: before.slice(0, 40) });
      const { entries } = await access.auditPage(limit, before);
      const next = entries.length === limit ? entries.at(-1)!.id : null;
      res.set('Cache-Control', 'no-store').json({ entries, next });
    })
    .all(methodNotAllowed('GET'));
  return router;
}
