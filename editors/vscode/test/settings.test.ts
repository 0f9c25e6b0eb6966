import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  configurationFromSchema,
  DEFAULT_SEVERITY,
  EXTENSION_ONLY,
  schemaLeaves,
  serverSettingKeys,
  toServerSettings,
  type ConfigurationSection,
} from "../src/settings";

// Tests run from editors/vscode (npm test).
const schema = JSON.parse(readFileSync(join(process.cwd(), "..", "..", "casenote.schema.json"), "utf8"));
const manifest = JSON.parse(readFileSync(join(process.cwd(), "package.json"), "utf8"));
const sections = manifest.contributes.configuration as ConfigurationSection[];

test("package.json's settings are exactly what gen-settings makes from casenote.schema.json", () => {
  assert.deepEqual(sections, configurationFromSchema(schema), "run `npm run gen-settings`");
});

test("every server configuration key is a setting, and no setting is unknown to the server", () => {
  const fromSchema = schemaLeaves(schema).map(([k]) => `casenote.${k}`).sort();
  assert.deepEqual(serverSettingKeys(sections).sort(), fromSchema);
  for (const k of Object.keys(EXTENSION_ONLY)) assert.ok(!fromSchema.includes(k), `${k} clashes with the server`);
});

test("rule thresholds, severities, dictionaries and calendar are all settings", () => {
  const keys = serverSettingKeys(sections);
  for (const k of [
    "casenote.rules.long-sentence.max-words",
    "casenote.rules.long-sentence.enabled",
    "casenote.rules.jargon.severity",
    "casenote.rules.readability.target-age",
    "casenote.dictionaries.extra",
    "casenote.dictionaries.accept",
    "casenote.calendar.region",
    "casenote.calendar.closures",
    "casenote.languages",
  ]) {
    assert.ok(keys.includes(k), k);
  }
});

test("settings carry the server's defaults", () => {
  const all = Object.assign({}, ...sections.map((s) => s.properties));
  assert.equal(all["casenote.rules.long-sentence.max-words"].default, 25);
  assert.equal(all["casenote.rules.long-sentence.max-words"].type, "integer");
  assert.equal(all["casenote.rules.readability.target-age"].type, "number");
  assert.equal(all["casenote.calendar.region"].default, "england-and-wales");
  assert.deepEqual(all["casenote.calendar.region"].enum, ["england-and-wales", "scotland", "northern-ireland"]);
  assert.equal(all["casenote.rules.jargon.severity"].default, DEFAULT_SEVERITY);
  assert.deepEqual(all["casenote.languages"].default, ["plaintext", "markdown"]);
});

test("settings are sent to the server nested like casenote.toml", () => {
  const values: Record<string, unknown> = {
    "casenote.rules.long-sentence.max-words": 30,
    "casenote.rules.long-sentence.enabled": false,
    "casenote.dictionaries.accept": ["Team Around the Family"],
    "casenote.calendar.region": "scotland",
    "casenote.languages": ["plaintext"],
  };
  const got = toServerSettings(Object.keys(values), (k) => values[k]);
  assert.deepEqual(got, {
    rules: { "long-sentence": { "max-words": 30, enabled: false } },
    dictionaries: { accept: ["Team Around the Family"] },
    calendar: { region: "scotland" },
    languages: ["plaintext"],
  });
});

test("a severity left at 'default' is sent as null, the server's 'use the rule's own'", () => {
  const got = toServerSettings(
    ["casenote.rules.jargon.severity", "casenote.rules.opinion.severity"],
    (k) => (k.includes("jargon") ? DEFAULT_SEVERITY : "hint"),
  );
  assert.deepEqual(got, { rules: { jargon: { severity: null }, opinion: { severity: "hint" } } });
});

test("the extension's own settings (casenote.path) never reach the server", () => {
  const keys = serverSettingKeys(sections);
  assert.ok(!keys.includes("casenote.path"));
  const got = toServerSettings(keys, (k) => (k === "casenote.path" ? "/opt/casenote" : undefined));
  assert.deepEqual(got, {});
});

test("the defaults of every setting, sent to the server, make the default configuration", () => {
  const all: Record<string, { default: unknown }> = Object.assign({}, ...sections.map((s) => s.properties));
  const got = toServerSettings(serverSettingKeys(sections), (k) => all[k].default);
  assert.equal((got.rules as Record<string, Record<string, unknown>>)["long-paragraph"]["max-sentences"], 6);
  assert.equal((got.rules as Record<string, Record<string, unknown>>)["timeliness"]["severity"], null);
  assert.deepEqual(got.dictionaries, { accept: [], extra: [] });
});
