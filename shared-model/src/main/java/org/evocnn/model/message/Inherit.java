package org.evocnn.model.message;

import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.LayerSource;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Weight inheritance in a fitness request (docs/inheritance.md). Its presence means: train on the training part of
 * one fixed holdout split (the first of the task's k folds validates; never k-fold, whose other folds would let
 * inherited weights see validation images), start the layers their sources name from the parents' trained weights,
 * and send the trained network back with the result. The parents whose weights travel are the body of the request, a
 * bytes message: their model files one after the other, in the order of {@code parents}, each {@code bytes} long.
 *
 * @param parents the parents the layers name, each with its weights' hash and size, or why they do not travel
 * @param layers  one source per layer of the child's network; empty: every layer fresh (a random genome)
 */
public record Inherit(List<Parent> parents, List<LayerSource> layers) {

    /** Nothing inherited (a random genome), but the trained weights are still wanted. */
    public static final Inherit NOTHING = new Inherit(List.of(), List.of());

    public Inherit {
        parents = List.copyOf(FieldException.required("parents", parents));
        layers = List.copyOf(FieldException.required("layers", layers));
    }

    /**
     * A parent of the child, by evaluation sequence in the run.
     *
     * @param sha256        of its model file, which the request's body carries; null when {@code missing}
     * @param bytes         that file's size; 0 when missing
     * @param lineageEpochs epochs of training its weights hold, its ancestors' included
     * @param missing       why its weights do not travel (e.g. its file is gone); null when they do
     */
    public record Parent(long sequence, String sha256, long bytes, int lineageEpochs, String missing) {

        public Parent {
            FieldException.inRange("lineageEpochs", lineageEpochs, 0, Integer.MAX_VALUE);
            if (missing == null) {
                new ModelRef(sha256, bytes, null); // checks the hash and the size
            } else {
                FieldException.nonBlank("missing", missing);
            }
        }

        public static Parent sent(long sequence, ModelRef weights, int lineageEpochs) {
            return new Parent(sequence, weights.sha256(), weights.bytes(), lineageEpochs, null);
        }

        public static Parent missing(long sequence, String why) {
            return new Parent(sequence, null, 0, 0, why);
        }

        public boolean travels() {
            return missing == null;
        }
    }

    /** The parents whose weights are in the body, in its order. */
    public List<Parent> travelling() {
        return parents.stream().filter(Parent::travels).toList();
    }

    /** The body's length: the travelling parents' files end to end. */
    public long bodyBytes() {
        return travelling().stream().mapToLong(Parent::bytes).sum();
    }

    public Optional<Parent> parent(long sequence) {
        return parents.stream().filter(p -> p.sequence() == sequence).findFirst();
    }

    /** This inheritance with one parent's weights marked missing, saying why. */
    public Inherit withMissing(long sequence, String why) {
        return new Inherit(parents.stream().map(p -> p.sequence() == sequence ? Parent.missing(sequence, why) : p)
                .toList(), layers);
    }

    /** The missing parents' reasons, for the result; null when every parent's weights travel. */
    public String missingNote() {
        List<String> notes = parents.stream().filter(p -> !p.travels())
                .map(p -> String.format(Locale.ROOT, "parent %d: %s", p.sequence(), p.missing())).toList();
        return notes.isEmpty() ? null : String.join("; ", notes)
                + " (its layers trained from scratch)";
    }
}
