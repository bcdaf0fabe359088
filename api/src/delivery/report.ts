import type { SlackMessage } from './slack';

/**
 * What a delivered report says, once: a title, a summary line and sections of labelled values, each
 * section with the link to the page behind it. Rendered three ways from this one shape (HTML mail, its
 * plain-text part, Slack blocks), so the three never disagree.
 */
export interface ReportLine {
  label: string;
  value: string;
  note?: string;
}

export interface ReportSection {
  heading: string;
  lines?: ReportLine[];
  paragraphs?: string[];
  link?: { text: string; url: string };
}

export interface Report {
  title: string;
  summary: string;
  sections: ReportSection[];
  /** Why the reader gets it (the subscription), printed at the foot. */
  footer: string;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Inline styles only: mail clients drop <style> blocks and external sheets.
const font = 'font-family:Helvetica,Arial,sans-serif;color:#1f2933;';

export function reportHtml(report: Report, unsubscribeUrl?: string): string {
  const sections = report.sections
    .map((s) => {
      const rows = (s.lines ?? [])
        .map(
          (l) =>
            `<tr><td style="${font}padding:4px 12px 4px 0;font-size:14px;">${escapeHtml(l.label)}</td>` +
            `<td style="${font}padding:4px 12px 4px 0;font-size:14px;font-weight:bold;text-align:right;white-space:nowrap;">${escapeHtml(l.value)}</td>` +
            `<td style="${font}padding:4px 0;font-size:13px;color:#52606d;">${escapeHtml(l.note ?? '')}</td></tr>`,
        )
        .join('');
      const table = rows
        ? `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 8px 0;">${rows}</table>`
        : '';
      const paragraphs = (s.paragraphs ?? [])
        .map((p) => `<p style="${font}font-size:14px;margin:0 0 6px 0;">${escapeHtml(p)}</p>`)
        .join('');
      const link = s.link
        ? `<p style="${font}font-size:14px;margin:0 0 4px 0;"><a href="${escapeHtml(s.link.url)}" style="color:#0b5cad;">${escapeHtml(s.link.text)}</a></p>`
        : '';
      return `<h2 style="${font}font-size:16px;margin:20px 0 8px 0;">${escapeHtml(s.heading)}</h2>${table}${paragraphs}${link}`;
    })
    .join('');
  const unsubscribe = unsubscribeUrl
    ? ` <a href="${escapeHtml(unsubscribeUrl)}" style="color:#52606d;">Unsubscribe</a>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title></head>
<body style="margin:0;padding:24px;background:#ffffff;">
<h1 style="${font}font-size:20px;margin:0 0 8px 0;">${escapeHtml(report.title)}</h1>
<p style="${font}font-size:15px;margin:0 0 8px 0;">${escapeHtml(report.summary)}</p>
${sections}
<p style="${font}font-size:12px;color:#52606d;margin:24px 0 0 0;">${escapeHtml(report.footer)}${unsubscribe}</p>
</body></html>`;
}

export function reportText(report: Report, unsubscribeUrl?: string): string {
  const out = [report.title, '', report.summary];
  for (const s of report.sections) {
    out.push('', s.heading.toUpperCase());
    for (const l of s.lines ?? []) out.push(`  ${l.label}: ${l.value}${l.note ? ` (${l.note})` : ''}`);
    for (const p of s.paragraphs ?? []) out.push(`  ${p}`);
    if (s.link) out.push(`  ${s.link.text}: ${s.link.url}`);
  }
  out.push('', report.footer);
  if (unsubscribeUrl) out.push(`Unsubscribe: ${unsubscribeUrl}`);
  return `${out.join('\n')}\n`;
}

// Slack's mrkdwn reserves &, < and > (https://api.slack.com/reference/surfaces/formatting#escaping).
const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// A section block's text holds at most 3,000 characters; a header's 150.
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function reportSlack(report: Report): SlackMessage {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(report.title, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(escapeSlack(report.summary), 3000) } },
  ];
  for (const s of report.sections) {
    const lines = [
      `*${escapeSlack(s.heading)}*`,
      ...(s.lines ?? []).map(
        (l) =>
          `• ${escapeSlack(l.label)}: *${escapeSlack(l.value)}*${l.note ? ` _${escapeSlack(l.note)}_` : ''}`,
      ),
      ...(s.paragraphs ?? []).map(escapeSlack),
      ...(s.link ? [`<${s.link.url}|${escapeSlack(s.link.text)}>`] : []),
    ];
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), 3000) } });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: clip(escapeSlack(report.footer), 3000) }],
  });
  // Slack takes at most 50 blocks; the text is what notifications and old clients show.
  return { text: clip(`${report.title}: ${report.summary}`, 3000), blocks: blocks.slice(0, 50) };
}
