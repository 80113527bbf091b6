package org.evocnn.evaluator.work;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.evocnn.model.analysis.ResourceCaps;
import org.evocnn.model.genome.ReferenceNetwork;
import org.evocnn.model.json.ModelJson;
import org.evocnn.model.message.EvaluationId;
import org.evocnn.model.message.EvaluationRequest;
import org.evocnn.model.message.EvaluationStatus;
import org.evocnn.model.message.EvaluatorInfo;
import org.evocnn.model.message.Progress;
import org.evocnn.model.message.TrainingTask;
import org.evocnn.training.GenomeEvaluator;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.training.simulation.SimulatedEvaluator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluator's protocol without a broker: what becomes of each kind of delivery, and what is counted. */
class RequestHandlerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EvaluatorInfo who = new EvaluatorInfo("h", "simulated", "none");
    private final RequestHandler handler = new RequestHandler(new SimulatedEvaluator(0.0, 0.01, ResourceCaps.DEFAULTS,
            who, ms -> { }), new EvaluatorMetrics(registry, who),
            new DatasetRegistry(Path.of("../training/src/test/resources/fixture")), Optional.empty(), 2);

    private static EvaluationRequest request() {
        return new EvaluationRequest(EvaluationId.fitness("run-7", 3), ReferenceNetwork.MNIST_BASELINE.genome(),
                TrainingTask.paperFitness("mnist"));
    }

    private double counted(String meter, String status) {
        var search = registry.find(meter);
        return (status == null ? search : search.tag("status", status)).counter().count();
    }

    @Test
    void aRequestIsAnsweredWithItsRungAndCorrelation() {
        Disposition done = handler.handle(new Delivery(ModelJson.write(request().atRung(1)), "TextMessage", true,
                "corr-1"), GenomeEvaluator.Interruption.NEVER);

        assertThat(done).isInstanceOf(Disposition.Reply.class);
        Disposition.Reply reply = (Disposition.Reply) done;
        assertThat(reply.correlationId()).isEqualTo("corr-1");
        assertThat(reply.result().status()).isEqualTo(EvaluationStatus.OK);
        assertThat(reply.result().rung()).as("the rung travels back").isEqualTo(1);
        assertThat(reply.result().evaluationId()).isEqualTo("run-7-000003");
        handler.committed(done);
        assertThat(counted("evocnn.evaluator.evaluations", "ok")).isEqualTo(1);

        Disposition.Reply plain = (Disposition.Reply) handler.handle(new Delivery(ModelJson.write(request()),
                "TextMessage", true, null), GenomeEvaluator.Interruption.NEVER);
        assertThat(plain.correlationId()).as("without one, the evaluation's id").isEqualTo("run-7-000003");
        assertThat(plain.result().rung()).isNull();
    }

    @Test
    void unreadableRequestsAreAnsweredWhenTheirIdsAreReadableElseDeadLettered() {
        Disposition notText = handler.handle(new Delivery(null, "BytesMessage", true, null),
                GenomeEvaluator.Interruption.NEVER);
        assertThat(notText).isInstanceOf(Disposition.DeadLetter.class);
        assertThat(((Disposition.DeadLetter) notText).reason()).contains("BytesMessage");

        String broken = "{\"runId\": \"run-7\", \"kind\": \"fitness\", \"sequence\": 4, \"genome\": 12}";
        Disposition answered = handler.handle(new Delivery(broken, "TextMessage", true, null),
                GenomeEvaluator.Interruption.NEVER);
        assertThat(answered).isInstanceOf(Disposition.Reply.class);
        assertThat(((Disposition.Reply) answered).result().status()).isEqualTo(EvaluationStatus.FAILED);
        assertThat(((Disposition.Reply) answered).result().error()).startsWith("malformed request: ");
        assertThat(((Disposition.Reply) answered).result().sequence()).isEqualTo(4);

        Disposition garbage = handler.handle(new Delivery("not json", "TextMessage", true, null),
                GenomeEvaluator.Interruption.NEVER);
        assertThat(garbage).isInstanceOf(Disposition.DeadLetter.class);
        Disposition nowhere = handler.handle(new Delivery(ModelJson.write(request()), "TextMessage", false, null),
                GenomeEvaluator.Interruption.NEVER);
        assertThat(((Disposition.DeadLetter) nowhere).reason()).contains("has no JMSReplyTo");
        handler.committed(notText);
        handler.committed(garbage);
        assertThat(counted("evocnn.evaluator.dead.lettered", null)).isEqualTo(2);
    }

    @Test
    void aStopHandsTheFoldsDoneOnUntilTheCapThenTheBrokerRedelivers() {
        Disposition first = handler.handle(new Delivery(ModelJson.write(request()), "TextMessage", true, null),
                () -> true);
        assertThat(first).isInstanceOf(Disposition.HandOn.class);
        EvaluationRequest handedOn = ((Disposition.HandOn) first).request();
        assertThat(handedOn.progress().interruptions()).isEqualTo(1);
        assertThat(handedOn.progress().folds()).hasSize(1);
        handler.committed(first);
        assertThat(counted("evocnn.evaluator.handed.on", null)).isEqualTo(1);

        EvaluationRequest tired = request().withProgress(new Progress(2, List.of()));
        assertThat(handler.handle(new Delivery(ModelJson.write(tired), "TextMessage", true, null), () -> true))
                .isInstanceOf(Disposition.Redeliver.class);
    }
}
