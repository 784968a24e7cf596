package dev.ferry.serde.avro.test;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** A SpecificRecord written by hand the way Avro's code generator writes one, for the specific reader test. */
public class Payment extends SpecificRecordBase {

    public static final Schema SCHEMA$ = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Payment\","
            + "\"namespace\":\"dev.ferry.serde.avro.test\",\"fields\":[{\"name\":\"id\",\"type\":\"string\","
            + "\"avro.java.string\":\"String\"},{\"name\":\"amount\",\"type\":\"double\"}]}");

    private String id;
    private double amount;

    public Payment() {
    }

    public Payment(String id, double amount) {
        this.id = id;
        this.amount = amount;
    }

    public static Schema getClassSchema() {
        return SCHEMA$;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    public String id() {
        return id;
    }

    public double amount() {
        return amount;
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> id;
            case 1 -> amount;
            default -> throw new IndexOutOfBoundsException(field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> id = value == null ? null : value.toString();
            case 1 -> amount = (Double) value;
            default -> throw new IndexOutOfBoundsException(field);
        }
    }
}
