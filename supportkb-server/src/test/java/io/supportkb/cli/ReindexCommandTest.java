package io.supportkb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** {@code kb reindex} opens a data folder offline (no web server, no worker) and rebuilds its index. */
class ReindexCommandTest {

    @Test
    void reindexRebuildsTheIndexOfADataFolderOfflineAndExits() {
        String dataDir = "./target/test-data/" + UUID.randomUUID();

        KbRun run = KbRun.of("reindex", "--supportkb.data-dir=" + dataDir, "--supportkb.roles=worker");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("rebuilt the index from the database: 0 changes replayed", "no re-embedding");
        assertThat(run.err()).contains("ignoring --supportkb.roles=worker");
    }
}
