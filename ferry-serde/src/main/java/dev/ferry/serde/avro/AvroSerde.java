package dev.ferry.serde.avro;

import dev.ferry.serde.client.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The Avro serializer and deserializer as one Kafka {@code Serde}, for Kafka Streams (Confluent's
 * {@code GenericAvroSerde}/{@code SpecificAvroSerde} in one: {@code specific.avro.reader} picks the kind).
 */
public class AvroSerde extends Serdes.WrapperSerde<Object> {

    public AvroSerde() {
        super(new KafkaAvroSerializer(), new KafkaAvroDeserializer());
    }

    /** A serde on a client the application shares and closes itself. */
    public AvroSerde(SchemaRegistryClient client) {
        super(new KafkaAvroSerializer(client), new KafkaAvroDeserializer(client));
    }
}
