import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// Every page is an .html file in display/, counter/ or desk/: adding one adds it to the build.
const pages = Object.fromEntries(
  ['display', 'counter', 'desk'].flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.html'))
      .map((f) => [`${dir}/${f.replace(/\.html$/, '')}`, resolve(dir, f)]),
  ),
);

const hub = process.env.YC_HUB ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [svelte()],
  publicDir: 'display/public',
  build: { outDir: 'dist', emptyOutDir: true, rollupOptions: { input: pages } },
  // `npx vite` serves the pages with hot reload against a running hub.
  server: { proxy: { '/api': hub, '/socket.io': { target: hub, ws: true } } },
});
