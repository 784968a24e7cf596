package dev.ferry.runtime.plugins;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionsTest {

    @ParameterizedTest
    @CsvSource({
        "1.0, 1.1", "1.1, 2.0", "4.3.1, 4.10.0", "1.0-alpha, 1.0-beta", "1.0-beta, 1.0-rc1", "1.0-rc1, 1.0",
        "1.0-SNAPSHOT, 1.0", "1.0-alpha-1, 1.0-SNAPSHOT", "1.0, 1.0-sp", "1.0-sp, 1.0.1", "1.0a1, 1.0b1",
        "1.0-1, 1.0.1", "undefined, 0.1", "1.0-sp-1, 1.0-foo", "2.0.0-M1, 2.0.0"})
    void mavenVersions_orderOlderFirst(String older, String newer) {
        assertThat(MavenVersion.of(older)).isLessThan(MavenVersion.of(newer));
        assertThat(MavenVersion.of(newer)).isGreaterThan(MavenVersion.of(older));
    }

    @ParameterizedTest
    @CsvSource({"1, 1.0", "1.0, 1.0.0", "1.0, 1-ga", "1.0-final, 1", "1.0-CR1, 1.0-rc1", "1.0a1, 1.0-alpha-1"})
    void mavenVersions_treatEquivalentSpellingsAsEqual(String a, String b) {
        assertThat(MavenVersion.of(a)).isEqualByComparingTo(MavenVersion.of(b));
    }

    @Test
    void versionSpec_bareVersionIsExact() {
        VersionSpec spec = VersionSpec.parse("1.2");

        assertThat(spec.contains("1.2")).isTrue();
        assertThat(spec.contains("1.2.0")).isTrue();
        assertThat(spec.contains("1.3")).isFalse();
        assertThat(spec.toString()).isEqualTo("[1.2,1.2]");
    }

    @Test
    void versionSpec_rangesAndUnions() {
        VersionSpec halfOpen = VersionSpec.parse("[1.0,2.0)");
        VersionSpec union = VersionSpec.parse("(,1.0],[1.5,)");

        assertThat(halfOpen.contains("1.0")).isTrue();
        assertThat(halfOpen.contains("1.9.9")).isTrue();
        assertThat(halfOpen.contains("2.0")).isFalse();
        assertThat(union.contains("0.5")).isTrue();
        assertThat(union.contains("1.2")).isFalse();
        assertThat(union.contains("7")).isTrue();
    }

    @Test
    void versionSpec_latestOrNothingMeansNewest() {
        assertThat(VersionSpec.parse(null)).isNull();
        assertThat(VersionSpec.parse(" ")).isNull();
        assertThat(VersionSpec.parse("latest")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1.0", "[1.0,2.0", "1.0,2.0", "[2.0,1.0]", "(1.0)", "[1.0,2.0,3.0]", "[1.0],", "[,1.0]"})
    void versionSpec_rejectsMalformedText(String spec) {
        assertThatThrownBy(() -> VersionSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }
}
