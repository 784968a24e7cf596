package dev.ferry.jdbc.source.types;

import org.apache.kafka.connect.data.Schema;

/**
 * {@code numeric.mapping}: whether a {@code NUMERIC(p,s)} column becomes a Connect Decimal or, where the value fits,
 * a primitive. Applies to JDBC {@code NUMERIC} columns only (PostgreSQL's numeric); JDBC {@code DECIMAL} columns
 * (MySQL's and MariaDB's decimal) are always Decimal, as in Confluent's connector.
 */
public enum NumericMapping {
    /** Always Decimal. */
    NONE,
    /** {@code NUMERIC(p,0)} with {@code 0 < p <= 18}: the smallest integer that holds p digits. */
    PRECISION_ONLY,
    /** As PRECISION_ONLY, also with a negative scale; {@code NUMERIC(p,s>0)} with {@code 0 < p <= 18}: FLOAT64. */
    BEST_FIT,
    /** As BEST_FIT, and every {@code NUMERIC} with a positive scale as FLOAT64 whatever its precision. */
    BEST_FIT_EAGER_DOUBLE;

    /** Digits an INT64 always holds. */
    static final int MAX_INTEGER_PRECISION = 18;
    /** The lowest scale a database reports for a real (not unset) scale: Oracle's -84. */
    static final int LOWEST_SCALE = -84;

    /**
     * The primitive schema for a column of this precision and scale, or null when it stays Decimal. A precision
     * of 0 (PostgreSQL's unconstrained {@code numeric}) is unknown and always stays Decimal.
     */
    Schema.Type primitiveFor(int precision, int scale) {
        boolean integral = scale <= 0 && scale >= LOWEST_SCALE;
        boolean known = precision > 0 && precision <= MAX_INTEGER_PRECISION;
        return switch (this) {
            case NONE -> null;
            case PRECISION_ONLY -> scale == 0 && known ? integerFor(precision) : null;
            case BEST_FIT -> !known ? null : integral ? integerFor(precision) : scale > 0 ? Schema.Type.FLOAT64 : null;
            case BEST_FIT_EAGER_DOUBLE -> integral ? (known ? integerFor(precision) : null)
                    : scale > 0 ? Schema.Type.FLOAT64 : null;
        };
    }

    private static Schema.Type integerFor(int precision) {
        if (precision > 9) {
            return Schema.Type.INT64;
        }
        if (precision > 4) {
            return Schema.Type.INT32;
        }
        return precision > 2 ? Schema.Type.INT16 : Schema.Type.INT8;
    }
}
