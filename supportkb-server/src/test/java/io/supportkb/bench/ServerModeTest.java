package io.supportkb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServerModeTest {

    @Test
    void namedModesMapToTheirProfilesAndBackToTheirLabels() {
        assertThat(ServerMode.named("embedded").profiles()).isEmpty();
        assertThat(ServerMode.named("Production").profiles()).isEqualTo(List.of("mysql", "redis"));
        assertThat(ServerMode.named("production").label()).isEqualTo("production");
        assertThatThrownBy(() -> ServerMode.named("cluster")).hasMessageContaining("embedded or production");
    }
}
