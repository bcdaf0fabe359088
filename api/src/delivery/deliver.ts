import { type Database, selectRows } from '@salesready/db/client';
import { subscriptionDeliveries } from '@salesready/db/schema/index';
import { eq, sql } from 'drizzle-orm';
import { subscriptionSealContext } from '../auth/seal-contexts';
import { SecretBox } from '../auth/secrets';
import type { JobServices } from '../jobs/kind';
import { buildBoardPack } from '../reports/board-pack/index';
import { createShareLink } from '../reports/share-links';
import { type RunContent, runReport } from './contents';
import { type OutgoingMail, sendMail } from './mailer';
import { reportHtml, reportSlack, reportText } from './report';
import { postToSlack } from './slack';

const kindNames = {
  'board-pack': 'the board pack',
  digest: 'the weekly digest',
  alerts: 'the alerts',
} as const;
// How long the link in a board-pack mail opens the quarter's read-only view.
const shareDays = 14;

interface DeliveryRow {
  id: number;
  channel: 'email' | 'slack';
  recipient: string;
  sentAt: string | null;
  subject: string;
  content: string;
  subscriptionId: number;
  kind: keyof typeof kindNames;
  name: string;
  slackWebhook: string | null;
  createdBy: number | null;
  unsubscribeToken: string | null;
  unsubscribed: boolean;
}

/**
 * Sends one delivery of a run: the mail to one recipient (the board pack attached, an expiring link to
 * it, an unsubscribe link of their own) or the message to the Slack webhook. Throws on any failure: the
 * job is retried with backoff, and its error shows on the run. Sent or skipped, it is not sent again.
 */
export async function deliver(
  db: Database,
  deliveryId: number,
  services: JobServices,
  now: Date,
): Promise<'sent' | 'skipped'> {
  const [row] = await selectRows<DeliveryRow>(
    db,
    sql`select d.id, d.channel, d.recipient, d.sent_at::text as "sentAt", r.subject, r.content,
        s.id as "subscriptionId", s.kind, s.name, s.slack_webhook as "slackWebhook", s.created_by as "createdBy",
        rc.unsubscribe_token as "unsubscribeToken", rc.unsubscribed_at is not null as unsubscribed
      from subscription_deliveries d
      join subscription_runs r on r.id = d.run_id
      join subscriptions s on s.id = r.subscription_id
      left join subscription_recipients rc on rc.subscription_id = s.id and rc.email = d.recipient
      where d.id = ${deliveryId}`,
  );
  if (!row || row.sentAt || row.unsubscribed) return 'skipped';
  const appUrl = services.appUrl;
  if (!appUrl) throw new Error('the app has no address for links: set PUBLIC_URL');
  const content = JSON.parse(row.content) as RunContent;
  const what = row.name ? `“${row.name}” (${kindNames[row.kind]})` : kindNames[row.kind];
  const footer = `You receive this because you are subscribed to ${what} in SalesReady.`;
  let messageId: string | null = null;

  if (row.channel === 'slack') {
    if (!row.slackWebhook) return 'skipped';
    const url = await new SecretBox(services.secretsKeys).open(
      row.slackWebhook,
      subscriptionSealContext(row.subscriptionId),
    );
    await postToSlack(url, reportSlack(runReport(content, appUrl, { footer })));
  } else {
    if (!services.mail) throw new Error('mail is not set up on this server: set SMTP_URL and MAIL_FROM');
    const unsubscribeUrl = `${appUrl}/api/subscriptions/unsubscribe?token=${row.unsubscribeToken}`;
    const mail: OutgoingMail = {
      to: row.recipient,
      subject: row.subject,
      text: '',
      html: '',
      // RFC 8058: mail clients offer one-click unsubscribe, POSTing to the same address.
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
    let shareUrl: string | undefined;
    if (content.kind === 'board-pack') {
      const link = await createShareLink(
        db,
        { quarter: content.quarter, days: shareDays, label: `Mailed to ${row.recipient}` },
        row.createdBy,
        now,
      );
      shareUrl = `${appUrl}/share/${link.token}`;
      const pack = await buildBoardPack(db, content.quarter, { now });
      mail.attachments = [
        {
          filename: `salesready-board-pack-${content.quarter}.pdf`,
          content: pack.pdf,
          contentType: 'application/pdf',
        },
      ];
    }
    const report = runReport(content, appUrl, { footer, shareUrl });
    mail.text = reportText(report, unsubscribeUrl);
    mail.html = reportHtml(report, unsubscribeUrl);
    ({ messageId } = await sendMail(services.mail, mail));
  }
  await db
    .update(subscriptionDeliveries)
    .set({ sentAt: now, messageId })
    .where(eq(subscriptionDeliveries.id, deliveryId));
  return 'sent';
}
