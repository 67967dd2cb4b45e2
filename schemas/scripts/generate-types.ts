// Generates TypeScript types from the Avro schemas in ../avro (the source of truth), and the
// monitor spec's JSON Schema from its zod schema (src/monitor-spec).
// `--check` regenerates in memory and fails when the checked-in files differ (style rule 31).
import { readdirSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toMonitorJsonSchema } from '../src/monitor-spec/to-monitor-json-schema.ts';

type AvroType = string | AvroType[] | { type: string; [key: string]: unknown };
interface AvroField { name: string; type: AvroType; doc?: string }

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const avroDir = join(root, 'avro');
const outDir = join(root, 'src', 'generated');
const check = process.argv.includes('--check');

const primitive: Record<string, string> = {
  null: 'null', boolean: 'boolean', int: 'number', long: 'number', float: 'number',
  double: 'number', bytes: 'Uint8Array', string: 'string',
};

function toCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function generate(schema: { name: string; doc?: string; fields: AvroField[] }): string {
  const decls: string[] = [];
  const seen = new Set<string>();
  const typeOf = (t: AvroType): string => {
    if (typeof t === 'string') {
      const p = primitive[t];
      if (p !== undefined) return p;
      return t.split('.').pop() ?? t;
    }
    if (Array.isArray(t)) return t.map(typeOf).join(' | ');
    switch (t.type) {
      case 'record': {
        const name = t['name'] as string;
        if (!seen.has(name)) { seen.add(name); decls.push(recordDecl(name, t['fields'] as AvroField[], t['doc'] as string | undefined)); }
        return name;
      }
      case 'enum': {
        const name = t['name'] as string;
        const symbols = t['symbols'] as string[];
        if (!seen.has(name)) {
          seen.add(name);
          decls.push(`export const ${name} = {\n${symbols.map((s) => `  ${s}: '${s}',`).join('\n')}\n} as const;\nexport type ${name} = (typeof ${name})[keyof typeof ${name}];\n`);
        }
        return name;
      }
      case 'map': return `Record<string, ${typeOf(t['values'] as AvroType)}>`;
      case 'array': {
        const item = typeOf(t['items'] as AvroType);
        return item.includes('|') ? `(${item})[]` : `${item}[]`;
      }
      default: return typeOf(t.type);
    }
  };
  const recordDecl = (name: string, fields: AvroField[], doc?: string): string => {
    const lines = fields.map((f) => {
      const comment = f.doc === undefined ? '' : `  /** ${f.doc} */\n`;
      return `${comment}  ${f.name}: ${typeOf(f.type)};`;
    });
    const head = doc === undefined ? '' : `/** ${doc} */\n`;
    return `${head}export interface ${name} {\n${lines.join('\n')}\n}\n`;
  };
  // Nested records and enums are pushed to `decls` while the top-level record is built.
  const top = recordDecl(schema.name, schema.fields, schema.doc);
  const json = JSON.stringify(schema, null, 2);
  return [
    `// Generated from schemas/avro by schemas/scripts/generate-types.ts. Do not edit.`,
    '',
    ...decls,
    top,
    `export const ${toCamel(schema.name)}Schema = ${json} as const;`,
    '',
  ].join('\n');
}

const files = readdirSync(avroDir).filter((f) => f.endsWith('.avsc')).sort();
const stale: string[] = [];
if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
for (const file of files) {
  const schema = JSON.parse(readFileSync(join(avroDir, file), 'utf8')) as { name: string; doc?: string; fields: AvroField[] };
  const out = join(outDir, file.replace(/\.avsc$/, '.ts'));
  const text = generate(schema);
  if (check) {
    if (!existsSync(out) || readFileSync(out, 'utf8') !== text) stale.push(out);
  } else {
    writeFileSync(out, text);
  }
}
const jsonSchemaFile = join(root, 'json', 'monitor-spec.schema.json');
const jsonSchema = `${JSON.stringify(toMonitorJsonSchema(), null, 2)}\n`;
if (check) {
  if (!existsSync(jsonSchemaFile) || readFileSync(jsonSchemaFile, 'utf8') !== jsonSchema) stale.push(jsonSchemaFile);
} else {
  mkdirSync(dirname(jsonSchemaFile), { recursive: true });
  writeFileSync(jsonSchemaFile, jsonSchema);
}
if (stale.length > 0) {
  console.error(`Generated types are out of date with schemas/avro: ${stale.join(', ')}\nRun: npm run schemas:generate`);
  process.exit(1);
}
console.log(check ? `schemas: ${files.length} generated files up to date` : `schemas: generated ${files.length} files`);
