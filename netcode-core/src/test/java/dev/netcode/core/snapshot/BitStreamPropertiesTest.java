package dev.netcode.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BitStreamPropertiesTest {

    /** One field of a random stream: its kind, width and value, and how to write and read it back. */
    sealed interface Field permits Bits, Signed, Bool, VarU, VarS, Bounded, Bytes, Wide {
        void write(BitWriter w);

        void readAndCheck(BitReader r);
    }

    record Bits(int value, int bits) implements Field {
        public void write(BitWriter w) {
            w.writeBits(value, bits);
        }

        public void readAndCheck(BitReader r) {
            int mask = bits == 32 ? -1 : (1 << bits) - 1;
            assertThat(r.readBits(bits)).isEqualTo(value & mask);
        }
    }

    record Signed(int value, int bits) implements Field {
        public void write(BitWriter w) {
            w.writeSigned(value, bits);
        }

        public void readAndCheck(BitReader r) {
            assertThat(r.readSigned(bits)).isEqualTo(value);
        }
    }

    record Bool(boolean value) implements Field {
        public void write(BitWriter w) {
            w.writeBool(value);
        }

        public void readAndCheck(BitReader r) {
            assertThat(r.readBool()).isEqualTo(value);
        }
    }

    record VarU(long value) implements Field {
        public void write(BitWriter w) {
            w.writeVarUInt(value);
        }

        public void readAndCheck(BitReader r) {
            assertThat(r.readVarUInt()).isEqualTo(value);
        }
    }

    record VarS(long value) implements Field {
        public void write(BitWriter w) {
            w.writeVarInt(value);
        }

        public void readAndCheck(BitReader r) {
            assertThat(r.readVarInt()).isEqualTo(value);
        }
    }

    record Bounded(int value, int min, int max) implements Field {
        public void write(BitWriter w) {
            w.writeBounded(value, min, max);
        }

        public void readAndCheck(BitReader r) {
            assertThat(r.readBounded(min, max)).isEqualTo(value);
        }
    }

    record Bytes(byte[] value) implements Field {
        public void write(BitWriter w) {
            w.writeBytes(value, 0, value.length);
        }

        public void readAndCheck(BitReader r) {
            byte[] read = new byte[value.length];
            r.readBytes(read, 0, read.length);
            assertThat(read).isEqualTo(value);
        }
    }

    record Wide(long value, int bits) implements Field {
        public void write(BitWriter w) {
            w.writeLong(value, bits);
        }

        public void readAndCheck(BitReader r) {
            long mask = bits == 64 ? -1L : (1L << bits) - 1;
            assertThat(r.readLong(bits)).isEqualTo(value & mask);
        }
    }

    @Provide
    Arbitrary<Field> field() {
        Arbitrary<Field> bits = Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 32))
                .as(Bits::new);
        Arbitrary<Field> signed = Arbitraries.integers().between(1, 32).flatMap(b -> {
            int min = b == 32 ? Integer.MIN_VALUE : -(1 << (b - 1));
            int max = b == 32 ? Integer.MAX_VALUE : (1 << (b - 1)) - 1;
            return Arbitraries.integers().between(min, max).map(v -> (Field) new Signed(v, b));
        });
        Arbitrary<Field> bool = Arbitraries.of(true, false).map(Bool::new);
        Arbitrary<Field> varU = Arbitraries.longs().map(VarU::new);
        Arbitrary<Field> varS = Arbitraries.longs().map(VarS::new);
        Arbitrary<Field> bounded = Combinators.combine(Arbitraries.integers(), Arbitraries.integers())
                .as((a, b) -> new int[] {Math.min(a, b), Math.max(a, b)})
                .flatMap(r -> Arbitraries.integers().between(r[0], r[1]).map(v -> (Field) new Bounded(v, r[0], r[1])));
        Arbitrary<Field> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(Bytes::new);
        Arbitrary<Field> wide = Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 64))
                .as(Wide::new);
        return Arbitraries.oneOf(bits, signed, bool, varU, varS, bounded, bytes, wide);
    }

    @Property(tries = 500)
    void anySequenceOfFieldsRoundTrips(@ForAll @Size(max = 60) List<@From("field") Field> fields,
            @ForAll @IntRange(min = 0, max = 7) int startOffset) {
        byte[] buffer = new byte[startOffset + 4096];
        // Garbage in the buffer must not leak into what is written.
        java.util.Arrays.fill(buffer, (byte) 0xA5);
        BitWriter writer = new BitWriter().wrap(buffer, startOffset, 4096);
        for (Field f : fields) {
            f.write(writer);
        }
        int written = writer.bitsWritten();
        BitReader reader = new BitReader().wrap(buffer, startOffset, writer.bytesUsed());
        for (Field f : fields) {
            f.readAndCheck(reader);
        }
        assertThat(reader.bitsRead()).isEqualTo(written);
        assertThat(reader.bitsRemaining()).isBetween(0, 7);
    }

    @Property(tries = 300)
    void readingPastTheEndIsTheTypedError(@ForAll @Size(max = 16) byte[] data,
            @ForAll @IntRange(min = 1, max = 64) int width, @ForAll @IntRange(min = 0, max = 7) int kind) {
        BitReader reader = new BitReader().wrap(data);
        assertThatThrownBy(() -> {
            // Keep reading until the end is hit; only SnapshotFormatException may escape.
            for (int i = 0; i < 1000; i++) {
                switch (kind) {
                    case 0 -> reader.readLong(width);
                    case 1 -> reader.readBits(Math.min(width, 32));
                    case 2 -> reader.readBool();
                    case 3 -> reader.readVarUInt();
                    case 4 -> reader.readVarInt();
                    case 5 -> reader.readBounded(0, width * 1000);
                    case 6 -> reader.readBytes(new byte[width], 0, width);
                    default -> reader.readSigned(Math.min(width, 32));
                }
            }
        }).isInstanceOf(SnapshotFormatException.class);
    }

    @Property(tries = 200)
    void writerNeverWritesPastItsLimit(@ForAll @IntRange(min = 0, max = 8) int lengthBytes) {
        byte[] buffer = new byte[lengthBytes + 2];
        BitWriter writer = new BitWriter().wrap(buffer, 1, lengthBytes);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                writer.writeBits(0x7fff, 15);
            }
        }).isInstanceOf(BitOverflowException.class);
        assertThat(buffer[0]).isZero();
        assertThat(buffer[lengthBytes + 1]).isZero();
    }

    @Property
    void varUIntBitsMatchesWhatIsWritten(@ForAll long value) {
        BitWriter writer = new BitWriter().wrap(new byte[16]);
        writer.writeVarUInt(value);
        assertThat(writer.bitsWritten()).isEqualTo(BitWriter.varUIntBits(value));
    }

    @Property(tries = 100)
    void boundedReadRejectsValuesOverMax(@ForAll @IntRange(min = 0, max = 1000) int max) {
        // A value over max in the max's bit width can only come from a hostile sender.
        int bits = BitWriter.bitsFor(max);
        int over = (1 << bits) - 1;
        if (over == max || bits == 0) {
            return;
        }
        BitWriter writer = new BitWriter().wrap(new byte[8]);
        writer.writeBits(over, bits);
        BitReader reader = new BitReader().wrap(writer.buffer(), 0, writer.bytesUsed());
        assertThatThrownBy(() -> reader.readBounded(0, max)).isInstanceOf(SnapshotFormatException.class);
    }

    @Property(tries = 50)
    void overlongVarintIsRejected(@ForAll @IntRange(min = 10, max = 15) int groups) {
        byte[] data = new byte[groups];
        java.util.Arrays.fill(data, (byte) 0xff);
        assertThatThrownBy(() -> new BitReader().wrap(data).readVarUInt()).isInstanceOf(SnapshotFormatException.class);
    }
}
