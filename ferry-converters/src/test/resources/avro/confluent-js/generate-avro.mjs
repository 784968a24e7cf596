// Writes golden Avro records with Confluent's own JavaScript serializer (@confluentinc/schemaregistry's
// AvroSerializer, which encodes with avsc) against a running Ferry registry: node generate-avro.mjs <registry-url>
import { readFileSync } from "node:fs";
import sr from "@confluentinc/schemaregistry";

const url = process.argv[2];
const dir = process.argv[3] ?? ".";
const client = new sr.SchemaRegistryClient({ baseURLs: [url] });
const out = {};

async function write(subjectTopic, schemaText, message) {
  const id = await client.register(subjectTopic + "-value", { schemaType: "AVRO", schema: schemaText });
  const serializer = new sr.AvroSerializer(client, sr.SerdeType.VALUE,
    { autoRegisterSchemas: false, useLatestVersion: true });
  const bytes = Buffer.from(await serializer.serialize(subjectTopic, message)).toString("hex");
  return { id, bytes };
}

out.order = await write("golden-avro-order", readFileSync(dir + "/order.avsc", "utf8").trim(),
  { tiny: 5, note: null, amount: Buffer.from([0x04, 0xd2]), counts: [{ key: 7, value: "x" }] });
out.user = await write("golden-avro-user", readFileSync(dir + "/foreign-user.avsc", "utf8").trim(),
  { id: 7, kind: "B", choice: "s", hash: Buffer.from([1, 2, 3, 4]), age: 30,
    next: { id: 8, kind: "A", choice: 3, hash: Buffer.from([5, 6, 7, 8]), age: 18, next: null } });
out.decimal = await write("golden-avro-decimal",
  '{"type":"bytes","scale":2,"precision":64,"connect.version":1,"connect.parameters":{"scale":"2"},' +
  '"connect.name":"org.apache.kafka.connect.data.Decimal","logicalType":"decimal"}', Buffer.from([0x04, 0xd2]));
console.log(JSON.stringify(out, null, 2));
