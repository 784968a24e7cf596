package dev.ferry.serde.avro;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;

/**
 * The Avro data models the serdes read and write with: plain, or with Avro's logical-type conversions
 * (decimal as BigDecimal, date as LocalDate, timestamps as Instant, uuid as UUID) when
 * {@code avro.use.logical.type.converters=true}, Confluent's key for it.
 */
final class AvroData {

    static final String USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";

    private AvroData() {
    }

    static GenericData generic(boolean logicalTypes) {
        return logicalTypes ? withConversions(new GenericData()) : GenericData.get();
    }

    static SpecificData specific(ClassLoader loader, boolean logicalTypes) {
        SpecificData data = new SpecificData(loader);
        return logicalTypes ? withConversions(data) : data;
    }

    private static <T extends GenericData> T withConversions(T data) {
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        return data;
    }
}
