import { z } from 'zod';
import { isSecretsKey } from './auth/secrets';
import type { MailSettings } from './delivery/mailer';

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|file:)/, 'must start with postgres://, postgresql:// or file:')
    .optional(),
  DB_DRIVER: z.enum(['pglite', 'postgres', 'neon']).optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      message: 'must be an http:// or https:// origin, such as https://pipeline.example.com',
    })
    .optional(),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  // The bearer credential schedulers send to POST /api/jobs/tick (docs/decisions/0020).
  CRON_SECRET: z.string().min(16, 'must be at least 16 characters (a random string)').optional(),
  // HubSpot's API origin: its regional hosts, or a local server in tests. Default https://api.hubapi.com.
  HUBSPOT_API_BASE: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  // Where rate limits count: `memory` (one instance) or `database` (every instance shares the counts).
  RATE_LIMIT_STORE: z.enum(['memory', 'database']).optional(),
  SECRETS_KEY: z
    .string()
    .refine(isSecretsKey, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
    .optional(),
  SECRETS_KEY_PREVIOUS: z
    .string()
    .refine(isSecretsKey, 'must be 32 random bytes in base64, the key SECRETS_KEY replaces')
    .optional(),
  // Where subscriptions' mail goes out (smtp://user:pass@host:587, smtps://…:465) and whom it comes from.
  SMTP_URL: z
    .string()
    .refine((value) => URL.canParse(value) && /^smtps?:$/.test(new URL(value).protocol), {
      message: 'must be an smtp:// or smtps:// URL, such as smtp://user:password@mail.example.com:587',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(
      /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/,
      'must be an address, such as "SalesReady <reports@example.com>"',
    )
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Mail settings when both are set; one without the other is refused by `parseEnv`. */
export function mailSettings(env: Env): MailSettings | undefined {
  return env.SMTP_URL && env.MAIL_FROM ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM } : undefined;
}

/** Parses the environment, or throws one message listing every missing or invalid value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema
    .refine((e) => Boolean(e.SMTP_URL) === Boolean(e.MAIL_FROM), {
      message: 'SMTP_URL and MAIL_FROM go together: set both, or neither',
      path: ['MAIL_FROM'],
    })
    .safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
