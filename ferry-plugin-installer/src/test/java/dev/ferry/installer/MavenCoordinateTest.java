package dev.ferry.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MavenCoordinateTest {

    @Test
    void groupArtifactVersion_isAJar() {
        MavenCoordinate c = MavenCoordinate.parse("io.debezium:debezium-connector-postgres:3.6.1.Final");

        assertThat(c).isEqualTo(new MavenCoordinate("io.debezium", "debezium-connector-postgres", "3.6.1.Final", "",
                "jar"));
        assertThat(c.isArchive()).isFalse();
        assertThat(c.resolverForm()).isEqualTo("io.debezium:debezium-connector-postgres:jar:3.6.1.Final");
    }

    @Test
    void typeThenClassifier_asDebeziumDocumentsIt_isAnArchive() {
        MavenCoordinate c = MavenCoordinate.parse("io.debezium:debezium-connector-postgres:3.6.1.Final:tar.gz:plugin");

        assertThat(c.classifier()).isEqualTo("plugin");
        assertThat(c.extension()).isEqualTo("tar.gz");
        assertThat(c.isArchive()).isTrue();
        assertThat(c.folderName()).isEqualTo("debezium-connector-postgres");
        assertThat(c.resolverForm()).isEqualTo("io.debezium:debezium-connector-postgres:tar.gz:plugin:3.6.1.Final");
    }

    @Test
    void classifierAtType_isTheSameArtifact() {
        assertThat(MavenCoordinate.parse("io.debezium:debezium-connector-postgres:3.6.1.Final:plugin@tar.gz"))
                .isEqualTo(MavenCoordinate.parse("io.debezium:debezium-connector-postgres:3.6.1.Final:tar.gz:plugin"));
    }

    @Test
    void classifierAlone_keepsTheJarType() {
        MavenCoordinate c = MavenCoordinate.parse("g:a:1.0:shaded");

        assertThat(c.classifier()).isEqualTo("shaded");
        assertThat(c.extension()).isEqualTo("jar");
    }

    @Test
    void latestOrMissingParts_areRefused_namingTheAcceptedSpellings() {
        assertThatThrownBy(() -> MavenCoordinate.parse("g:a:LATEST")).isInstanceOf(InstallException.class)
                .hasMessageContaining("name the exact version");
        assertThatThrownBy(() -> MavenCoordinate.parse("g::1.0")).isInstanceOf(InstallException.class)
                .hasMessageContaining("group:artifact:version:type:classifier");
        assertThatThrownBy(() -> MavenCoordinate.parse("a:b:c:d:e:f")).isInstanceOf(InstallException.class)
                .hasMessageContaining("6 parts");
    }

    @Test
    void pathsAndHubNames_doNotLookLikeCoordinates() {
        assertThat(MavenCoordinate.looksLikeCoordinate("debezium/debezium-connector-postgresql:3.6.1")).isFalse();
        assertThat(MavenCoordinate.looksLikeCoordinate("C:\\plugins\\x.jar")).isFalse();
        assertThat(MavenCoordinate.looksLikeCoordinate("g:a:1")).isTrue();
    }
}
