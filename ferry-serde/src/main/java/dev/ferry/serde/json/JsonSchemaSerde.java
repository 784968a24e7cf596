package dev.ferry.serde.json;

import dev.ferry.serde.client.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serdes;

/** The JSON Schema serializer and deserializer as one Kafka {@code Serde}, for Kafka Streams. */
public class JsonSchemaSerde<T> extends Serdes.WrapperSerde<T> {

    public JsonSchemaSerde() {
        super(new KafkaJsonSchemaSerializer<>(), new KafkaJsonSchemaDeserializer<>());
    }

    /** A serde on a client the application shares and closes itself. */
    public JsonSchemaSerde(SchemaRegistryClient client) {
        super(new KafkaJsonSchemaSerializer<>(client), new KafkaJsonSchemaDeserializer<>(client));
    }
}
