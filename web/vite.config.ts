import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Vite requires a default export from its config file.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // ECharts changes far less often than the app: its own chunk stays cached across releases.
        codeSplitting: { groups: [{ name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ }] },
      },
    },
  },
  server: {
    proxy: {
      // Host stays the dev server's, so the API's CSRF check sees a same-origin write.
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
