// A client written for Confluent Schema Registry (@kafkajs/confluent-schema-registry, from npm), driven by
// NodeRegistryClientIT against `ferry registry`. Commands print one JSON document on stdout:
//   node client.js register <registryUrl>          registers Avro, Protobuf and JSON Schema subjects, encodes an
//                                                  order with each and prints {format: {subject, id, hex}}
//   node client.js decode <registryUrl> <hex>      decodes Confluent-framed bytes (any of the three formats)
'use strict'
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry')

const ORDER_AVRO = {
  type: 'record', name: 'Order', namespace: 'dev.ferry.it',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'customer', type: 'string' },
    { name: 'quantity', type: 'int' },
    { name: 'price', type: 'double' },
    { name: 'paid', type: 'boolean' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attributes', type: { type: 'map', values: 'string' } },
  ],
}

const ORDER_PROTO = `syntax = "proto3";
package dev.ferry.it;

message Order {
  int64 id = 1;
  string customer = 2;
  int32 quantity = 3;
  double price = 4;
  bool paid = 5;
  repeated string tags = 6;
  map<string, string> attributes = 7;
}
`

const ORDER_JSON = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Order',
  type: 'object',
  properties: {
    id: { type: 'integer' },
    customer: { type: 'string' },
    quantity: { type: 'integer' },
    price: { type: 'number' },
    paid: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'customer'],
}

const ORDER = {
  id: 42, customer: 'alice', quantity: 3, price: 9.5, paid: true, note: 'gift',
  tags: ['new', 'priority'], attributes: { channel: 'web' },
}

async function register(registry) {
  const out = {}
  const avro = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(ORDER_AVRO) }, { subject: 'node-orders-avro-value' })
  const again = await registry.register(
    { type: SchemaType.AVRO, schema: JSON.stringify(ORDER_AVRO) }, { subject: 'node-orders-avro-value' })
  if (again.id !== avro.id) throw new Error(`re-registering gave id ${again.id}, first ${avro.id}`)
  out.avro = { subject: 'node-orders-avro-value', id: avro.id, hex: (await registry.encode(avro.id, ORDER)).toString('hex') }

  const proto = await registry.register(
    { type: SchemaType.PROTOBUF, schema: ORDER_PROTO }, { subject: 'node-orders-protobuf-value' })
  const { note, ...protoOrder } = ORDER
  // This client leaves out the message indexes that Confluent's wire format puts between the schema id and a
  // Protobuf payload (its decoder skips leading zero bytes instead), so Confluent's own deserializer cannot read
  // what it encodes either. Insert the one byte 0 that Confluent's serializer writes for the first message.
  const framed = await registry.encode(proto.id, protoOrder)
  const withIndexes = Buffer.concat([framed.subarray(0, 5), Buffer.from([0]), framed.subarray(5)])
  out.protobuf = { subject: 'node-orders-protobuf-value', id: proto.id, hex: withIndexes.toString('hex') }

  const json = await registry.register(
    { type: SchemaType.JSON, schema: JSON.stringify(ORDER_JSON) }, { subject: 'node-orders-json-value' })
  const { note: n, attributes, ...jsonOrder } = ORDER
  out.json = { subject: 'node-orders-json-value', id: json.id, hex: (await registry.encode(json.id, jsonOrder)).toString('hex') }

  // Reads through the registry's other endpoints the client uses.
  out.latestAvroId = await registry.getLatestSchemaId('node-orders-avro-value')
  out.avroIdBySchema = await registry.getRegistryIdBySchema('node-orders-avro-value',
    { type: SchemaType.AVRO, schema: JSON.stringify(ORDER_AVRO) })
  out.avroRoundTrip = await registry.decode(Buffer.from(out.avro.hex, 'hex'))
  return out
}

async function main() {
  const [command, host, hex] = process.argv.slice(2)
  // Connect's JSON Schemas carry Confluent's own keywords (connect.index, connect.type, ...), as Confluent's
  // JsonSchemaConverter writes them; Ajv's strict mode refuses unknown keywords, so it is switched off here as any
  // user of this client reading Connect's topics must.
  const registry = new SchemaRegistry({ host, retry: { retries: 0 } }, { [SchemaType.JSON]: { strict: false } })
  let result
  if (command === 'register') {
    result = await register(registry)
  } else if (command === 'decode') {
    result = await registry.decode(Buffer.from(hex, 'hex'))
  } else {
    throw new Error(`unknown command ${command}; use register or decode`)
  }
  process.stdout.write(JSON.stringify(result, (k, v) => (typeof v === 'bigint' ? v.toString() : v)) + '\n')
}

main().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`)
  process.exit(1)
})
