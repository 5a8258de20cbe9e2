// Vite builds the app into --outDir (the CMake target passes ${CMAKE_BINARY_DIR}/web).
// Everything under assets/ is content-hashed, which lets the server cache it for a year.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    target: "es2020",
    sourcemap: false,
    emptyOutDir: true,
    // One small app: a single chunk loads faster than a waterfall of lazy ones.
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npm run dev` proxies the API to a local `backoffice serve`.
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
