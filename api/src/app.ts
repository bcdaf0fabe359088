import { randomUUID } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './context';
import { AppError, handleError } from './errors';
import { requireSession } from './middleware/require-session';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';

/** Builds the API. No listening, no env, no connection here: entries and tests supply `deps`. */
export function createApp(deps: AppDeps, options: { web?: MiddlewareHandler } = {}) {
  const api = new Hono<AppEnv>()
    .route('/health', healthRoutes)
    .route('/auth', authRoutes)
    .use('/metrics/*', requireSession)
    .route('/metrics', metricsRoutes);

  return (
    new Hono<AppEnv>()
      .use('*', async (c, next) => {
        c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) || randomUUID());
        c.set('deps', deps);
        await next();
        c.header('x-request-id', c.var.requestId);
      })
      .use(
        '*',
        secureHeaders({
          contentSecurityPolicy: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:'],
            frameAncestors: ["'none'"],
          },
          strictTransportSecurity: deps.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
        }),
      )
      // Cookie-authenticated writes must come from our own origin.
      .use('/api/*', csrf())
      .use(
        '/api/*',
        bodyLimit({
          maxSize: 1024 * 1024,
          onError: () => {
            throw new AppError('payload_too_large', 'the request body is over 1 MB');
          },
        }),
      )
      .route('/api', api)
      // The built web app, when this runtime serves it (the Node entry does).
      .use('*', options.web ?? ((_c, next) => next()))
      .notFound((c) => {
        if (c.req.path.startsWith('/api/'))
          throw new AppError('not_found', `no route ${c.req.method} ${c.req.path}`);
        return c.text('not found', 404);
      })
      .onError(handleError)
  );
}

export type App = ReturnType<typeof createApp>;
export type AppType = App;
