package org.hemei.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void anEmptyListIsOnePageAndFullPagesCountExactly() {
        assertThat(new Paging<>(List.of(), 0, 20, 0).pages()).isEqualTo(1);
        assertThat(new Paging<>(List.of(), 0, 20, 0).hasNext()).isFalse();
        assertThat(new Paging<>(List.of(), 0, 20, 20).pages()).isEqualTo(1);
        assertThat(new Paging<>(List.of(), 0, 20, 21).pages()).isEqualTo(2);
        assertThat(new Paging<>(List.of(), 0, 20, 21).hasNext()).isTrue();
        assertThat(new Paging<>(List.of(), 1, 20, 21).hasNext()).isFalse();
    }
}
