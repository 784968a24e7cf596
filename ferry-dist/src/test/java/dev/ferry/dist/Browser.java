package dev.ferry.dist;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real browser for the console's tests: Debian's Chromium ({@value #CHROMIUM}), headless, driven
 * by Debian's chromedriver ({@value #CHROMEDRIVER}) through Selenium. Both paths are set, so Selenium
 * Manager never downloads a browser or a driver; {@code .ci/run} installs the two packages when
 * they are missing. One browser serves all the methods of a test class (open it in
 * {@code @BeforeAll}, close it in {@code @AfterAll}); every browser has a fresh profile.
 *
 * <p>Finding things the way a user does: {@link #button}, {@link #link}, {@link #field} by their
 * accessible names (visible text, {@code aria-label}, the label of a control), {@link #testId} where
 * nothing else names an element. Waiting: {@link #await}, {@link #awaitText}; every finder waits up
 * to {@link #WAIT} for the element to appear, since pages render after their REST calls answer.
 * {@link #screenshot} saves the whole page into {@code ferry-dist/target/ui-screenshots/}.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** How long finders and waits give the console: pages poll every few seconds and actions go through the leader. */
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final Thread cleanup;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        this.cleanup = new Thread(this::quit, "browser-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts headless Chromium at 1280×900 with a fresh profile. */
    static Browser start() {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("The console's browser tests need Debian's Chromium and chromedriver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "); install them with: apt-get install -y chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("ferry-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Never let Selenium Manager look for (or download) a driver.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        return new Browser(service, driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code url} (e.g. the console of a worker, {@code http://127.0.0.1:8083/ui/#/plugins}). */
    Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** Changes the console's route in the loaded page (no reload), e.g. {@code #/loggers}. */
    Browser go(String hash) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0]", hash);
        return this;
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** The first visible element matching {@code by}, waiting for it. */
    WebElement find(By by) {
        return find(by, by.toString());
    }

    private WebElement find(By by, String what) {
        WebElement[] found = new WebElement[1];
        await(WAIT, what, () -> {
            for (WebElement element : driver.findElements(by)) {
                if (element.isDisplayed()) {
                    found[0] = element;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** All elements matching {@code by} now (no waiting). */
    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** The element with {@code data-testid} {@code id}. */
    WebElement testId(String id) {
        return find(By.cssSelector("[data-testid='" + id + "']"), "element with data-testid=" + id);
    }

    /** The visible button named {@code name} (its text or aria-label, exactly, spaces normalised). */
    WebElement button(String name) {
        return find(By.xpath("//button[normalize-space(.)=" + xpathLiteral(name) + " or @aria-label="
                + xpathLiteral(name) + "]"), "button '" + name + "'");
    }

    /** The visible link whose text (or aria-label) is {@code name}. */
    WebElement link(String name) {
        return find(By.xpath("//a[normalize-space(.)=" + xpathLiteral(name) + " or @aria-label="
                + xpathLiteral(name) + "]"), "link '" + name + "'");
    }

    /**
     * The visible form control whose accessible name is {@code label}: inside a {@code <label>}
     * whose own text starts with it, named by {@code <label for>}, or by {@code aria-label}.
     */
    WebElement field(String label) {
        String lit = xpathLiteral(label);
        String control = "*[self::input or self::select or self::textarea]";
        return find(By.xpath("//label[starts-with(normalize-space(.), " + lit + ")]//" + control
                + " | //" + control + "[@aria-label=" + lit + "]"
                + " | //" + control + "[@id = //label[normalize-space(.)=" + lit + "]/@for]"), "field '" + label + "'");
    }

    /** The page's heading ({@code h1}) once it says {@code text}. */
    WebElement heading(String text) {
        return find(By.xpath("//h1[normalize-space(.)=" + xpathLiteral(text) + "]"), "heading '" + text + "'");
    }

    /** Clicks the button named {@code name}. */
    Browser click(String buttonName) {
        retryingStale(() -> button(buttonName).click());
        return this;
    }

    /** Clears the field labelled {@code label} and types {@code text}. */
    Browser type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Presses keys on whatever has the focus (keyboard-only tests). */
    Browser press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** Presses Tab until the focused element satisfies {@code test} (at most {@code max} times). */
    WebElement tabTo(String what, java.util.function.Predicate<WebElement> test, int max) {
        for (int i = 0; i < max; i++) {
            press(Keys.TAB);
            WebElement focused = focused();
            if (test.test(focused)) {
                return focused;
            }
        }
        throw new AssertionError("Pressed Tab " + max + " times without reaching " + what + "; focus is on "
                + describe(focused()));
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** The visible text of the page. */
    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Waits until the page's text contains {@code text}. */
    Browser awaitText(String text) {
        await(WAIT, "page text containing '" + text + "'", () -> text().contains(text));
        return this;
    }

    /** Waits until the page's text no longer contains {@code text}. */
    Browser awaitNoText(String text) {
        await(WAIT, "page text without '" + text + "'", () -> !text().contains(text));
        return this;
    }

    /** Runs JavaScript in the page; returns its result. */
    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Messages the page logged at SEVERE (uncaught errors, failed loads), for asserting a clean run. */
    List<String> severeLogs() {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(entry.getMessage());
            }
        }
        return severe;
    }

    /** Saves the whole page (resized to its height, at most 6000 px) as {@code target/ui-screenshots/<name>.png}. */
    Path screenshot(String name) {
        return screenshotAt(name, WIDTH);
    }

    /** Like {@link #screenshot}, at {@code width} px (e.g. 390 for a phone), restoring the window afterwards. */
    Path screenshotAt(String name, int width) {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(width, HEIGHT));
            Number height = (Number) script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
            driver.manage().window().setSize(new Dimension(width, Math.min(6000, Math.max(HEIGHT, height.intValue() + 20))));
            Path file = screenshotDir().resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    static Path screenshotDir() throws IOException {
        Path dir = Path.of(System.getProperty("ui.screenshots.dir", "target/ui-screenshots"));
        return Files.createDirectories(dir);
    }

    /** Waits until {@code check} is true; a timeout names {@code what} and the page's text. */
    void await(Duration timeout, String what, Supplier<Boolean> check) {
        try {
            WorkerProcess.awaitUntil(timeout, what, () -> {
                try {
                    return check.get();
                } catch (StaleElementReferenceException | NoSuchElementException e) {
                    return false;
                }
            });
        } catch (AssertionError e) {
            String page;
            try {
                page = text();
            } catch (RuntimeException unreadable) {
                page = "(page unreadable: " + unreadable + ")";
            }
            throw new AssertionError(e.getMessage() + "\n--- page at " + url() + " ---\n"
                    + page.substring(0, Math.min(page.length(), 4000)), e);
        }
    }

    /** Reads something off elements that a re-render may replace meanwhile, looking again if it did. */
    static <T> T reading(Supplier<T> read) {
        for (int i = 0; ; i++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException e) {
                if (i >= 5) {
                    throw e;
                }
            }
        }
    }

    private static void retryingStale(Runnable action) {
        reading(() -> {
            action.run();
            return null;
        });
    }

    static String describe(WebElement element) {
        if (element == null) {
            return "(nothing)";
        }
        return "<" + element.getTagName() + "> '" + element.getAccessibleName() + "'";
    }

    /** An XPath 1.0 string literal for any text (concat() when it holds both quote kinds). */
    static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private void quit() {
        try {
            driver.quit();
        } catch (RuntimeException ignored) {
            // already gone
        }
        service.stop();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }

    @Override
    public void close() {
        quit();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down already
        }
    }
}
