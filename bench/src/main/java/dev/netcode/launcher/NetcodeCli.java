package dev.netcode.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./netcode} launcher: one entry point for every process the project runs.
 *
 * <p>It lives in {@code bench} because that is the one module that depends on every other; it is an
 * application, not part of the SDK a game depends on.
 */
@Command(name = "netcode",
        mixinStandardHelpOptions = true,
        version = "netcode 0.1.0-SNAPSHOT",
        description = "Netcode: multiplayer game networking over WebRTC DataChannels.",
        subcommands = {
            TestCommand.class,
            PlaytestCommand.class,
            HostCommand.class,
            ClientCommand.class,
            LobbyCommand.class,
            BenchCommand.class,
            EchoPeerCommand.class,
            CommandLine.HelpCommand.class
        })
public final class NetcodeCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new NetcodeCli()).execute(args);
        System.exit(exit);
    }
}
