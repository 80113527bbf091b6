package org.evocnn.model.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import org.evocnn.model.genome.Activation;
import org.evocnn.model.genome.ConvBlock;
import org.evocnn.model.genome.ConvPartBlock;
import org.evocnn.model.genome.DenseBlock;
import org.evocnn.model.genome.Genome;
import org.evocnn.model.genome.Padding;
import org.evocnn.model.genome.PoolBlock;
import org.evocnn.model.genome.TrainingGenes;
import org.evocnn.model.message.EvaluationKind;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationResult;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.Fitness;
import org.evocnn.model.message.MedianStopping;
import org.evocnn.model.message.ModelManifest;
import org.evocnn.model.message.ModelRef;
import org.evocnn.model.analysis.InputShape;
import org.evocnn.model.message.Progress;
import org.evocnn.model.genome.Optimizer;
import org.evocnn.model.message.TrainingTask;

import org.evocnn.model.genome.LayerSource;
import org.evocnn.model.message.Inherit;
import org.evocnn.model.message.Inherited;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON form of shared-model's types, kept here as Jackson mix-ins so that the genome and message types stay
 * plain Java: required fields, JSON names, the block type tag, and enums written by their wire names and read with
 * errors that list the allowed names. Registered by {@link ModelJson} and by the services' own mappers.
 */
public final class ModelModule extends SimpleModule {

    public ModelModule() {
        super("evocnn-model");
        setMixInAnnotation(Genome.class, GenomeJson.class);
        setMixInAnnotation(ConvPartBlock.class, ConvPartBlockJson.class);
        setMixInAnnotation(ConvBlock.class, ConvBlockJson.class);
        setMixInAnnotation(PoolBlock.class, PoolBlockJson.class);
        setMixInAnnotation(DenseBlock.class, DenseBlockJson.class);
        setMixInAnnotation(TrainingGenes.class, TrainingGenesJson.class);
        setMixInAnnotation(EvaluationRequest.class, RequestJson.class);
        setMixInAnnotation(EvaluationResult.class, ResultJson.class);
        setMixInAnnotation(TrainingTask.class, TaskJson.class);
        setMixInAnnotation(Fitness.class, FitnessJson.class);
        setMixInAnnotation(EvaluatorInfo.class, EvaluatorInfoJson.class);
        setMixInAnnotation(ModelRef.class, ModelRefJson.class);
        setMixInAnnotation(ModelManifest.class, ModelManifestJson.class);
        setMixInAnnotation(Inherit.class, InheritJson.class);
        setMixInAnnotation(Inherit.Parent.class, ParentJson.class);
        setMixInAnnotation(Inherited.class, InheritedJson.class);
        setMixInAnnotation(LayerSource.class, LayerSourceJson.class);
        text(Activation.class, Activation::keras, Activation::of);
        text(Padding.class, Padding::keras, Padding::of);
        text(EvaluationKind.class, EvaluationKind::wire, EvaluationKind::of);
        text(EvaluationStatus.class, EvaluationStatus::wire, EvaluationStatus::of);
        text(Optimizer.class, Optimizer::wire, Optimizer::of);
    }

    /** A value written as a JSON string; reading it applies {@code read}, whose IllegalArgumentException names the
     * allowed values. */
    public <T> void text(Class<T> type, Function<T, String> write, Function<String, T> read) {
        addSerializer(type, new StdScalarSerializer<T>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(write.apply(value));
            }
        });
        addDeserializer(type, new StdScalarDeserializer<T>(type) {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(ctx.handleUnexpectedToken(type, p));
                }
                try {
                    return read.apply(p.getText());
                } catch (IllegalArgumentException e) {
                    throw com.fasterxml.jackson.databind.JsonMappingException.from(p, e.getMessage(), e);
                }
            }
        });
    }

    @JsonPropertyOrder({"schemaVersion", "conv", "dense", "training"})
    abstract static class GenomeJson {
        @JsonCreator
        GenomeJson(@JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
                   @JsonProperty(value = "conv", required = true) List<ConvPartBlock> convPart,
                   @JsonProperty(value = "dense", required = true) List<DenseBlock> densePart,
                   @JsonProperty("training") TrainingGenes training) {
        }

        @JsonProperty("conv")
        abstract List<ConvPartBlock> convPart();

        @JsonProperty("dense")
        abstract List<DenseBlock> densePart();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract TrainingGenes training();
    }

    abstract static class TrainingGenesJson {
        @JsonCreator
        TrainingGenesJson(@JsonProperty(value = "optimizer", required = true) Optimizer optimizer,
                          @JsonProperty(value = "learningRate", required = true) double learningRate,
                          @JsonProperty(value = "batchSize", required = true) int batchSize) {
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = ConvBlock.class, name = "conv"),
            @JsonSubTypes.Type(value = PoolBlock.class, name = "pool")
    })
    interface ConvPartBlockJson {
        @JsonIgnore
        Padding effectivePadding();
    }

    abstract static class ConvBlockJson {
        @JsonCreator
        ConvBlockJson(@JsonProperty(value = "filters", required = true) int filters,
                      @JsonProperty(value = "kernelSize", required = true) int kernelSize,
                      @JsonProperty(value = "activation", required = true) Activation activation,
                      @JsonProperty("padding") Padding padding) {
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Padding padding();
    }

    abstract static class PoolBlockJson {
        @JsonCreator
        PoolBlockJson(@JsonProperty(value = "poolSize", required = true) int poolSize,
                      @JsonProperty("padding") Padding padding) {
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        abstract Padding padding();
    }

    abstract static class DenseBlockJson {
        @JsonCreator
        DenseBlockJson(@JsonProperty(value = "size", required = true) int size,
                       @JsonProperty(value = "dropout", required = true) double dropout,
                       @JsonProperty(value = "activation", required = true) Activation activation) {
        }
    }

    /** {@code evaluationId} is written for people and ignored when read: the id fields are the truth. */
    @JsonPropertyOrder({"schemaVersion", "runId", "evaluationId", "kind", "sequence", "repeat", "genome", "task"})
    @JsonIgnoreProperties(value = "evaluationId", allowGetters = true)
    @JsonInclude(JsonInclude.Include.NON_NULL) // no stopping rule: the message of earlier versions
    abstract static class RequestJson {
        @JsonCreator
        RequestJson(@JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
                    @JsonProperty(value = "runId", required = true) String runId,
                    @JsonProperty(value = "kind", required = true) EvaluationKind kind,
                    @JsonProperty(value = "sequence", required = true) long sequence,
                    @JsonProperty("repeat") int repeat,
                    @JsonProperty(value = "genome", required = true) Genome genome,
                    @JsonProperty(value = "task", required = true) TrainingTask task,
                    @JsonProperty("stopping") MedianStopping stopping,
                    @JsonProperty("progress") Progress progress,
                    @JsonProperty("rung") Integer rung,
                    @JsonProperty("inherit") Inherit inherit) {
        }

        @JsonProperty("evaluationId")
        abstract String evaluationId();
    }

    @JsonPropertyOrder({"schemaVersion", "runId", "evaluationId", "kind", "sequence", "repeat", "status"})
    @JsonIgnoreProperties(value = "evaluationId", allowGetters = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract static class ResultJson {
        @JsonCreator
        ResultJson(@JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
                   @JsonProperty(value = "runId", required = true) String runId,
                   @JsonProperty(value = "kind", required = true) EvaluationKind kind,
                   @JsonProperty(value = "sequence", required = true) long sequence,
                   @JsonProperty("repeat") int repeat,
                   @JsonProperty(value = "status", required = true) EvaluationStatus status,
                   @JsonProperty("fitness") Fitness fitness,
                   @JsonProperty("trainableParams") Long trainableParams,
                   @JsonProperty("wallSeconds") double wallSeconds,
                   @JsonProperty("evaluator") EvaluatorInfo evaluator,
                   @JsonProperty("error") String error,
                   @JsonProperty("epochLosses") List<List<Double>> epochLosses,
                   @JsonProperty("rung") Integer rung,
                   @JsonProperty("model") ModelRef model,
                   @JsonProperty("inherited") Inherited inherited) {
        }

        @JsonProperty("evaluationId")
        abstract String evaluationId();

        @JsonIgnore
        abstract boolean isOk();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract static class ModelRefJson {
        @JsonCreator
        ModelRefJson(@JsonProperty("sha256") String sha256, @JsonProperty("bytes") long bytes,
                     @JsonProperty("error") String error) {
        }

        @JsonIgnore
        abstract boolean isKept();
    }

    abstract static class InheritJson {
        @JsonCreator
        InheritJson(@JsonProperty(value = "parents", required = true) List<Inherit.Parent> parents,
                    @JsonProperty(value = "layers", required = true) List<LayerSource> layers) {
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract static class ParentJson {
        @JsonCreator
        ParentJson(@JsonProperty(value = "sequence", required = true) long sequence,
                   @JsonProperty("sha256") String sha256, @JsonProperty("bytes") long bytes,
                   @JsonProperty("lineageEpochs") int lineageEpochs, @JsonProperty("missing") String missing) {
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    abstract static class InheritedJson {
        @JsonCreator
        InheritedJson(@JsonProperty(value = "layers", required = true) int layers,
                      @JsonProperty(value = "params", required = true) long params,
                      @JsonProperty(value = "lineageEpochs", required = true) int lineageEpochs,
                      @JsonProperty("error") String error) {
        }
    }

    /** A fresh layer is {@code {"parent": 0, "layer": -1}}. */
    abstract static class LayerSourceJson {
        @JsonCreator
        LayerSourceJson(@JsonProperty(value = "parent", required = true) long parent,
                        @JsonProperty(value = "layer", required = true) int layer) {
        }
    }

    abstract static class ModelManifestJson {
        @JsonCreator
        ModelManifestJson(@JsonProperty(value = "schemaVersion", required = true) int schemaVersion,
                          @JsonProperty(value = "dataset", required = true) String dataset,
                          @JsonProperty(value = "input", required = true) InputShape input,
                          @JsonProperty(value = "channels", required = true) String channels,
                          @JsonProperty(value = "layout", required = true) String layout,
                          @JsonProperty(value = "pixelScale", required = true) double pixelScale,
                          @JsonProperty(value = "classNames", required = true) List<String> classNames,
                          @JsonProperty(value = "genome", required = true) Genome genome,
                          @JsonProperty(value = "testAccuracy", required = true) double testAccuracy,
                          @JsonProperty(value = "testLoss", required = true) double testLoss,
                          @JsonProperty(value = "evaluationId", required = true) String evaluationId,
                          @JsonProperty(value = "evocnnVersion", required = true) String evocnnVersion,
                          @JsonProperty(value = "sha256", required = true) String sha256,
                          @JsonProperty(value = "bytes", required = true) long bytes) {
        }
    }

    abstract static class TaskJson {
        @JsonCreator
        TaskJson(@JsonProperty(value = "dataset", required = true) String dataset,
                 @JsonProperty(value = "folds", required = true) int folds,
                 @JsonProperty(value = "epochs", required = true) int epochs,
                 @JsonProperty(value = "batchSize", required = true) int batchSize,
                 @JsonProperty(value = "optimizer", required = true) Optimizer optimizer,
                 @JsonProperty(value = "learningRate", required = true) double learningRate,
                 @JsonProperty("trainingSubset") int trainingSubset,
                 @JsonProperty("seed") long seed,
                 @JsonProperty("timeLimitSeconds") int timeLimitSeconds) {
        }
    }

    abstract static class FitnessJson {
        @JsonCreator
        FitnessJson(@JsonProperty(value = "loss", required = true) double loss,
                    @JsonProperty(value = "accuracy", required = true) double accuracy,
                    @JsonProperty("foldLosses") List<Double> foldLosses,
                    @JsonProperty("foldAccuracies") List<Double> foldAccuracies) {
        }
    }

    abstract static class EvaluatorInfoJson {
        @JsonCreator
        EvaluatorInfoJson(@JsonProperty("host") String host, @JsonProperty("backend") String backend,
                          @JsonProperty("device") String device) {
        }
    }
}
