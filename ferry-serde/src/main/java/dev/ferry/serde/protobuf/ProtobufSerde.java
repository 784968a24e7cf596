package dev.ferry.serde.protobuf;

import com.google.protobuf.Message;
import dev.ferry.serde.client.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Serdes;

/** The Protobuf serializer and deserializer as one Kafka {@code Serde}, for Kafka Streams. */
public class ProtobufSerde<T extends Message> extends Serdes.WrapperSerde<T> {

    public ProtobufSerde() {
        super(new KafkaProtobufSerializer<>(), new KafkaProtobufDeserializer<>());
    }

    /** A serde on a client the application shares and closes itself. */
    public ProtobufSerde(SchemaRegistryClient client) {
        super(new KafkaProtobufSerializer<>(client), new KafkaProtobufDeserializer<>(client));
    }
}
