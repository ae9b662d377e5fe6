package dev.netcode.webrtc.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;

/**
 * Hostile datagrams through the application-data fast path the way {@code DtlsEndpoint} drives it:
 * plausibility filter, the all-application-data check, then {@link ApplicationDataReader#open} per
 * record. Nothing may throw, and a forged record never opens.
 */
class ApplicationDataReaderFuzzTest {
    private static final ApplicationDataReader READER = new ApplicationDataReader(1, ApplicationDataReaderTest.KEY,
            ApplicationDataReaderTest.SALT);
    private static final byte[] OUT = new byte[ApplicationDataReader.OUTPUT_BYTES];

    @FuzzTest(maxDuration = "15s")
    void hostileDatagrams(byte[] input) {
        ByteBuffer datagram = ByteBuffer.wrap(input);
        if (input.length > 0 && (input[0] & 1) == 0) {
            // Even first byte: frame the rest as one epoch-1 application_data record, so that the
            // fuzzer gets past the header checks into the AEAD.
            datagram = ByteBuffer.allocate(13 + input.length).put((byte) 23).put((byte) 0xfe).put((byte) 0xfd)
                    .putShort((short) 1).putShort((short) 0).putInt(input.length).putShort((short) input.length)
                    .put(input).flip();
        }
        if (!DtlsRecordFilter.isPlausible(datagram, 1 << 16, 24) || !READER.isApplicationDataOnly(datagram)) {
            return;
        }
        int pos = datagram.position();
        while (datagram.limit() - pos >= DtlsRecordFilter.HEADER_BYTES) {
            assertThat(READER.open(datagram, pos, OUT)).isEqualTo(-1);
            pos += DtlsRecordFilter.HEADER_BYTES + (datagram.getShort(pos + 11) & 0xffff);
        }
    }
}
