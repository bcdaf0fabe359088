import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let fontBytes: Promise<{ regular: Buffer; bold: Buffer }> | undefined;

/**
 * DejaVu Sans Condensed (from the dejavu-fonts-ttf package): covers ÷ → − ≤ Σ, unlike the PDF base fonts.
 * Read from the package's files; a Worker has no files, and its bundle replaces this module with one
 * carrying the same two files (api/scripts/build.mjs).
 */
export function loadFonts(): Promise<{ regular: Buffer; bold: Buffer }> {
  fontBytes ??= (async () => {
    const [regular, bold] = await Promise.all([
      readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf')),
      readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')),
    ]);
    return { regular, bold };
  })();
  return fontBytes;
}
