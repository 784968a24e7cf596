/**
 * JSON Schemas for the registry, the JSON Schema serde and converter.
 *
 * <h2>Parsing</h2>
 * A schema is read into a Jackson tree the way Confluent's provider reads it (exact decimals, keys in order), its
 * draft taken from {@code $schema} (draft 7 when absent), checked against that draft's meta-schema, and loaded by
 * the networknt validator with the referenced texts served by {@code $ref} URL
 * ({@link dev.ferry.schema.json.JsonReferences}); nothing is fetched from the network.
 *
 * <h2>Compatibility</h2>
 * Confluent compares JSON Schemas structurally and names each difference ({@code TYPE_CHANGED},
 * {@code OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL}, ...); some kinds are compatible, the rest are reported.
 * This package does the same over the Jackson tree. {@link dev.ferry.schema.json.JsonSchemaView} sees each node
 * as one kind of schema (following {@code $ref}s, splitting a node that is several kinds at once into an allOf),
 * {@link dev.ferry.schema.json.JsonSchemaDiff} walks old and new side by side, and one class per kind holds the
 * rules: {@link dev.ferry.schema.json.JsonObjectDiff} (content models), {@link dev.ferry.schema.json.JsonArrayDiff},
 * {@link dev.ferry.schema.json.JsonCombinedDiff} (branches paired by a maximum matching) and
 * {@link dev.ferry.schema.json.JsonScalarDiff}. The walk carries the set of node pairs in progress, so recursive
 * schemas terminate. The rules are Confluent's default {@code STRICT} policy; {@code LENIENT} is not offered.
 */
package dev.ferry.schema.json;
