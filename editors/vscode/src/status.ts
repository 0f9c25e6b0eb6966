// The status bar text for a note, from the server's `casenote/status` notification.
// Pure: unit-tested without VS Code.

/** Params of the server's `casenote/status` notification, sent after each analysis. */
export interface StatusParams {
  uri: string;
  version?: number | null;
  words: number;
  readingAge?: number | null;
  findings: number;
}

export interface StatusText {
  text: string;
  tooltip: string;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatStatus(s: StatusParams): StatusText {
  const age =
    typeof s.readingAge === "number" && Number.isFinite(s.readingAge)
      ? String(Math.round(s.readingAge))
      : "–";
  const findings = s.findings === 0 ? "no findings" : plural(s.findings, "finding", "findings");
  const exactAge =
    typeof s.readingAge === "number" && Number.isFinite(s.readingAge)
      ? `reading age ${s.readingAge.toFixed(1)}`
      : "reading age not measured yet (too few words)";
  return {
    text: `$(book) Reading age ${age} · ${findings}`,
    tooltip: `Casenote: ${plural(s.words, "word", "words")}, ${exactAge}, ${findings}. Click to see the findings.`,
  };
}

/** The rule id in a diagnostic's `code` (a string, or `{ value, target }` when it links to the rule's page). */
export function ruleIdOf(code: unknown): string | undefined {
  if (typeof code === "string" && code) return code;
  if (typeof code === "number") return String(code);
  if (code && typeof code === "object" && "value" in code) return ruleIdOf((code as { value: unknown }).value);
  return undefined;
}
