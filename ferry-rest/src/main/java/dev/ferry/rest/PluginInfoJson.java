package dev.ferry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ferry.runtime.model.PluginDescriptor;

/** Apache's {@code PluginInfo} shape; {@code version} is left out when the plugin reports none. */
record PluginInfoJson(@JsonProperty("class") String className,
                      String type,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String version) {

    static PluginInfoJson of(PluginDescriptor plugin) {
        String version = PluginDescriptor.UNDEFINED_VERSION.equals(plugin.version()) ? null : plugin.version();
        return new PluginInfoJson(plugin.className(), plugin.type().jsonName(), version);
    }
}
