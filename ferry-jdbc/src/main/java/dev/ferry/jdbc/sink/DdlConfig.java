package dev.ferry.jdbc.sink;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The sink's keys for changing the database's tables: creating missing ones, adding missing columns. */
final class DdlConfig {
    static final String GROUP = "DDL Support";

    static final String AUTO_CREATE_CONFIG = "auto.create";
    private static final String AUTO_CREATE_DOC = "Whether a missing table is created (CREATE TABLE) from the first "
            + "record's schema, with the primary key pk.mode and pk.fields give.";

    static final String AUTO_EVOLVE_CONFIG = "auto.evolve";
    private static final String AUTO_EVOLVE_DOC = "Whether columns a record has and the table lacks are added "
            + "(ALTER TABLE ... ADD). Only optional fields and fields with a default can be added; columns are never "
            + "dropped or changed.";

    private DdlConfig() {
    }

    static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(AUTO_CREATE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, AUTO_CREATE_DOC, GROUP, ++order,
                        Width.SHORT, "Auto-Create")
                .define(AUTO_EVOLVE_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM, AUTO_EVOLVE_DOC, GROUP, ++order,
                        Width.SHORT, "Auto-Evolve");
    }
}
