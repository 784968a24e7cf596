/**
 * Confluent-compatible schema-registry serdes: the wire format ({@link dev.ferry.serde.wire}), a registry client
 * ({@link dev.ferry.serde.client}), the choice of the registered schema a record is written with
 * ({@link dev.ferry.serde.SchemaWriter}, {@link dev.ferry.serde.SerdeConfig}) and the reading side
 * ({@link dev.ferry.serde.SchemaReader}), with Kafka {@code Serializer}/{@code Deserializer} pairs per format on top
 * ({@link dev.ferry.serde.avro}, {@link dev.ferry.serde.protobuf}, {@link dev.ferry.serde.json}). The config keys are
 * Confluent's, so a producer configured for {@code io.confluent.kafka.serializers.KafkaAvroSerializer} works with
 * {@code dev.ferry.serde.avro.KafkaAvroSerializer} by changing the class name only:
 *
 * <pre>{@code
 * props.put("value.serializer", "dev.ferry.serde.avro.KafkaAvroSerializer");
 * props.put("schema.registry.url", "http://registry-1:8081,http://registry-2:8081");
 * props.put("basic.auth.credentials.source", "USER_INFO");
 * props.put("basic.auth.user.info", "app:secret");
 * }</pre>
 */
package dev.ferry.serde;
