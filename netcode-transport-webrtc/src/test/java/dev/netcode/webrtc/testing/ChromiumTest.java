package dev.netcode.webrtc.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs against headless Chromium: one browser per class, a
 * {@link ChromiumPage} (or the {@link ChromiumBrowser}) injected as a test or lifecycle method
 * parameter, all peers closed after each test, the browser closed after the class.
 *
 * <pre>{@code
 * @ChromiumTest
 * class MyInteropTest {
 *     @Test
 *     void connects(ChromiumPage page) { ... }
 * }
 * }</pre>
 *
 * <p>Availability rule, applied before the class runs: Chromium or chromedriver missing fails
 * the class when {@code CI=true} and skips it otherwise (see {@link ChromiumInstallation}).
 * Tagged {@code chromium} so a build can select or exclude browser tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("chromium")
@ExtendWith(ChromiumExtension.class)
public @interface ChromiumTest {

    /**
     * Start with {@code --use-fake-ui-for-media-stream --use-fake-device-for-media-stream} so
     * {@link ChromiumPage#requestAudioPermission()} works (needed for Chromium↔Chromium in one page).
     */
    boolean fakeMedia() default false;

    /** Further Chromium flags. */
    String[] extraArguments() default {};
}
