package org.evocnn.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.evocnn.model.genome.FieldException;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Violation;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON form of genomes and messages. Reading is strict (unknown fields, duplicate keys, missing required fields,
 * fractional integers and unknown enum names are errors) and every error names its field path, e.g. {@code conv[1].activation}.
 */
public final class ModelJson {

    private static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();
    private static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'");

    private ModelJson() {
    }

    /** The strict settings, for adapters that build their own mapper (e.g. Quarkus' ObjectMapperCustomizer). */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                // a key given twice is an error, not "the last one wins"
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // required fields are marked as such; an absent optional number reads as 0
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .addModule(new ModelModule());
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static Genome readGenome(String json) {
        return read(json, Genome.class);
    }

    public static EvaluationRequest readRequest(String json) {
        return read(json, EvaluationRequest.class);
    }

    public static EvaluationResult readResult(String json) {
        return read(json, EvaluationResult.class);
    }

    /** @throws InvalidJsonException naming every field that could not be read */
    public static <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new InvalidJsonException(List.of(new Violation("", "empty document")), null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new InvalidJsonException(List.of(violationOf(e)), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model objects always serialize", e);
        }
    }

    public static String writePretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model objects always serialize", e);
        }
    }

    /** Best effort: the evaluation a (possibly malformed) message is about, when its id fields are readable. */
    public static Optional<EvaluationId> readIds(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree != null && tree.path("runId").isTextual() && tree.path("kind").isTextual()
                    && tree.path("sequence").canConvertToExactIntegral()) {
                return Optional.of(new EvaluationId(tree.path("runId").asText(),
                        EvaluationKind.of(tree.path("kind").asText()), tree.path("sequence").asLong(),
                        tree.path("repeat").asInt(0)));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // not even JSON, or ids that are not valid: none
        }
        return Optional.empty();
    }

    /** Converts a Jackson error into a violation with the JSON path of the offending field. */
    public static Violation violationOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new Violation("", "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
        String path = path(mapping.getPath());
        Throwable cause = rootCause(mapping);
        if (cause instanceof FieldException field) {
            return new Violation(join(path, field.field()), field.problem());
        }
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return new Violation(path, "unknown field" + (known.isEmpty() ? "" : ", known: " + known));
        }
        if (mapping instanceof InvalidTypeIdException typeId) {
            return new Violation(join(path, "type"), typeId.getTypeId() == null
                    ? "missing, allowed: conv, pool"
                    : "unknown block type '" + typeId.getTypeId() + "', allowed: conv, pool");
        }
        Matcher missing = MISSING.matcher(String.valueOf(mapping.getOriginalMessage()));
        if (missing.find()) {
            String name = missing.group(1);
            return new Violation(path.endsWith(name) ? path : join(path, name), "missing");
        }
        if (String.valueOf(mapping.getOriginalMessage()).startsWith("Trailing token")) {
            return new Violation("", "malformed JSON: more content after the document");
        }
        if (cause != mapping && cause instanceof IllegalArgumentException) {
            return new Violation(path, cause.getMessage());
        }
        return new Violation(path, firstLine(mapping.getOriginalMessage()));
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "invalid value";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
