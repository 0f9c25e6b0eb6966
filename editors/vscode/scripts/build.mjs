// Bundles the extension (dist/extension.js) with esbuild; with --tests, also the unit tests
// (out/test/*.test.js) and the settings generator (out/gen-settings.js).
import { build } from "esbuild";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  loader: { ".toml": "text" },
  logLevel: "warning",
  absWorkingDir: root,
};

const tests = process.argv.includes("--tests");
const production = process.argv.includes("--production");

if (!tests || process.argv.includes("--all")) {
  await build({
    ...common,
    entryPoints: ["src/extension.ts"],
    outfile: "dist/extension.js",
    external: ["vscode"],
    minify: production,
    sourcemap: !production,
  });
}
if (tests || process.argv.includes("--all")) {
  const testFiles = readdirSync(join(root, "test"))
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => `test/${f}`);
  await build({ ...common, entryPoints: testFiles, outdir: "out/test", external: ["vscode"] });
  await build({ ...common, entryPoints: ["scripts/gen-settings.ts"], outfile: "out/gen-settings.js" });
}
