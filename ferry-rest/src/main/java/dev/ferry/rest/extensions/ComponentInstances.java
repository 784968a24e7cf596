package dev.ferry.rest.extensions;

import dev.ferry.runtime.plugins.LoaderSwap;
import dev.ferry.runtime.plugins.Plugins;
import java.lang.reflect.InvocationTargetException;
import org.apache.kafka.connect.errors.ConnectException;

/** Creates the components an extension registered as classes, with the class's own loader as context loader. */
final class ComponentInstances {
    private ComponentInstances() {
    }

    static Object create(Class<?> type) {
        try (LoaderSwap ignored = Plugins.swapLoader(type.getClassLoader())) {
            return type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new ConnectException("REST extension component " + type.getName() + " threw while being created: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ConnectException("REST extension component " + type.getName() + " cannot be created: " + e
                    + ". Ferry creates registered filter classes through a public no-argument constructor and "
                    + "injects nothing; register an instance instead.", e);
        }
    }
}
