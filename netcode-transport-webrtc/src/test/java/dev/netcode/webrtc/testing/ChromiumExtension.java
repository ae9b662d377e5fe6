package dev.netcode.webrtc.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link ChromiumTest @ChromiumTest}; usable directly with
 * {@code @ExtendWith(ChromiumExtension.class)} (then with default options).
 *
 * <ul>
 *   <li>before all: applies the availability rule ({@link ChromiumInstallation#requireAvailable()})
 *       and launches one {@link ChromiumBrowser} for the class, kept in the class's store so JUnit
 *       closes it (and deletes its profile) when the class is done, even on failure;</li>
 *   <li>parameters: {@link ChromiumPage} and {@link ChromiumBrowser};</li>
 *   <li>after each: closes every peer in the page, so tests do not see each other's peers.</li>
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Nested classes share the outer class's browser.</li>
 *   <li>Do not run browser test classes in parallel on a 2-core machine: one Chromium already
 *       needs most of a core while a DataChannel is busy.</li>
 * </ul>
 */
public final class ChromiumExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChromiumExtension.class);
    private static final String BROWSER_KEY = "browser";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getStore(NAMESPACE).get(BROWSER_KEY, BrowserResource.class) != null) {
            return; // a nested class: the enclosing class already has a browser
        }
        ChromiumInstallation installation = ChromiumInstallation.detect();
        installation.requireAvailable();
        ChromiumBrowser.Options options = ChromiumBrowser.Options.defaults();
        var annotation = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ChromiumTest.class);
        if (annotation.isPresent()) {
            if (annotation.get().fakeMedia()) {
                options = options.withFakeMedia();
            }
            options = options.withExtraArguments(annotation.get().extraArguments());
        }
        ChromiumBrowser browser = ChromiumBrowser.launch(installation, options);
        context.getStore(NAMESPACE).put(BROWSER_KEY, new BrowserResource(browser));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        BrowserResource resource = context.getStore(NAMESPACE).get(BROWSER_KEY, BrowserResource.class);
        if (resource != null) {
            try {
                resource.browser.page().closeAllPeers();
            } catch (ChromiumHarnessException e) {
                // The page is wedged (e.g. a test navigated away): start the next test on a fresh one.
                resource.browser.page().reload();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == ChromiumPage.class || type == ChromiumBrowser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        BrowserResource resource = extensionContext.getStore(NAMESPACE).get(BROWSER_KEY, BrowserResource.class);
        if (resource == null) {
            throw new ParameterResolutionException("no Chromium browser for " + extensionContext.getDisplayName());
        }
        Class<?> type = parameterContext.getParameter().getType();
        return type == ChromiumPage.class ? resource.browser.page() : resource.browser;
    }

    /** JUnit closes {@link AutoCloseable} store values when the class's context ends. */
    private static final class BrowserResource implements AutoCloseable {
        private final ChromiumBrowser browser;

        BrowserResource(ChromiumBrowser browser) {
            this.browser = browser;
        }

        @Override
        public void close() {
            browser.close();
        }
    }
}
