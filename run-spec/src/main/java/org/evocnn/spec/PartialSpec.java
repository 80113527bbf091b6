package org.evocnn.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evocnn.model.json.ModelJson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run spec as a client sends it: some options set, the rest left to the service's defaults. Built with the options'
 * constants, so a tool names an option the way the service reads it and a value of the option's type.
 */
public final class PartialSpec {

    private final Map<RunOption<?>, Object> values = new LinkedHashMap<>();

    /** Sets an option; a choice option's value must be one of its names. */
    public <V> PartialSpec set(RunOption<V> option, V value) {
        if (!option.choices().isEmpty()) {
            RunOptions.chosen(castChoice(option), (String) value);
        }
        values.put(option, value);
        return this;
    }

    @SuppressWarnings("unchecked")
    private static RunOption<String> castChoice(RunOption<?> option) {
        return (RunOption<String>) option;
    }

    /** The JSON body: the options set, each at its path. */
    public ObjectNode json() {
        ObjectNode document = ModelJson.mapper().createObjectNode();
        values.forEach((option, value) -> RunSpecJson.put(document, option.path(),
                ModelJson.mapper().valueToTree(value)));
        return document;
    }

    @Override
    public String toString() {
        return json().toString();
    }
}
