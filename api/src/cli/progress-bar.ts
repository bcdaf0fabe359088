/** A one-line progress bar for long CLI work; plain lines when the output is not a terminal. */
export function progressBar(out: NodeJS.WriteStream) {
  const width = 30;
  let lastLine = '';
  let lastPhase = '';
  let lastShare = 0;
  return {
    update(phase: string, done: number, total: number) {
      const share = total > 0 ? Math.min(done / total, 1) : 1;
      const filled = Math.round(share * width);
      const counts = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
      const line = `${phase.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)}% ${counts}`;
      const newPhase = phase !== lastPhase;
      if (out.isTTY) {
        if (newPhase && lastPhase) out.write('\n');
        if (line !== lastLine) out.write(`\r${line}`);
      } else if (newPhase || share - lastShare >= 0.25 || done === total) {
        out.write(`${line}\n`);
        lastShare = share;
      }
      lastPhase = phase;
      lastLine = line;
    },
    done() {
      if (out.isTTY && lastLine) out.write('\n');
    },
  };
}
