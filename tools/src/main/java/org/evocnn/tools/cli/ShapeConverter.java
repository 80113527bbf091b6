package org.evocnn.tools.cli;

import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.genome.FieldException;
import picocli.CommandLine;

/** Every command's image shapes ({@code 32x32x3}, {@code 28x28}), read by the one parser in shared-model. */
public final class ShapeConverter implements CommandLine.ITypeConverter<InputShape> {

    @Override
    public InputShape convert(String value) {
        try {
            return InputShape.parse("shape", value);
        } catch (FieldException e) {
            throw new CommandLine.TypeConversionException(e.problem());
        }
    }
}
