package dev.ferry.runtime.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoaderSwapTest {
    private final ClassLoader plugin = new URLClassLoader(new URL[0], null);
    private ClassLoader original;

    @BeforeEach
    void remember() {
        original = Thread.currentThread().getContextClassLoader();
    }

    @AfterEach
    void restore() {
        Thread.currentThread().setContextClassLoader(original);
    }

    @Test
    void swap_makesThePluginLoaderCurrentUntilClosed() {
        try (LoaderSwap ignored = LoaderSwap.to(plugin)) {
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(plugin);
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }

    @Test
    void enterAndExit_swapAndRestore_evenWhenThePluginThrows() {
        assertThatThrownBy(() -> {
            ClassLoader previous = LoaderSwap.enter(plugin);
            try {
                assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(plugin);
                throw new IllegalStateException("plugin failed");
            } finally {
                LoaderSwap.exit(previous);
            }
        }).hasMessage("plugin failed");
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }

    @Test
    void enterAndExit_nest_eachExitRestoringWhatItsEnterFound() {
        ClassLoader other = new URLClassLoader(new URL[0], null);
        ClassLoader outer = LoaderSwap.enter(plugin);
        ClassLoader inner = LoaderSwap.enter(other);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(other);
        LoaderSwap.exit(inner);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(plugin);
        LoaderSwap.exit(outer);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }

    @Test
    void enter_withNoLoader_leavesTheCurrentOne() {
        ClassLoader previous = LoaderSwap.enter(null);
        assertThat(previous).isSameAs(original);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
        LoaderSwap.exit(previous);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }
}
