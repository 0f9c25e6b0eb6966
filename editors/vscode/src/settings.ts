// The extension's settings and the server's configuration are the same keys: every leaf of
// casenote.schema.json (the JSON Schema of casenote.toml) becomes one VS Code setting named
// `casenote.<dotted key>`. This module turns the schema into `contributes.configuration`
// (run by `npm run gen-settings`) and turns the settings back into the JSON the server reads.
// Pure: no `vscode` import, so it is unit-tested with node's test runner.

/** Settings of the extension itself; they are never sent to the server. */
export const EXTENSION_ONLY: Record<string, SettingSchema> = {
  "casenote.path": {
    type: "string",
    default: "",
    scope: "machine-overridable",
    order: 0,
    markdownDescription:
      "Full path of the `casenote` program to run as the language server. Leave empty to use the server bundled with the extension, or else the `casenote` on your `PATH`. Takes effect after **Casenote: Restart server**.",
  },
};

/** The value a user picks for "keep the rule's own severity" (the server's `null`). */
export const DEFAULT_SEVERITY = "default";

export interface SettingSchema {
  type: string | string[];
  default?: unknown;
  markdownDescription?: string;
  enum?: unknown[];
  markdownEnumDescriptions?: string[];
  items?: unknown;
  minimum?: number;
  scope?: string;
  order?: number;
}

export interface ConfigurationSection {
  id: string;
  title: string;
  order: number;
  properties: Record<string, SettingSchema>;
}

type Json = Record<string, unknown>;

function resolve(root: Json, node: Json): Json {
  const ref = node["$ref"];
  if (typeof ref !== "string") return node;
  const name = ref.replace(/^#\/\$defs\//, "");
  const defs = (root["$defs"] ?? {}) as Record<string, Json>;
  const target = defs[name];
  if (!target) throw new Error(`casenote.schema.json: unknown reference ${ref}`);
  // The referring node's own description and default win over the definition's.
  const { $ref: _ignored, ...rest } = node;
  void _ignored;
  return { ...resolve(root, target), ...rest };
}

/** Every leaf of the schema as [dotted key, schema node], in the schema's order. */
export function schemaLeaves(root: Json): [string, Json][] {
  const out: [string, Json][] = [];
  const walk = (node: Json, prefix: string) => {
    const n = resolve(root, node);
    const props = n["properties"] as Record<string, Json> | undefined;
    if (n["type"] === "object" && props) {
      for (const [k, v] of Object.entries(props)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else {
      out.push([prefix, n]);
    }
  };
  walk(root, "");
  return out;
}

function leafToSetting(root: Json, key: string, node: Json): SettingSchema {
  const description = typeof node["description"] === "string" ? node["description"] : "";
  const anyOf = node["anyOf"] as Json[] | undefined;
  if (anyOf) {
    // Option<T>: T or null. Only optional enums (a rule's severity) occur in the schema.
    const some = anyOf.filter((a) => a["type"] !== "null").map((a) => resolve(root, a));
    if (some.length !== 1 || !Array.isArray(some[0]["enum"]) || anyOf.length !== 2) {
      throw new Error(`casenote.schema.json: ${key}: unsupported anyOf`);
    }
    const values = some[0]["enum"] as string[];
    return {
      type: "string",
      enum: [DEFAULT_SEVERITY, ...values],
      markdownEnumDescriptions: [
        "The rule's own severity.",
        ...values.map((v) => `Show findings as ${v === "information" ? "information" : `${v}s`}.`),
      ],
      default: node["default"] === null ? DEFAULT_SEVERITY : node["default"],
      markdownDescription: description,
    };
  }
  const setting: SettingSchema = {
    type: node["type"] as string,
    default: node["default"],
    markdownDescription: description,
  };
  if (Array.isArray(node["enum"])) setting.enum = node["enum"] as unknown[];
  if (node["items"]) setting.items = node["items"];
  if (typeof node["minimum"] === "number") setting.minimum = node["minimum"];
  if (typeof setting.type !== "string") throw new Error(`casenote.schema.json: ${key}: no type`);
  return setting;
}

const SECTION_TITLES: Record<string, string> = {
  general: "General",
  rules: "Rules",
  dictionaries: "Dictionaries",
  calendar: "Calendar",
};

/** `contributes.configuration`: the extension's own settings, then one section per top-level table. */
export function configurationFromSchema(root: Json): ConfigurationSection[] {
  const sections = new Map<string, ConfigurationSection>();
  const section = (id: string) => {
    let s = sections.get(id);
    if (!s) {
      s = { id: `casenote.${id}`, title: SECTION_TITLES[id] ?? id, order: sections.size, properties: {} };
      sections.set(id, s);
    }
    return s;
  };
  const general = section("general");
  Object.assign(general.properties, EXTENSION_ONLY);
  let order = Object.keys(EXTENSION_ONLY).length;
  for (const [key, node] of schemaLeaves(root)) {
    const top = key.includes(".") ? key.split(".")[0] : "general";
    const setting = leafToSetting(root, key, node);
    setting.order = order++;
    section(top).properties[`casenote.${key}`] = setting;
  }
  return [...sections.values()];
}

/** The setting keys (`casenote.…`) that mirror server configuration, from a manifest's sections. */
export function serverSettingKeys(sections: ConfigurationSection[]): string[] {
  return sections
    .flatMap((s) => Object.keys(s.properties))
    .filter((k) => !(k in EXTENSION_ONLY));
}

/**
 * The `casenote` section the server reads from `initializationOptions` and
 * `workspace/didChangeConfiguration`: the same nesting as casenote.toml.
 * `get` returns a setting's current value (e.g. `workspace.getConfiguration().get`).
 */
export function toServerSettings(keys: string[], get: (key: string) => unknown): Json {
  const out: Json = {};
  for (const key of keys) {
    const path = key.replace(/^casenote\./, "").split(".");
    let value = get(key);
    if (value === undefined) continue;
    if (path[path.length - 1] === "severity" && value === DEFAULT_SEVERITY) value = null;
    let table = out;
    for (const part of path.slice(0, -1)) {
      if (typeof table[part] !== "object" || table[part] === null) table[part] = {};
      table = table[part] as Json;
    }
    table[path[path.length - 1]] = value;
  }
  return out;
}
