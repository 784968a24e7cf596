package dev.ferry.runtime.plugins;

import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassFileHeaderTest {

    private static byte[] bytesOf(Class<?> klass) throws IOException {
        try (InputStream in = klass.getResourceAsStream(klass.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void parse_readsNameSuperclassAndInterfaces_ofAPluginClass() throws IOException {
        ClassFileHeader header = ClassFileHeader.parse(bytesOf(StringConverter.class));

        assertThat(header.name()).isEqualTo(StringConverter.class.getName());
        assertThat(header.superName()).isEqualTo("java.lang.Object");
        assertThat(header.interfaces()).contains("org.apache.kafka.connect.storage.Converter",
                "org.apache.kafka.connect.storage.HeaderConverter");
        assertThat(header.isPublicConcreteClass()).isTrue();
    }

    @Test
    void parse_marksAbstractClassesAndInterfacesAsNotInstantiable() throws IOException {
        assertThat(ClassFileHeader.parse(bytesOf(PluginVersionException.class)).isPublicConcreteClass()).isTrue();
        assertThat(ClassFileHeader.parse(bytesOf(org.apache.kafka.connect.sink.SinkConnector.class))
                .isPublicConcreteClass()).isFalse();
        assertThat(ClassFileHeader.parse(bytesOf(org.apache.kafka.connect.storage.Converter.class))
                .isPublicConcreteClass()).isFalse();
    }

    @Test
    void parse_rejectsFilesThatAreNotClasses() {
        assertThatThrownBy(() -> ClassFileHeader.parse("not a class".getBytes())).isInstanceOf(IOException.class);
    }
}
