/**
 * The JDBC source connector, configured and positioned as Confluent's {@code JdbcSourceConnector}.
 *
 * <ul>
 *   <li>{@link dev.ferry.jdbc.source.JdbcSourceConnector} lists the tables ({@code TableLister}, {@code TableFilter}),
 *       watches for new and dropped ones ({@code TableMonitor}) and splits them over the tasks
 *       ({@code TaskTables}); the short-named subclasses pin the dialect.</li>
 *   <li>{@link dev.ferry.jdbc.source.JdbcSourceTask} runs one {@code TableReader} per table (or the custom query):
 *       {@code BulkReader} for bulk, {@code IncrementalReader} for the incrementing and timestamp modes, with the
 *       offset columns checked first ({@code OffsetColumns}).</li>
 *   <li>Offsets: {@code SourcePartitions} and {@code IncrementalOffset} hold Confluent's shapes.</li>
 *   <li>Configuration: {@code JdbcSourceConfig} composes the shared {@link dev.ferry.jdbc.connection.ConnectionConfig}
 *       with {@code SourceTablesConfig}, {@code SourceModeConfig}, {@code SourcePollingConfig} and
 *       {@code SourceTypesConfig}; {@code SourceConfigChecks} holds the rules across keys.</li>
 *   <li>Column values: {@link dev.ferry.jdbc.source.types}.</li>
 * </ul>
 *
 * <p>Where Ferry's source deliberately differs from Confluent's: an unset {@code mode} means incrementing on each
 * table's auto-increment column (Confluent's refuses the config); on MySQL/MariaDB an unset {@code catalog.pattern}
 * means the database the URL names; a TIME column is not shifted by {@code db.timezone}; PostgreSQL arrays of
 * primitives are read (Confluent's leaves them out); a NUMERIC without a declared precision stays Decimal under
 * {@code best_fit}; {@code max.buffer.size} and {@code poll.linger.ms} are accepted and have no effect.
 */
package dev.ferry.jdbc.source;
