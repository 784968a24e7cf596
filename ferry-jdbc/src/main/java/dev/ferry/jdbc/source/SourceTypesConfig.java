package dev.ferry.jdbc.source;

import dev.ferry.jdbc.source.types.CalendarSystem;
import dev.ferry.jdbc.source.types.NumericMapping;
import dev.ferry.jdbc.source.types.TimestampGranularity;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

import java.util.Arrays;
import java.util.Locale;

/**
 * How column values become Connect values: {@code numeric.mapping} (and its deprecated predecessor
 * {@code numeric.precision.mapping}), {@code timestamp.granularity} and {@code date.calendar.system}, with
 * Confluent's names and defaults. The rules themselves live in {@link dev.ferry.jdbc.source.types}.
 */
final class SourceTypesConfig {

    static final String NUMERIC_MAPPING_CONFIG = "numeric.mapping";
    private static final String NUMERIC_MAPPING_DOC = "How NUMERIC columns map. none: Connect Decimal. "
            + "precision_only: NUMERIC(p,0) with p <= 18 as INT8/16/32/64 by p. best_fit: also NUMERIC(p,s>0) with "
            + "p <= 18 as FLOAT64. best_fit_eager_double: every NUMERIC with a scale as FLOAT64. Unset: none, or "
            + "precision_only if numeric.precision.mapping is true. DECIMAL columns (MySQL's) stay Decimal.";
    static final String NUMERIC_PRECISION_MAPPING_CONFIG = "numeric.precision.mapping";
    private static final String NUMERIC_PRECISION_MAPPING_DOC = "Deprecated: numeric.mapping=precision_only.";
    static final String TIMESTAMP_GRANULARITY_CONFIG = "timestamp.granularity";
    private static final String TIMESTAMP_GRANULARITY_DOC = "How timestamp columns are written. connect_logical: "
            + "Connect Timestamp (milliseconds). micros_long/nanos_long: microseconds/nanoseconds since the epoch; "
            + "micros_string/nanos_string: the same as text; micros_iso_datetime_string/nanos_iso_datetime_string: "
            + "yyyy-MM-dd'T'HH:mm:ss.SSSSSS(SSS) in db.timezone. Use a micros or nanos form to keep sub-millisecond "
            + "precision.";
    static final String DATE_CALENDAR_SYSTEM_CONFIG = "date.calendar.system";
    private static final String DATE_CALENDAR_SYSTEM_DOC = "The calendar DATE and TIMESTAMP values before "
            + "1582-10-15 are counted in: LEGACY (Julian before the Gregorian cut-over, as java.util.Date) or "
            + "PROLEPTIC_GREGORIAN (as java.time). Later dates are the same in both.";

    private SourceTypesConfig() {
    }

    static ConfigDef addTo(ConfigDef def, int firstOrder) {
        int order = firstOrder;
        return def
                .define(NUMERIC_PRECISION_MAPPING_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                        NUMERIC_PRECISION_MAPPING_DOC, SourceTablesConfig.GROUP, ++order, Width.SHORT,
                        "Map Numeric Values By Precision (deprecated)")
                .define(NUMERIC_MAPPING_CONFIG, Type.STRING, null, new LowerCaseEnum(NumericMapping.class, true),
                        Importance.LOW, NUMERIC_MAPPING_DOC, SourceTablesConfig.GROUP, ++order, Width.SHORT,
                        "Map Numeric Values, Integral or Decimal, By Precision and Scale")
                .define(DATE_CALENDAR_SYSTEM_CONFIG, Type.STRING, CalendarSystem.LEGACY.name(),
                        ConfigDef.ValidString.in(Arrays.stream(CalendarSystem.values()).map(Enum::name)
                                .toArray(String[]::new)),
                        Importance.LOW, DATE_CALENDAR_SYSTEM_DOC, SourceTablesConfig.GROUP, ++order, Width.MEDIUM,
                        "Date Calendar System")
                .define(TIMESTAMP_GRANULARITY_CONFIG, Type.STRING, "connect_logical",
                        new LowerCaseEnum(TimestampGranularity.class, false), Importance.LOW,
                        TIMESTAMP_GRANULARITY_DOC, SourcePollingConfig.GROUP, 100, Width.MEDIUM,
                        "Timestamp granularity for timestamp columns");
    }

    static NumericMapping numericMapping(String mapping, boolean precisionMapping) {
        if (mapping != null) {
            return NumericMapping.valueOf(mapping.strip().toUpperCase(Locale.ROOT));
        }
        return precisionMapping ? NumericMapping.PRECISION_ONLY : NumericMapping.NONE;
    }

    /** One of an enum's constants written in lower case (case ignored); null too when {@code nullable}. */
    private static final class LowerCaseEnum implements ConfigDef.Validator {
        private final Class<? extends Enum<?>> type;
        private final boolean nullable;

        LowerCaseEnum(Class<? extends Enum<?>> type, boolean nullable) {
            this.type = type;
            this.nullable = nullable;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null && nullable) {
                return;
            }
            String given = value == null ? "" : value.toString().strip();
            boolean known = Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.name().equalsIgnoreCase(given));
            if (!known) {
                throw new ConfigException(name, value, "must be one of " + this);
            }
        }

        @Override
        public String toString() {
            return String.join(", ", Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
