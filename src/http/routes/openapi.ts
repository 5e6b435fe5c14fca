/** GET /openapi.json: the OpenAPI 3.1 description of every route, built once. */
import { Router } from 'express';
import { methodNotAllowed } from '../errors';
import { openApiDocument } from '../openapi/document';

export function openApiRoutes(version: string): Router {
  const body = Buffer.from(JSON.stringify(openApiDocument(version)));
  const router = Router();
  router
    .route('/openapi.json')
    .get((_req, res) => {
      res.type('application/json; charset=utf-8').send(body);
    })
    .all(methodNotAllowed('GET'));
  return router;
}
