import { test } from "node:test";
import assert from "node:assert/strict";
import { formatStatus, ruleIdOf } from "../src/status";

test("status shows the rounded reading age and the finding count", () => {
  const s = formatStatus({ uri: "file:///n.md", version: 3, words: 412, readingAge: 11.4, findings: 3 });
  assert.equal(s.text, "$(book) Reading age 11 · 3 findings");
  assert.match(s.tooltip, /412 words/);
  assert.match(s.tooltip, /reading age 11\.4/);
});

test("one finding, and none", () => {
  assert.match(formatStatus({ uri: "u", words: 1, readingAge: 9, findings: 1 }).text, /· 1 finding$/);
  assert.match(formatStatus({ uri: "u", words: 1, readingAge: 9, findings: 0 }).text, /· no findings$/);
});

test("no reading age yet (an empty note) shows a dash, not NaN", () => {
  const s = formatStatus({ uri: "u", words: 0, readingAge: null, findings: 0 });
  assert.equal(s.text, "$(book) Reading age – · no findings");
  assert.doesNotMatch(s.tooltip, /NaN|null|undefined/);
});

test("the rule id comes from a diagnostic code as a string or with a link", () => {
  assert.equal(ruleIdOf("long-sentence"), "long-sentence");
  assert.equal(ruleIdOf({ value: "jargon", target: "file:///docs/rules/jargon.md" }), "jargon");
  assert.equal(ruleIdOf(undefined), undefined);
  assert.equal(ruleIdOf(""), undefined);
});
