import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type { RouterRoute } from 'hono/types';
import type { AppDeps, AppEnv } from './context';
import { AppError, handleError } from './errors';
import { authorize } from './middleware/authorize';
import { allowedHostsOnly, sameOriginWrites } from './middleware/origin-checks';
import { ingestRateLimit } from './middleware/rate-limit';
import { requireSession } from './middleware/require-session';
import { requireToken } from './middleware/require-token';
import { responds } from './middleware/responds';
import { responseHeaders } from './middleware/response-headers';
import { openApiDocument } from './openapi';
import { publicOrigin } from './public-origin';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { authSettingsRoutes } from './routes/auth-settings';
import { connectorMappingRoutes } from './routes/connector-mapping';
import { connectorRoutes } from './routes/connectors';
import { exportRoutes } from './routes/exports';
import { figureRoutes } from './routes/figures';
import { handoffRoutes } from './routes/handoff';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/imports';
import { ingestRoutes } from './routes/ingest';
import { jobRoutes } from './routes/jobs';
import { leadRoutes } from './routes/leads';
import { metricsRoutes } from './routes/metrics';
import { alertsRoutes, pacingRoutes } from './routes/pacing';
import { periodRoutes } from './routes/periods';
import { reportRoutes } from './routes/reports';
import { settingsRoutes } from './routes/settings';
import { shareRoutes } from './routes/share';
import { sourceRoutes } from './routes/sources';
import { speedRoutes } from './routes/speed';
import { spendRoutes } from './routes/spend';
import { ssoRoutes } from './routes/sso';
import { subscriptionRoutes } from './routes/subscriptions';
import { targetRoutes } from './routes/targets';
import { tokenRoutes } from './routes/tokens';
import { userRoutes } from './routes/users';
import { waterfallRoutes } from './routes/waterfall';
import { openApiAnswer } from './schemas/responses';

/** Builds the API. No listening, no env, no connection here: entries and tests supply `deps`. */
export function createApp(deps: AppDeps, options: { web?: MiddlewareHandler } = {}) {
  const api = new Hono<AppEnv>()
    .route('/health', healthRoutes)
    // The tick is a scheduler's (CRON_SECRET); reading jobs needs an admin's session (route by route).
    .route('/jobs', jobRoutes)
    .route('/auth/sso', ssoRoutes)
    .route('/auth', authRoutes)
    .use('/metrics/*', requireSession)
    .route('/metrics/pacing', pacingRoutes)
    .route('/metrics/handoff', handoffRoutes)
    .route('/metrics/alerts', alertsRoutes)
    .route('/metrics/pipeline-waterfall', waterfallRoutes)
    .route('/metrics', metricsRoutes)
    .route('/metrics', speedRoutes)
    .use('/figures/*', requireSession)
    .route('/figures', figureRoutes)
    .use('/periods/*', requireSession)
    .route('/periods', periodRoutes)
    .use('/leads/*', requireSession)
    .route('/leads', leadRoutes)
    .use('/exports/*', requireSession)
    .route('/exports', exportRoutes)
    .use('/reports/*', requireSession)
    .route('/reports', reportRoutes)
    // A share link is its own credential: no session, one quarter, read-only.
    .route('/share', shareRoutes)
    .use('/settings/*', requireSession)
    .route('/settings', settingsRoutes)
    .route('/settings', authSettingsRoutes)
    .use('/sources/*', requireSession)
    .route('/sources', sourceRoutes)
    .use('/targets/*', requireSession)
    .route('/targets', targetRoutes)
    .use('/spend/*', requireSession)
    .route('/spend', spendRoutes)
    .route('/subscriptions', subscriptionRoutes)
    .use('/imports/*', requireSession)
    .route('/imports', importRoutes)
    .use('/connectors/*', requireSession)
    .route('/connectors', connectorRoutes)
    .route('/connectors', connectorMappingRoutes)
    .use('/tokens/*', requireSession)
    .route('/tokens', tokenRoutes)
    .use('/users/*', requireSession)
    .route('/users', userRoutes)
    .use('/audit/*', requireSession)
    .route('/audit', auditRoutes)
    // Scripts and integrations: an API token, not a session.
    .use('/ingest/*', requireToken, ingestRateLimit)
    .route('/ingest', ingestRoutes);

  const jsonBodyLimit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: () => {
      throw new AppError('payload_too_large', 'the request body is over 1 MB');
    },
  });

  const routes: { list: RouterRoute[] } = { list: [] };
  let openApi: ReturnType<typeof openApiDocument> | undefined;
  const origin = publicOrigin(deps.publicUrl);
  const app = new Hono<AppEnv>()
    .use('*', async (c, next) => {
      c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) || randomUUID());
      c.set('deps', deps);
      c.set('publicOrigin', origin);
      await next();
    })
    .use('*', responseHeaders({ hsts: origin?.protocol === 'https:' }))
    .use('*', allowedHostsOnly)
    .use('*', compress())
    // Cookie-authenticated writes must come from our own origin.
    .use('/api/*', sameOriginWrites)
    // Imports stream uploads of up to 2 GB and ingestion takes 10 MB: their routes set their own limits.
    .use('/api/*', (c, next) =>
      /^\/api\/(imports|ingest)(\/|$)/.test(c.req.path) ? next() : jsonBodyLimit(c, next),
    )
    // Who may call which route: the role matrix (auth/role-matrix.ts).
    .use('/api/*', authorize)
    .route('/api', api)
    // Read off the finished app on first request, so every route is in it.
    .get('/api/openapi.json', responds(openApiAnswer), (c) => {
      openApi ??= openApiDocument(routes.list, deps.version);
      return c.json(openApi);
    })
    // The built web app, when this runtime serves it (the Node entry does).
    .use('*', options.web ?? ((_c, next) => next()))
    .notFound((c) => {
      if (c.req.path.startsWith('/api/'))
        throw new AppError('not_found', `no route ${c.req.method} ${c.req.path}`);
      return c.text('not found', 404);
    })
    .onError(handleError);
  routes.list = app.routes;
  return app;
}

export type App = ReturnType<typeof createApp>;
export type AppType = App;
