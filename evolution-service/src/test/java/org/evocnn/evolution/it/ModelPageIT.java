package org.evocnn.evolution.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.evocnn.training.data.DatasetRegistry;
import org.evocnn.training.data.LabeledImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trained network on the run page, in a real browser: a final training started from the page on a DL4J
 * evaluator (the MNIST fixture) shows its network's downloads; the browser downloads the DL4J file (the bytes whose
 * SHA-256 the manifest gives, under the training's name) and classifies an image chosen in the page, seeing the class
 * the API gives for it.
 */
class ModelPageIT {

    @TempDir
    Path work;

    private Cluster cluster;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        Chrome.assumeInstalled("ModelPageIT");
        cluster = new Cluster(work);
        cluster.startService();
        cluster.startDl4jEvaluator("evaluator-dl4j");
        browser = Chrome.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theBrowserDownloadsAFinalTrainingsNetworkAndClassifiesAnImageWithIt() throws Exception {
        String runId = cluster.createRun("""
                {"task": {"folds": 2, "epochs": 1, "trainingSubset": 100},
                 "evolution": {"popSize": 2, "minPopSize": 2, "maxInFlight": 2,
                               "termination": {"maxEvaluations": 2}}}""");
        cluster.awaitStatus(runId, s -> s.path("state").asText().equals("finished"), 300);
        browser.get("http://127.0.0.1:" + cluster.httpPort + "/#/run/" + runId);
        WebElement train = waiting(30).until(d -> d.findElement(By.id("final")));
        train.click();
        WebElement dl4j = waiting(300).until(d -> d.findElement(By.cssSelector("#finals-table a.download-dl4j")));
        String finalId = dl4j.findElement(By.xpath("./ancestor::div[@class='network']")).getAttribute("data-final");
        String api = "/api/runs/" + runId + "/final/" + finalId;
        JsonNode manifest = cluster.service.get(api + "/manifest");

        // the download link gives the stored file, named after its training
        @SuppressWarnings("unchecked")
        Map<String, Object> download = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const link = document.querySelector('#finals-table a.download-dl4j');
                fetch(link.href).then(async r => {
                  const bytes = await r.arrayBuffer();
                  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
                  done({status: r.status, name: r.headers.get('Content-Disposition'), size: bytes.byteLength,
                        sha256: Array.from(digest).map(b => b.toString(16).padStart(2, '0')).join('')});
                }).catch(e => done({error: String(e)}));""");
        assertThat(download).containsEntry("status", 200L)
                .containsEntry("sha256", manifest.path("sha256").asText())
                .containsEntry("size", manifest.path("bytes").asLong());
        assertThat((String) download.get("name")).contains(manifest.path("evaluationId").asText() + ".zip");
        assertThat(browser.findElement(By.cssSelector("#finals-table a.download-onnx")).getAttribute("href"))
                .endsWith(api + "/model?format=onnx");

        // an image chosen in the page is classified by the stored network, as the API classifies it
        LabeledImages test = new DatasetRegistry(Path.of("../training/src/test/resources/fixture")).get("mnist").test();
        byte[] png = ModelRoundTripIT.png(test, 7);
        Path image = Files.write(work.resolve("digit-7.png"), png);
        JsonNode expected = cluster.service.readJson(cluster.service.send("POST", api + "/predict?top=3", png,
                "image/png"));
        browser.findElement(By.cssSelector("input.predict-file")).sendKeys(image.toString());
        String shown = waiting(60).until(d -> {
            Object text = ((JavascriptExecutor) d).executeScript(
                    "const e = document.getElementById(arguments[0]); return e ? e.innerText : null;",
                    "prediction-" + finalId);
            return text == null ? null : text.toString();
        });
        JsonNode first = expected.path("classes").get(0);
        assertThat(shown).startsWith("digit-7.png: " + first.path("name").asText() + " "
                + String.format(java.util.Locale.ROOT, "%.1f%%", first.path("probability").asDouble() * 100));
    }

    private WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }
}
