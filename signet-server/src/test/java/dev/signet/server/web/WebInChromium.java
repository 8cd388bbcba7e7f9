package dev.signet.server.web;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * A browser test class's service and headless Chromium on it, started before its first test and
 * stopped after its last. The class says what it needs by its static fields: a {@link WebFixture},
 * a {@link WebDriver} or a {@link Browser} on it, and {@link BobsMail} delivered to it; each field of
 * those types is set, and nothing is started that no field asks for. Without Chromium the class is
 * skipped (failed under CI) before anything starts.
 */
final class WebInChromium implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace STARTED = ExtensionContext.Namespace.create(WebInChromium.class);

  /** What was started for one test class, stopped in the reverse order. */
  private static final class Started {
    final Deque<AutoCloseable> stops = new ArrayDeque<>();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Chromium.requirePresent();
    Class<?> tests = context.getRequiredTestClass();
    Started started = new Started();
    context.getStore(STARTED).put(tests, started);
    WebFixture fixture = WebFixture.start();
    started.stops.push(fixture);
    set(tests, WebFixture.class, fixture);
    if (has(tests, WebDriver.class)) {
      WebDriver driver = Chromium.start(fixture);
      started.stops.push(driver::quit);
      set(tests, WebDriver.class, driver);
    }
    if (has(tests, Browser.class)) {
      Browser browser = Browser.on(fixture);
      started.stops.push(browser);
      set(tests, Browser.class, browser);
    }
    if (has(tests, BobsMail.class)) {
      set(tests, BobsMail.class, BobsMail.in(fixture));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    Started started = context.getStore(STARTED).remove(context.getRequiredTestClass(), Started.class);
    while (started != null && !started.stops.isEmpty()) {
      started.stops.pop().close();
    }
  }

  private static boolean has(Class<?> tests, Class<?> type) {
    return Arrays.stream(tests.getDeclaredFields()).anyMatch(f -> isFor(f, type));
  }

  private static <T> void set(Class<?> tests, Class<T> type, T value) {
    for (Field f : tests.getDeclaredFields()) {
      if (isFor(f, type)) {
        try {
          f.setAccessible(true);
          f.set(null, value);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot set " + f, e);
        }
      }
    }
  }

  private static boolean isFor(Field f, Class<?> type) {
    return Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers()) && f.getType() == type;
  }
}
