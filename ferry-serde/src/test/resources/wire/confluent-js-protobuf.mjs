// Writes confluent-js-protobuf.txt: Protobuf messages framed by Confluent's own JavaScript serializer
// (npm @confluentinc/schemaregistry 1.10.1 with @bufbuild/protobuf, Apache-2.0) against its mock registry (first id
// 1), and the schema text it registers (the base64 FileDescriptorProto form). ConfluentJsRecordsTest reads them.
// Run: npm install @confluentinc/schemaregistry@1.10.1 && node confluent-js-protobuf.mjs > confluent-js-protobuf.txt
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const { create, createFileRegistry, createMutableRegistry } = require('@bufbuild/protobuf');
const { FileDescriptorProtoSchema, FileDescriptorSetSchema } = require('@bufbuild/protobuf/wkt');
const { ProtobufSerializer } = require('@confluentinc/schemaregistry/dist/serde/protobuf.js');
const { SerdeType } = require('@confluentinc/schemaregistry/dist/serde/serde.js');
const { MockClient } = require('@confluentinc/schemaregistry/dist/mock-schemaregistry-client.js');

// Field types: 3 = int64, 9 = string; labels: 1 = optional, 3 = repeated.
const file = create(FileDescriptorProtoSchema, {
  name: 'acme/shop.proto', package: 'acme.shop', syntax: 'proto3',
  messageType: [
    { name: 'Order', field: [
      { name: 'id', number: 1, type: 3, label: 1, jsonName: 'id' },
      { name: 'item', number: 2, type: 9, label: 1, jsonName: 'item' }],
      nestedType: [{ name: 'Line', field: [{ name: 'sku', number: 1, type: 9, label: 1, jsonName: 'sku' }] }] },
    { name: 'Refund', field: [
      { name: 'order_id', number: 1, type: 3, label: 1, jsonName: 'orderId' },
      { name: 'reasons', number: 2, type: 9, label: 3, jsonName: 'reasons' }] },
  ],
});
const files = createFileRegistry(create(FileDescriptorSetSchema, { file: [file] }));
const client = new MockClient({ baseURLs: ['mock://'] });
const ser = new ProtobufSerializer(client, SerdeType.VALUE,
  { autoRegisterSchemas: true, registry: createMutableRegistry(files.getFile('acme/shop.proto')) });
const messages = [
  create(files.getMessage('acme.shop.Order'), { id: 7n, item: 'book' }),
  create(files.getMessage('acme.shop.Refund'), { orderId: 7n, reasons: ['late', 'torn'] }),
  create(files.getMessage('acme.shop.Order.Line'), { sku: 'A-1' }),
];
const out = ['# message type | framed record hex with schema id 1, made by @confluentinc/schemaregistry 1.10.1 '
  + '(see confluent-js-protobuf.mjs); the schema line is the text it registered'];
for (const message of messages) {
  out.push(`${message.$typeName} | ${(await ser.serialize('shop', message)).toString('hex')}`);
}
out.push(`schema | ${(await client.getLatestSchemaMetadata('shop-value')).schema}`);
console.log(out.join('\n'));
