package dev.netcode.webrtc.testing;

import java.util.List;

/**
 * A harness call failed in the browser (a rejected promise, a timeout while waiting for a state,
 * an unknown id) or the browser could not be driven at all. The message carries the browser's
 * error and the tail of the page's console log, which is usually where the reason is.
 */
public class ChromiumHarnessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> consoleLog;

    public ChromiumHarnessException(String message, List<String> consoleLog, Throwable cause) {
        super(message + formatConsole(consoleLog), cause);
        this.consoleLog = List.copyOf(consoleLog);
    }

    /** The page's console log at the time of the failure (bounded, oldest first). */
    public List<String> consoleLog() {
        return consoleLog;
    }

    private static String formatConsole(List<String> lines) {
        if (lines.isEmpty()) {
            return "\n(browser console is empty)";
        }
        int from = Math.max(0, lines.size() - 40);
        StringBuilder sb = new StringBuilder("\nbrowser console (last ").append(lines.size() - from).append(" lines):");
        for (String line : lines.subList(from, lines.size())) {
            sb.append("\n  ").append(line);
        }
        return sb.toString();
    }
}
