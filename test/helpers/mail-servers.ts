import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in the test process (smtp-server, nodemailer's own): it parses what it receives
 * with mailparser. `refuse` answers a recipient with an SMTP error (a bounce: 550, or a transient 451)
 * while it returns one.
 */
export async function startSmtpServer() {
  const received: ParsedMail[] = [];
  let refuse: (address: string) => { code: number; message: string } | null = () => null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refuse(address.address);
      if (!refusal) return callback();
      const error = new Error(refusal.message) as Error & { responseCode: number };
      error.responseCode = refusal.code;
      callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseWith(rule: typeof refuse) {
      refuse = rule;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A local stand-in for Slack's incoming webhooks: records each JSON body and answers as Slack does,
 * `200 ok`, or the status and word `answer` returns (Slack's errors: 400 invalid_blocks, 404 no_service…).
 */
export async function startSlackReceiver() {
  const received: { text: string; blocks: Record<string, unknown>[] }[] = [];
  let answer: () => { status: number; body: string } = () => ({ status: 200, body: 'ok' });
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const reply = answer();
      if (reply.status === 200) received.push(JSON.parse(body));
      res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/XXXX`,
    received,
    answerWith(next: typeof answer) {
      answer = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
