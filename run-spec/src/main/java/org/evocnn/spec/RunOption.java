package org.evocnn.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JavaType;

import java.util.List;
import java.util.function.Function;

/**
 * One option of a run spec, declared once in {@link RunOptions}: where it sits in the spec's JSON (a dotted path,
 * {@code evolution.fitnessCache}), the Java type its value reads as, how to take its value from a spec (the writer and
 * the defaults use that), the named values it allows (the run page's lists; empty when any value of the type may be
 * given) and what it does.
 *
 * @param <V> the value's type
 */
public final class RunOption<V> {

    /** A named value: what the JSON holds and what a reader is shown. */
    public record Choice(String value, String label) {
    }

    private final String path;
    private final JavaType type;
    private final Function<RunSpec, V> value;
    private final List<Choice> choices;
    private final String doc;

    RunOption(String path, JavaType type, Function<RunSpec, V> value, List<Choice> choices, String doc) {
        this.path = path;
        this.type = type;
        this.value = value;
        this.choices = List.copyOf(choices);
        this.doc = doc;
    }

    public String path() {
        return path;
    }

    public JavaType type() {
        return type;
    }

    /** The option's value in a spec. */
    public V of(RunSpec spec) {
        return value.apply(spec);
    }

    public List<Choice> choices() {
        return choices;
    }

    public String doc() {
        return doc;
    }

    JsonPointer pointer() {
        return JsonPointer.compile("/" + path.replace('.', '/'));
    }

    @Override
    public String toString() {
        return path;
    }
}
