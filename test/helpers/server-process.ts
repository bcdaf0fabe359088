// The browser suites and the web benchmark start the server the same way.
export { freePort, type RunningServer, startServer } from '@salesready/api/cli/server-process';
