// Writes golden records with Confluent's own JavaScript serializers (@confluentinc/schemaregistry) against a
// running Ferry registry: node generate.mjs <registry-url>
import { create, createFileRegistry, createMutableRegistry } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import sr from "@confluentinc/schemaregistry";

const url = process.argv[2];
const client = new sr.SchemaRegistryClient({ baseURLs: [url] });

const file = create(FileDescriptorProtoSchema, {
  name: "golden.proto",
  package: "dev.ferry.golden",
  syntax: "proto3",
  messageType: [
    { name: "Reading", field: [
      { name: "id", number: 1, label: 1, type: 5, jsonName: "id" },
      { name: "sensor", number: 2, label: 1, type: 9, jsonName: "sensor" },
      { name: "temp", number: 3, label: 1, type: 1, jsonName: "temp" },
      { name: "tags", number: 4, label: 3, type: 9, jsonName: "tags" } ] },
    { name: "Outer", nestedType: [ { name: "Inner", field: [
      { name: "b", number: 1, label: 1, type: 3, jsonName: "b" } ] } ] } ],
});
const files = createFileRegistry(file, () => undefined);
const registry = createMutableRegistry(...files.files);
const serializer = new sr.ProtobufSerializer(client, sr.SerdeType.VALUE, { autoRegisterSchemas: true, registry });

const reading = create(registry.getMessage("dev.ferry.golden.Reading"), { id: 150, sensor: "hi", temp: 21.5, tags: ["a", "b"] });
const inner = create(registry.getMessage("dev.ferry.golden.Outer.Inner"), { b: 42n });
const out = {};
out.protobufReading = Buffer.from(await serializer.serialize("golden-pb", reading)).toString("hex");
out.protobufInner = Buffer.from(await serializer.serialize("golden-pb", inner)).toString("hex");

const jsonSchema = JSON.stringify({
  $schema: "http://json-schema.org/draft-07/schema#", title: "Reading", type: "object",
  properties: { id: { type: "integer" }, sensor: { type: "string" }, temp: { type: "number" },
    tags: { type: "array", items: { type: "string" } } },
  required: ["id", "sensor"] });
const jsonSerializer = new sr.JsonSerializer(client, sr.SerdeType.VALUE, { autoRegisterSchemas: true });
out.jsonSchema = jsonSchema;
out.jsonReading = Buffer.from(await jsonSerializer.serialize("golden-json",
  { id: 150, sensor: "hi", temp: 21.5, tags: ["a", "b"] }, { schema: jsonSchema, schemaType: "JSON" })).toString("hex");
console.log(JSON.stringify(out, null, 2));
