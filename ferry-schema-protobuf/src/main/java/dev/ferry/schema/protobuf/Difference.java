package dev.ferry.schema.protobuf;

/**
 * One change between two Protobuf schemas at a path such as {@code #/Order/3} (field number 3 of message
 * {@code Order}) or {@code #/Order/payment/7} (field 7 in oneof {@code payment}), Confluent's path syntax.
 */
record Difference(DifferenceType type, String path) {

    /** The message as Confluent's registry words compatibility errors: {@code {errorType:"...", description:"..."}}. */
    String message(String reader, String writer) {
        return "{errorType:\"" + type + "\", description:\"" + type.describe(path, reader, writer) + "\"}";
    }
}
