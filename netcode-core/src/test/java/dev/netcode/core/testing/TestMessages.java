package dev.netcode.core.testing;

import dev.netcode.core.MessageRegistry;

/** Message classes for core's tests and the conformance kit. */
public final class TestMessages {
    private TestMessages() {}

    public static final class Text {
        public String text;

        public Text() {}

        public Text(String text) {
            this.text = text;
        }
    }

    public static final class Counter {
        public int stream;
        public int value;

        public Counter() {}

        public Counter(int stream, int value) {
            this.stream = stream;
            this.value = value;
        }
    }

    public static final class Blob {
        public byte[] data;

        public Blob() {}

        public Blob(byte[] data) {
            this.data = data;
        }
    }

    public static final class Unregistered {
        public int x;
    }

    public static MessageRegistry registry() {
        return MessageRegistry.builder()
                .register(Text.class)
                .register(Counter.class)
                .register(Blob.class)
                .register(byte[].class)
                .register(java.util.ArrayList.class)
                .register(String[].class)
                .build();
    }
}
