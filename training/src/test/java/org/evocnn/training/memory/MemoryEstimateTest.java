package org.evocnn.training.memory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admission estimate ({@code Architecture.peakTrainingBytes}) is an upper bound of what a training really adds
 * to a process' resident memory, for networks at the corners of what evolution breeds: the widest
 * convolution, the largest kernel, the largest dense layer, the largest batch, and a deep stack. Each is evaluated by
 * the real DL4J evaluator in a fresh JVM ({@link MemoryProbe}), whose high-water mark is read before and after. Each
 * trains two batches (a final training on twice the batch, then scores the test set): the peak comes with a network's
 * second batch, once its workspaces are sized and in place (one batch measured 13% less for the widest convolution).
 */
class MemoryEstimateTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "widest conv (4,096 filters)|32|{'conv':[{'type':'conv','filters':4096,'kernelSize':3,'activation':'relu'},{'type':'pool','poolSize':28}],'dense':[{'size':10,'dropout':0.0,'activation':'relu'}]}",
            "largest kernel|32|{'conv':[{'type':'conv','filters':4,'kernelSize':5,'activation':'tanh'},{'type':'conv','filters':8,'kernelSize':28,'activation':'relu'}],'dense':[{'size':16,'dropout':0.2,'activation':'relu'}]}",
            "largest dense|32|{'conv':[{'type':'conv','filters':8,'kernelSize':3,'activation':'relu'}],'dense':[{'size':4000,'dropout':0.4,'activation':'sigmoid'}]}",
            "largest batch|256|{'conv':[{'type':'conv','filters':64,'kernelSize':5,'activation':'relu'},{'type':'pool','poolSize':2}],'dense':[{'size':100,'dropout':0.0,'activation':'relu'}]}",
            "deep stack|128|{'conv':[{'type':'conv','filters':64,'kernelSize':3,'activation':'relu'},{'type':'conv','filters':64,'kernelSize':3,'activation':'leaky_relu'},{'type':'pool','poolSize':2},{'type':'conv','filters':128,'kernelSize':3,'activation':'hard_sigmoid'}],'dense':[{'size':256,'dropout':0.3,'activation':'relu'},{'size':64,'dropout':0.0,'activation':'linear'}]}"})
    void theEstimateBoundsTheMeasuredPeak(String corner, int batch, String genome) throws Exception {
        String json = "{\"schemaVersion\":1," + genome.replace('\'', '"').substring(1);
        // the heap committed up front and JavaCPP unbounded: the growth measured is the training's own
        Process probe = new ProcessBuilder(List.of(JAVA, "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=0", "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName(), json, Integer.toString(batch), Integer.toString(2 * batch)))
                .directory(new File(".")).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(5, TimeUnit.MINUTES)).isTrue();
        Matcher m = Pattern.compile("baseline=(\\d+) peak=(\\d+) estimate=(\\d+) status=(\\w+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        long added = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1));
        long estimate = Long.parseLong(m.group(3));
        System.out.printf(Locale.ROOT, "memory estimate, %s at batch %d: measured %,d MiB, estimated %,d MiB "
                + "(%.1fx)%n", corner, batch, added >> 20, estimate >> 20, (double) estimate / added);
        assertThat(m.group(4)).as(corner + " trained").isEqualTo("ok");
        assertThat(estimate).as(corner + ": the estimate bounds the measured peak").isGreaterThanOrEqualTo(added);
    }
}
