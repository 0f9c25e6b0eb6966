// `npm run gen-settings`: writes `contributes.configuration` in package.json from the server's
// configuration schema (casenote.schema.json at the repository root, the output of
// `casenote config-schema`). With --check, changes nothing and fails if package.json is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configurationFromSchema } from "../src/settings";

const root = process.cwd();
const schemaPath = process.env["CASENOTE_SCHEMA"] ?? join(root, "..", "..", "casenote.schema.json");
const manifestPath = join(root, "package.json");

const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const before = JSON.stringify(manifest.contributes.configuration);
manifest.contributes.configuration = configurationFromSchema(schema);
const after = JSON.stringify(manifest.contributes.configuration);

if (process.argv.includes("--check")) {
  if (before !== after) {
    console.error(
      "package.json's settings differ from casenote.schema.json: run `npm run gen-settings` in editors/vscode.",
    );
    process.exit(1);
  }
  console.log("package.json's settings match casenote.schema.json.");
} else {
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  console.log(`Wrote ${manifest.contributes.configuration.length} settings sections to package.json.`);
}
