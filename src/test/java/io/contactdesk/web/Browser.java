package io.contactdesk.web;

import static org.junit.jupiter.api.extension.ConditionEvaluationResult.disabled;
import static org.junit.jupiter.api.extension.ConditionEvaluationResult.enabled;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * One headless Chromium (the Debian package at {@code /usr/bin}) driven through its chromedriver,
 * with a fresh profile, so two instances are two unrelated browsers (an agent and a visitor).
 *
 * <p>Both paths are given explicitly, so Selenium Manager never runs and nothing is downloaded.
 * Before any page loads, a script is added (CDP {@code Page.addScriptToEvaluateOnNewDocument}) that
 * records every {@code alert}/{@code confirm}/{@code prompt}, every desktop {@code Notification}
 * and every Web Audio tone into {@code window.__spy}, so tests can prove that a payload did not run
 * and that the console made a sound and showed a notification.
 */
final class Browser implements AutoCloseable {

  static final File CHROMIUM = new File("/usr/bin/chromium");
  static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  static final Dimension LAPTOP = new Dimension(1280, 860);
  static final Dimension PHONE = new Dimension(390, 760);

  /** axe-core from npm (src/test/a11y), installed into target/a11y by the build. */
  static final File AXE = new File("target/a11y/node_modules/axe-core/axe.min.js");

  /** WCAG 2.1 A and AA, and axe's best practices, in the document the driver is in. */
  private static final String AUDIT =
      """
      const done = arguments[arguments.length - 1];
      axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        resultTypes: ['violations'],
        iframes: false,
      }).then(
        (r) => done(r.violations.flatMap((v) => v.nodes.map((n) =>
            `${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}`))),
        (e) => done([`axe failed: ${e}`]));
      """;

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AtomicInteger PROFILES = new AtomicInteger();

  /** Wraps the dialogs, {@code Notification} and {@code AudioContext} before the page's scripts. */
  private static final String SPY =
      """
      (() => {
        const spy = { dialogs: [], notifications: [], tones: 0 };
        Object.defineProperty(window, '__spy', { value: spy });
        for (const name of ['alert', 'confirm', 'prompt']) {
          window[name] = (message) => { spy.dialogs.push(name + ': ' + message); return null; };
        }
        const RealNotification = window.Notification;
        if (RealNotification) {
          const Wrapped = function (title, options) {
            spy.notifications.push({ title: String(title), body: String((options && options.body) || '') });
            try { return new RealNotification(title, options); } catch (e) { return { close() {} }; }
          };
          Object.defineProperty(Wrapped, 'permission', { get: () => RealNotification.permission });
          Wrapped.requestPermission = (...args) => RealNotification.requestPermission(...args);
          window.Notification = Wrapped;
        }
        const Audio = window.AudioContext || window.webkitAudioContext;
        if (Audio) {
          const create = Audio.prototype.createOscillator;
          Audio.prototype.createOscillator = function () { spy.tones += 1; return create.apply(this, arguments); };
        }
      })();
      """;

  final ChromeDriver driver;
  private final URI base;
  private final List<String> inaccessible = new ArrayList<>();

  Browser(URI base, Dimension size) {
    this(base, size, false, "en-US,en");
  }

  /**
   * {@code classicScrollbars}: scrollbars that take room (15 px, as on Windows and most Linux
   * desktops) instead of none, and a narrow window emulated as a desktop's, not a phone's (phones
   * have overlay scrollbars).
   */
  Browser(URI base, Dimension size, boolean classicScrollbars) {
    this(base, size, classicScrollbars, "en-US,en");
  }

  /** {@code languages}: the browser's languages, as Accept-Language lists them ("fi-FI,fi"). */
  Browser(URI base, Dimension size, boolean classicScrollbars, String languages) {
    this.base = base;
    Path home =
        Path.of("target", "browser", "profile-" + PROFILES.incrementAndGet()).toAbsolutePath();
    try {
      Files.createDirectories(home.resolve("cache"));
      Files.createDirectories(home.resolve("config"));
      Files.createDirectories(home.resolve("run"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .withEnvironment(
                Map.of(
                    "XDG_CACHE_HOME", home.resolve("cache").toString(),
                    "XDG_CONFIG_HOME", home.resolve("config").toString(),
                    "XDG_RUNTIME_DIR", home.resolve("run").toString(),
                    "HOME", home.toString()))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-features=Translate,MediaRouter",
        "--no-first-run",
        "--no-default-browser-check",
        "--password-store=basic",
        "--autoplay-policy=no-user-gesture-required",
        "--mute-audio",
        "--lang=" + languages.split(",")[0],
        "--window-size=" + size.width + "," + size.height,
        "--user-data-dir=" + home.resolve("profile"),
        // desktop notifications need a secure context; the test server is plain http
        "--unsafely-treat-insecure-origin-as-secure=" + origin(base));
    if (!classicScrollbars) {
      options.addArguments("--hide-scrollbars");
    }
    // an agent who turns Desktop on has allowed notifications; the console reads the permission
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "profile.default_content_setting_values.notifications",
            1,
            "intl.accept_languages",
            languages));
    // the console log is read after each test for Content Security Policy violations
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SPY));
    if (!languages.equals("en-US,en")) {
      // headless Chromium does not take navigator.languages from its preferences: say them over CDP
      String userAgent = (String) driver.executeScript("return navigator.userAgent");
      driver.executeCdpCommand(
          "Emulation.setUserAgentOverride",
          Map.of("userAgent", userAgent, "acceptLanguage", languages));
    }
    if (size.width < 500) {
      // a window cannot be narrower than 500 px, so a phone's screen is emulated
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of(
              "width",
              size.width,
              "height",
              size.height,
              "deviceScaleFactor",
              1,
              "mobile",
              !classicScrollbars));
    }
  }

  /** The browser's own time zone, e.g. {@code UTC}: the visitor's in the chat window. */
  void timeZone(String zoneId) {
    driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zoneId));
  }

  /** Everything the page wrote to the browser's console since the last call. */
  List<String> consoleMessages() {
    return driver.manage().logs().get("browser").getAll().stream()
        .map(entry -> entry.getMessage())
        .toList();
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** Opens a path of the app, e.g. {@code widget/?queue=x} or {@code #/settings}. */
  Browser open(String path) {
    driver.get(base.resolve(path).toString());
    return this;
  }

  void resize(Dimension size) {
    driver.manage().window().setSize(size);
  }

  static By testid(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  /** The first visible element with this {@code data-testid}, waiting for it. */
  WebElement find(String id) {
    return find(testid(id));
  }

  WebElement find(By by) {
    return until(
        d -> {
          for (WebElement e : d.findElements(by)) {
            if (e.isDisplayed()) {
              return e;
            }
          }
          return null;
        },
        "a visible " + by);
  }

  /** The element's text content, visible or not (an empty error line is not displayed). */
  String textContent(String id) {
    return until(d -> d.findElement(testid(id)), "[data-testid=" + id + "]")
        .getAttribute("textContent");
  }

  /** The element, displayed or not (a switch's checkbox is drawn by its label). */
  WebElement element(By by) {
    return until(d -> d.findElement(by), "" + by);
  }

  List<WebElement> all(String id) {
    return driver.findElements(testid(id));
  }

  boolean present(String id) {
    return !driver.findElements(testid(id)).isEmpty();
  }

  String text(String id) {
    return find(id).getText();
  }

  /** Waits until the element's visible text contains {@code part}; answers the whole text. */
  String textContains(String id, String part) {
    return until(
        d -> {
          for (WebElement e : d.findElements(testid(id))) {
            if (e.isDisplayed() && e.getText().contains(part)) {
              return e.getText();
            }
          }
          return null;
        },
        "[data-testid=" + id + "] containing \"" + part + "\"");
  }

  void type(String id, String text) {
    WebElement input = find(id);
    input.clear();
    input.sendKeys(text);
  }

  /** Sets a value the way a paste would, for text that sendKeys would type oddly. */
  void setValue(String id, String text) {
    WebElement input = find(id);
    driver.executeScript(
        "arguments[0].value = arguments[1];"
            + " arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        input,
        text);
  }

  /**
   * Runs axe-core on the document the driver is in (the console, the chat window, or the chat
   * window's frame inside a customer's page), if it is one of the app's: a customer's page is the
   * customer's. What it finds is reported when the test ends ({@link Session}); each finding once.
   */
  void audit() {
    try {
      if (!origin(base).equals(driver.executeScript("return location.origin"))) {
        return;
      }
      if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
        driver.executeScript(Files.readString(AXE.toPath()));
      }
      String where = driver.executeScript("return location.pathname + location.hash") + ": ";
      for (Object found : (List<?>) driver.executeAsyncScript(AUDIT)) {
        if (!inaccessible.contains(where + found)) {
          inaccessible.add(where + found);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (WebDriverException navigatingOrGone) {
      // nothing to audit in a page that is being replaced
    }
  }

  /** Clicks in the middle of the screen, where no sticky bar (the queue page's Save) covers it. */
  void click(String id) {
    audit(); // every state a test acts in is audited before it acts
    WebElement element = find(id);
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  <T> T until(Function<WebDriver, T> condition, String what) {
    return new FluentWait<WebDriver>(driver)
        .withTimeout(WAIT)
        .pollingEvery(Duration.ofMillis(100))
        .ignoring(NoSuchElementException.class)
        .ignoring(StaleElementReferenceException.class)
        .withMessage(() -> "waiting for " + what + " on " + driver.getCurrentUrl())
        .until(condition);
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** What the spy recorded: {@code dialogs}, {@code notifications} and {@code tones}. */
  @SuppressWarnings("unchecked")
  Map<String, Object> spy() {
    return (Map<String, Object>) script("return JSON.parse(JSON.stringify(window.__spy));");
  }

  @SuppressWarnings("unchecked")
  List<Object> spied(String what) {
    return (List<Object>) spy().get(what);
  }

  /** Signs in on the login page that is showing. */
  void signIn(String username, String password) {
    type("login-username", username);
    type("login-password", password);
    click("login-submit");
    find("current-user");
  }

  /** Waits until the console's server-sent events are connected. */
  void waitUntilLive() {
    find(By.cssSelector("[data-testid='live-state'][data-state='live']"));
  }

  String hash() {
    return (String) script("return location.hash;");
  }

  void saveScreenshot(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }

  /** What the page logged about a Content Security Policy since the last call. */
  List<String> cspViolations() {
    return driver.manage().logs().get("browser").getAll().stream()
        .map(entry -> entry.getMessage())
        .filter(message -> message.contains("Content Security Policy"))
        .toList();
  }

  /**
   * The browsers a test opened: all closed after the test, and after a failure each one's page is
   * saved first to {@code target/browser-failures/<test>-<n>.png}.
   */
  static final class Session implements AfterEachCallback {
    private final List<Browser> open = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();
    private URI base;

    /** Something else the test opened (a customer's site), closed with the browsers. */
    <T extends AutoCloseable> T closing(T resource) {
      others.add(resource);
      return resource;
    }

    void base(URI base) {
      this.base = base;
    }

    Browser laptop() {
      return start(LAPTOP);
    }

    Browser phone() {
      return start(PHONE);
    }

    /** A laptop's browser whose languages are these ("fi-FI,fi"). */
    Browser laptopIn(String languages) {
      Browser browser = new Browser(base, LAPTOP, false, languages);
      open.add(browser);
      return browser;
    }

    /** A 360 px wide desktop window whose scrollbars take room. */
    Browser narrowWithScrollbars() {
      Browser browser = new Browser(base, new Dimension(360, 640), true);
      open.add(browser);
      return browser;
    }

    private Browser start(Dimension size) {
      Browser browser = new Browser(base, size);
      open.add(browser);
      return browser;
    }

    @Override
    public void afterEach(ExtensionContext context) {
      List<String> violations = new ArrayList<>();
      List<String> inaccessible = new ArrayList<>();
      try {
        for (Browser browser : open) {
          try {
            violations.addAll(browser.cspViolations());
            browser.audit(); // and the state the test ended in
            inaccessible.addAll(browser.inaccessible);
          } catch (RuntimeException e) {
            // the browser may be gone
          }
        }
        if (context.getExecutionException().isPresent()) {
          for (int i = 0; i < open.size(); i++) {
            try {
              open.get(i)
                  .saveScreenshot(
                      Path.of(
                          "target",
                          "browser-failures",
                          context.getRequiredTestMethod().getName() + "-" + (i + 1) + ".png"));
            } catch (RuntimeException e) {
              // the browser may be what failed
            }
          }
        }
      } finally {
        open.forEach(
            b -> {
              try {
                b.close();
              } catch (RuntimeException e) {
                // already gone
              }
            });
        open.clear();
        others.forEach(
            o -> {
              try {
                o.close();
              } catch (Exception e) {
                // already gone
              }
            });
        others.clear();
      }
      if (!violations.isEmpty() && context.getExecutionException().isEmpty()) {
        throw new AssertionError("The page broke its Content Security Policy: " + violations);
      }
      if (!inaccessible.isEmpty() && context.getExecutionException().isEmpty()) {
        throw new AssertionError(
            "axe-core found accessibility violations:\n  " + String.join("\n  ", inaccessible));
      }
    }
  }

  /**
   * Browser tests are about the front-end, not the database: they run in the H2 execution only, and
   * only where Chromium and its driver are installed.
   */
  static final class Available implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String database = System.getProperty("contactdesk.it.database", "h2");
      if (!"h2".equals(database)) {
        return disabled("browser tests run in the h2 execution only (this is " + database + ")");
      }
      for (File file : List.of(CHROMIUM, CHROMEDRIVER)) {
        if (!file.canExecute()) {
          return disabled(
              file + " is missing: install it with apt-get install chromium chromium-driver");
        }
      }
      if (!AXE.canRead()) {
        return disabled(
            AXE
                + " is missing: the build installs it with npm ci (src/test/a11y); install npm"
                + " with apt-get install npm");
      }
      return enabled("Chromium, chromedriver and axe-core are installed");
    }
  }
}
