/** A message in Slack's incoming-webhook format: blocks, and `text` as the notification's fallback. */
export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/**
 * Posts to a Slack incoming webhook. Slack answers 200 `ok`, or an error status with a word saying why
 * (`invalid_blocks`, `no_service`, `channel_is_archived`): that word is the delivery's error.
 */
export async function postToSlack(webhookUrl: string, message: SlackMessage): Promise<void> {
  const res = await fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
    signal: AbortSignal.timeout(15_000),
    redirect: 'error',
  });
  if (!res.ok) {
    const reason = (await res.text()).slice(0, 200).trim();
    throw new Error(`Slack answered ${res.status}${reason ? `: ${reason}` : ''}`);
  }
}

/** Whether a URL may be a Slack webhook: https on hooks.slack.com, or http on a loopback address in tests. */
export function slackWebhookProblem(url: string, allowLoopback: boolean): string | null {
  if (!URL.canParse(url)) return 'must be a URL such as https://hooks.slack.com/services/…';
  const parsed = new URL(url);
  if (parsed.protocol === 'https:' && parsed.hostname === 'hooks.slack.com') return null;
  if (allowLoopback && /^(127\.0\.0\.1|localhost|\[::1\])$/.test(parsed.hostname)) return null;
  return 'must be a Slack incoming webhook, https://hooks.slack.com/services/…';
}
