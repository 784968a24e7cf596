// Writes confluent-js-records.txt: Avro and JSON Schema records framed by Confluent's own JavaScript serializers
// (npm @confluentinc/schemaregistry 1.10.1, Apache-2.0) against its mock registry, where the first schema gets id 1.
// ConfluentJsRecordsTest reads them with Ferry's deserializers and checks Ferry's serializers write the same bytes.
// Run: npm install @confluentinc/schemaregistry@1.10.1 && node confluent-js-records.mjs > confluent-js-records.txt
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const { AvroSerializer } = require('@confluentinc/schemaregistry/dist/serde/avro.js');
const { JsonSerializer } = require('@confluentinc/schemaregistry/dist/serde/json.js');
const { SerdeType } = require('@confluentinc/schemaregistry/dist/serde/serde.js');
const { MockClient } = require('@confluentinc/schemaregistry/dist/mock-schemaregistry-client.js');

const avroSchema = JSON.stringify({
  type: 'record', name: 'Order', namespace: 'com.acme', fields: [
    { name: 'id', type: 'long' },
    { name: 'customer', type: 'string' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'lines', type: { type: 'array', items: 'int' } },
    { name: 'price', type: 'double' },
  ],
});
const jsonSchema = JSON.stringify({
  type: 'object', title: 'com.acme.Person',
  properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name'],
});

const hex = (buf) => buf.toString('hex');
const out = ['# format | schema (JSON string) | value (JSON) | framed record hex with schema id 1, made by '
  + '@confluentinc/schemaregistry 1.10.1 (see confluent-js-records.mjs)'];

{
  const client = new MockClient({ baseURLs: ['mock://'] });
  await client.register('orders-value', { schemaType: 'AVRO', schema: avroSchema });
  const ser = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
  for (const value of [
    { id: 7, customer: 'Ada', note: null, lines: [1, 2, 3], price: 12.5 },
    { id: -1, customer: 'Zoë', note: 'gift', lines: [], price: 0.1 },
  ]) {
    const bytes = await ser.serialize('orders', value);
    const shown = JSON.stringify(value);
    out.push(`AVRO | ${JSON.stringify(avroSchema)} | ${shown} | ${hex(bytes)}`);
  }
}
{
  const client = new MockClient({ baseURLs: ['mock://'] });
  await client.register('people-value', { schemaType: 'JSON', schema: jsonSchema });
  const ser = new JsonSerializer(client, SerdeType.VALUE, { useLatestVersion: true, validate: true });
  for (const value of [{ name: 'Ada', age: 36 }, { name: 'Bo' }]) {
    const bytes = await ser.serialize('people', value);
    out.push(`JSON | ${JSON.stringify(jsonSchema)} | ${JSON.stringify(value)} | ${hex(bytes)}`);
  }
}
console.log(out.join('\n'));
