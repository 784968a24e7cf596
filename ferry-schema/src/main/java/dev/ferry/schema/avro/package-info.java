/**
 * Avro schemas for the registry and the serdes, parsed and compared by Apache Avro itself.
 *
 * <h2>Parsing and references</h2>
 * Confluent's registry resolves an Avro reference by parsing the referenced schema's text into the same
 * {@code Schema.Parser} before the referring schema, so that the referring schema can use the referenced types by
 * full name. {@link dev.ferry.schema.avro.AvroSchemaParser} does the same and tolerates referenced texts in any
 * order. Default values are checked against their field types only for schemas being registered
 * ({@code SchemaProvider.parseNew}), as Confluent does: a schema already stored stays readable.
 *
 * <h2>Texts</h2>
 * The canonical text is Avro's compact JSON with referenced types written by name; it is what the registry stores,
 * hashes and returns. Normalisation writes the schema in one fixed shape (full names, sorted aliases and custom
 * properties, no empty docs) and parses it again, which is what Confluent's {@code normalize=true} does.
 *
 * <h2>Compatibility</h2>
 * Avro's {@code SchemaCompatibility} decides; {@link dev.ferry.schema.avro.AvroIncompatibilityMessage} words each
 * incompatibility as Confluent's registry does, adding the dotted field name to Avro's location so a user need not
 * count fields.
 */
package dev.ferry.schema.avro;
