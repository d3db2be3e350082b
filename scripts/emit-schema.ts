import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildAppSchema } from '../src/app/schema';
import { segmentDefinitionJsonSchema } from '../src/segments/dsl/json-schema';

/** Writes the SDL (and the segment definition JSON Schema) that CI compares with the committed copies. */
async function main() {
  const schema = buildAppSchema();
  const dir = path.join(__dirname, '..', 'schema');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'schema.graphql'), `${printSchema(lexicographicSortSchema(schema))}\n`);
  fs.writeFileSync(path.join(dir, 'segment-definition.schema.json'), `${JSON.stringify(segmentDefinitionJsonSchema, null, 2)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
