/** `SMTP_URL` and `MAIL_FROM`: where mail goes out, and whom it comes from. */
export interface MailSettings {
  smtpUrl: string;
  from: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  headers?: Record<string, string>;
}

// A slice holds its job's lease (60 s): a mail server that does not answer fails the attempt well before.
const timeoutMs = 15_000;

/**
 * Sends one mail over SMTP with nodemailer (loaded on first use: the API's cold start does not pay for
 * it). A recipient the server refuses is a failure, so the delivery is retried and its error recorded.
 */
export async function sendMail(settings: MailSettings, mail: OutgoingMail): Promise<{ messageId: string }> {
  const { createTransport } = await import('nodemailer');
  const url = new URL(settings.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transport = createTransport({
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const info = await transport.sendMail({ from: settings.from, ...mail });
    if (info.rejected.length > 0) throw new Error(`the mail server refused ${info.rejected.join(', ')}`);
    return { messageId: info.messageId };
  } finally {
    transport.close();
  }
}

/** The mail server named without its password, for messages and logs. */
export function describeSmtp(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}`;
}
