package org.evocnn.evolution.it;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Debian's headless Chromium through Selenium, for the page tests; they are skipped, saying why, without it. */
final class Chrome {

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Chrome() {
    }

    /** Skips the calling test where no Chromium or chromedriver is installed ({@code .ci/run} installs them). */
    static void assumeInstalled(String test) {
        boolean installed = firstExisting(BROWSERS) != null && firstExisting(DRIVERS) != null;
        if (!installed) {
            System.out.println(test + " skipped: no Chromium or chromedriver (apt-get install chromium chromium-driver)");
        }
        assumeTrue(installed, "no Chromium or chromedriver installed");
    }

    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions().setBinary(firstExisting(BROWSERS))
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1800");
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(firstExisting(DRIVERS))).build(), options);
    }

    private static String firstExisting(List<String> paths) {
        return paths.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }
}
