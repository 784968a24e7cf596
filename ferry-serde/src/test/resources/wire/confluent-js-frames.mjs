// Writes confluent-js-frames.txt: the same frames as frames.txt, but with the bytes made by Confluent's own
// JavaScript client (npm @confluentinc/schemaregistry 1.10.1, Apache-2.0), so that Ferry's wire format is pinned
// against a third-party implementation and not only against our reading of the published rules.
// Run: npm install @confluentinc/schemaregistry@1.10.1 && node confluent-js-frames.mjs > confluent-js-frames.txt
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const { SchemaId, PrefixSchemaIdSerializer, SerdeType } = require('@confluentinc/schemaregistry/dist/serde/serde.js');

const cases = [
  [1, null, '026869'],
  [258, null, '7b7d'],
  [2147483647, null, '01'],
  [1, [0], '089601'],
  [7, [1], '0801'],
  [65536, [0, 2], '0a00'],
  [3, [3, 1], ''],
  [3, [1, 0, 5], ''],
  [3, [64], ''],
  [3, [200], ''],
  [3, [0, 0], ''],
];
const hex = (buf) => buf.toString('hex').replace(/(..)(?!$)/g, '$1 ');
console.log('# schema id | message indexes (- for none) | payload hex -> framed record hex, made by '
  + '@confluentinc/schemaregistry 1.10.1 (see confluent-js-frames.mjs)');
for (const [id, indexes, payload] of cases) {
  const schemaId = new SchemaId(indexes ? 'PROTOBUF' : 'AVRO', id, undefined, indexes ?? undefined);
  const framed = PrefixSchemaIdSerializer('t', SerdeType.VALUE, Buffer.from(payload, 'hex'), schemaId);
  const shownIndexes = indexes ? '[' + indexes.join(',') + ']' : '-';
  console.log(`${id} | ${shownIndexes} | ${payload === '' ? '-' : hex(Buffer.from(payload, 'hex'))} -> ${hex(framed)}`);
}
