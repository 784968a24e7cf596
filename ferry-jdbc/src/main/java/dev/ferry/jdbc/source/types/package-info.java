/**
 * How the JDBC source turns column values into Connect values: one small {@link
 * dev.ferry.jdbc.source.types.ColumnType} per SQL type, registered per dialect in {@link
 * dev.ferry.jdbc.source.types.ColumnReaders} (the database's own types first, then the generic ANSI ones), and a
 * {@link dev.ferry.jdbc.source.types.RowReader} that builds each query's struct schema from its result metadata. A
 * column is optional in the schema when the result says it may be NULL. A column no type maps is left out of the
 * records with a warning naming it (Confluent's behaviour); select it cast to text to keep it.
 *
 * <h2>Generic (every database)</h2>
 * <table>
 * <caption>JDBC type to Connect schema</caption>
 * <tr><th>JDBC type</th><th>Connect</th></tr>
 * <tr><td>BOOLEAN</td><td>BOOLEAN</td></tr>
 * <tr><td>BIT</td><td>INT8</td></tr>
 * <tr><td>TINYINT / SMALLINT / INTEGER / BIGINT</td><td>INT8 / INT16 / INT32 / INT64; unsigned one size up
 *     (TINYINT INT16, SMALLINT INT32, INTEGER INT64)</td></tr>
 * <tr><td>REAL</td><td>FLOAT32</td></tr>
 * <tr><td>FLOAT, DOUBLE</td><td>FLOAT64</td></tr>
 * <tr><td>NUMERIC(p,s)</td><td>Decimal(scale s, parameter {@code connect.decimal.precision}=p), or per
 *     {@code numeric.mapping}: precision_only INT8/16/32/64 for s=0 and p&lt;=18 (p&lt;=2, 4, 9, 18);
 *     best_fit also FLOAT64 for s&gt;0 and p&lt;=18; best_fit_eager_double FLOAT64 for any s&gt;0. Unknown
 *     precision (0) stays Decimal at scale 127.</td></tr>
 * <tr><td>DECIMAL(p,s)</td><td>Decimal(scale s), whatever numeric.mapping says (as Confluent's)</td></tr>
 * <tr><td>CHAR, VARCHAR, LONGVARCHAR, CLOB and national variants</td><td>STRING</td></tr>
 * <tr><td>SQLXML</td><td>STRING</td></tr>
 * <tr><td>BINARY, VARBINARY, LONGVARBINARY, BLOB</td><td>BYTES</td></tr>
 * <tr><td>DATE</td><td>Date</td></tr>
 * <tr><td>TIME</td><td>Time (milliseconds)</td></tr>
 * <tr><td>TIMESTAMP</td><td>Timestamp, or per {@code timestamp.granularity}: INT64 micros/nanos, or STRING</td></tr>
 * <tr><td>TIMESTAMP WITH TIME ZONE, TIME WITH TIME ZONE</td><td>Timestamp (the instant), Time (UTC time of day)</td></tr>
 * <tr><td>ARRAY, OTHER, STRUCT, REF, ROWID, DISTINCT, JAVA_OBJECT, NULL</td><td>left out</td></tr>
 * </table>
 *
 * <h2>PostgreSQL ({@link dev.ferry.jdbc.source.types.postgres})</h2>
 * boolean and bit(1): BOOLEAN; bit(n&gt;1), varbit: STRING of 0/1; uuid, json, jsonb: STRING; timestamptz:
 * Timestamp of the stored instant; timetz: Time in UTC; numeric: as NUMERIC above (plain {@code numeric} is Decimal
 * scale 127); bytea: BYTES; money: FLOAT64; arrays of smallint, integer, bigint, real, double precision, boolean,
 * text, varchar, char and uuid: ARRAY of INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING (optional elements);
 * interval, inet, cidr, macaddr, geometric types, other arrays: left out.
 *
 * <h2>MySQL and MariaDB ({@link dev.ferry.jdbc.source.types.mysql})</h2>
 * tinyint(1) and boolean: INT8 (the stored number, as Confluent's through MySQL Connector/J); bit(1): INT8 0/1;
 * bit(n&gt;1): BYTES; mediumint: INT32; tinyint, smallint, mediumint and int unsigned: INT16, INT32, INT64 and
 * INT64; bigint unsigned: INT64 (a
 * value of 2^63 or more fails the task naming the column and a CAST to use); decimal: Decimal; float: FLOAT32;
 * double: FLOAT64; datetime(n), timestamp(n): Timestamp; date: Date; year: Date (1 January); time(n): Time;
 * char, varchar, text, enum, set, json: STRING; binary, varbinary, blob, geometry: BYTES.
 *
 * <h2>Time zones</h2>
 * <ul>
 *   <li>A date-time without a zone (PostgreSQL {@code timestamp}, MySQL/MariaDB {@code datetime}) is a local time in
 *       {@code db.timezone} (default UTC): '2024-02-29 13:14:15' with db.timezone=Europe/Berlin is
 *       12:14:15Z. The same zone is used to bind the timestamp bounds of the incremental queries.</li>
 *   <li>A date-time with a zone (PostgreSQL {@code timestamptz}) is its own instant; db.timezone does not change it.
 *       MySQL/MariaDB {@code timestamp} columns are read like {@code datetime} in the session's time zone, so
 *       db.timezone must equal that zone (the server's, UTC in most deployments).</li>
 *   <li>A {@code date} is that day at midnight UTC (Connect's Date counts days), never shifted.</li>
 *   <li>A {@code time} is the time of day as written, never shifted (Confluent's connector shifts it by
 *       db.timezone, which can move it out of the day; with db.timezone=UTC the two agree). PostgreSQL
 *       {@code timetz} is converted to UTC.</li>
 *   <li>Connect's Timestamp and Time hold milliseconds; offsets keep the full precision (timestamp_nanos), and
 *       {@code timestamp.granularity} micros_* or nanos_* carries it into the records.</li>
 *   <li>Before 1582-10-15, DATE and TIMESTAMP follow {@code date.calendar.system} (LEGACY hybrid Julian calendar by
 *       default, as Confluent's; PROLEPTIC_GREGORIAN as java.time).</li>
 * </ul>
 */
package dev.ferry.jdbc.source.types;
