import { importCommand, importUsage } from './import';
import { secretsCommand, secretsUsage } from './secrets';
import { snapshotsCommand, snapshotsUsage } from './snapshots';

// `pnpm cli <command> …`: one entry for the command-line tools that act on the database.
const commands: Record<string, (args: string[]) => Promise<number>> = {
  import: importCommand,
  secrets: secretsCommand,
  snapshots: snapshotsCommand,
};

const usage = `pnpm cli <command> [options]

Commands:
${importUsage.replace(/^/gm, '  ')}
${secretsUsage.replace(/^/gm, '  ')}
${snapshotsUsage.replace(/^/gm, '  ')}`;

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === '--help' || command === 'help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  const run = commands[command];
  if (!run) {
    console.error(`unknown command "${command}"\n\n${usage}`);
    return 2;
  }
  return run(args);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
