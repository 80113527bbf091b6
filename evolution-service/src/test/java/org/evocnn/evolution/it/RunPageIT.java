package org.evocnn.evolution.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run page in a real browser (Debian's headless Chromium through Selenium) against the packaged service and a
 * simulated evaluator: start a run from the form, watch evaluations reach the plot and the population table, stop it,
 * keep a screenshot; then load the page of a 5,000-evaluation run and print how long it took and how many bytes.
 * Skipped, saying why, where no Chromium or chromedriver is installed ({@code .ci/run} installs them).
 */
class RunPageIT {

    private static final String UNREADABLE = "run-20261202-000000-dead";

    private Cluster cluster;
    private ChromeDriver browser;

    @BeforeEach
    void start(@TempDir Path work) throws Exception {
        Chrome.assumeInstalled("RunPageIT");
        cluster = new Cluster(work);
        // a run nothing of which can be read: its page must say so, not "no run"
        Path broken = Files.createDirectories(work.resolve("runs").resolve(UNREADABLE)).resolve("journal.jsonl");
        Files.writeString(broken, "{not a journal\n");
        cluster.startService();
        cluster.startEvaluator("evaluator-1", 0.02);
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

    private String base() {
        return "http://127.0.0.1:" + cluster.httpPort;
    }

    private WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    /** An element's text read in the page: the page redraws its parts, so a held element can go stale. */
    private String text(String id) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById(arguments[0]); return e ? e.innerText.trim() : null;", id));
    }

    private static void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    @Test
    void aRunStartedFromTheFormShowsItsEvaluationsAndStops() throws Exception {
        browser.get(base() + "/");
        WebElement form = waiting(30).until(d -> d.findElement(By.id("start-form")));
        type(form.findElement(By.name("folds")), "2");
        type(form.findElement(By.name("epochs")), "1");
        type(form.findElement(By.name("popSize")), "6");
        type(form.findElement(By.name("minPopSize")), "3");
        type(form.findElement(By.name("maxEvaluations")), "100000");
        browser.findElement(By.id("start")).click();

        waiting(30).until(d -> d.getCurrentUrl().contains("#/run/"));
        String runId = browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf("#/run/") + 6);
        // evaluations reach the plot's data and the population table
        waiting(60).until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return window.evocnn.points"))
                .intValue() >= 10);
        waiting(30).until(d -> d.findElements(By.cssSelector("#population-table tbody tr")).size() >= 3);
        assertThat(browser.findElements(By.cssSelector("#fitness-plot canvas"))).isNotEmpty();
        assertThat(text("best-summary")).contains("Total params");
        assertThat(text("broker-table")).contains("genomes");
        assertThat(text("run-state")).isEqualTo("running");

        browser.findElement(By.id("stop")).click();
        waiting(60).until(d -> text("run-state").equals("finished"));
        assertThat(browser.findElement(By.id("stop")).isEnabled()).as("stop button of a finished run").isFalse();
        assertThat(cluster.service.get("/api/runs/" + runId).path("terminationReason").asText()).isEqualTo("stopped");
        // the best network's lineage: the best first, then its ancestors
        String best = cluster.service.get("/api/runs/" + runId + "/best").path("individual").path("sequence").asText();
        waiting(30).until(d -> String.valueOf(((JavascriptExecutor) d).executeScript(
                "const c = document.querySelector('#lineage tbody tr td:nth-child(2)'); return c ? c.innerText : '';"))
                .equals(best));
        assertThat(text("lineage")).contains("the best");
        int shown = ((Number) browser.executeScript("return window.evocnn.points")).intValue();
        assertThat(shown).isEqualTo(cluster.service.get("/api/runs/" + runId).path("evaluations").path("completed")
                .asInt());

        Path screenshot = Path.of("target/run-page.png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);

        // the runs list links to it
        browser.get(base() + "/#/");
        waiting(30).until(d -> d.findElement(By.cssSelector("#runs a[href='#/run/" + runId + "']")));
    }

    @Test
    void anUnrecoverableRunsPageSaysWhereItsJournalBrokeAndThatItCannotBeRecovered() {
        browser.get(base() + "/#/");
        waiting(30).until(d -> d.findElement(By.cssSelector("#runs a[href='#/run/" + UNREADABLE + "']"))).click();
        String page = waiting(30).until(d -> d.findElement(By.id("unreadable"))).getText();
        assertThat(page).contains(UNREADABLE + ": damaged", "journal.jsonl", "line 1", "cannot be recovered")
                .doesNotContain("404");
    }

    @Test
    void theRunPageOfAFiveThousandEvaluationRunLoadsAndSaysHowFast() throws Exception {
        // instant simulated evaluations: the run is over in seconds
        cluster.startEvaluator("evaluator-fast", 0.0);
        String runId = cluster.createRun("""
                {"task": {"folds": 2, "epochs": 1},
                 "evolution": {"popSize": 20, "minPopSize": 10, "maxInFlight": 16,
                               "termination": {"maxEvaluations": 5000}}}""");
        // 5,000 broker round trips: well under the limit on an idle machine, slower on a busy one
        cluster.awaitStatus(runId, s -> s.path("state").asText().equals("finished"), 400);

        browser.get(base() + "/#/run/" + runId);
        // every point drawn and the first view complete (the last parts of it may come after the plot's)
        waiting(60).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return window.evocnn.points === 5000 && window.evocnn.loadedAt !== undefined")));
        @SuppressWarnings("unchecked")
        Map<String, Object> timing = (Map<String, Object>) browser.executeScript("""
                const nav = performance.getEntriesByType('navigation')[0];
                const all = [nav, ...performance.getEntriesByType('resource')];
                const fitness = performance.getEntriesByType('resource').find(r => r.name.includes('/fitness'));
                return {loaded: window.evocnn.loadedAt, bytes: all.reduce((n, r) => n + (r.encodedBodySize || 0), 0),
                        requests: all.length, fitnessBytes: fitness ? fitness.encodedBodySize : -1};""");
        String line = String.format(Locale.ROOT, "run page of a 5,000-evaluation run: complete %.0f ms after "
                        + "navigation, %d requests, %.0f kB transferred (fitness columns %.0f kB)",
                ((Number) timing.get("loaded")).doubleValue(), ((Number) timing.get("requests")).intValue(),
                ((Number) timing.get("bytes")).doubleValue() / 1024,
                ((Number) timing.get("fitnessBytes")).doubleValue() / 1024);
        System.out.println(line);
        Files.writeString(Path.of("target/run-page-load.txt"), line + "\n");
        assertThat(((Number) timing.get("fitnessBytes")).longValue()).isPositive();
    }
}
