package io.waybill.hub.files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileArchiveTest {

    @Test
    void a_file_is_archived_in_parts_of_at_most_half_a_megabyte_so_each_fits_a_default_kafka_record() {
        assertThat(FileArchive.PART_BYTES).isLessThan(1024 * 1024 - 16 * 1024);
        assertThat(FileArchive.parts(1)).isEqualTo(1);
        assertThat(FileArchive.parts(FileArchive.PART_BYTES)).isEqualTo(1);
        assertThat(FileArchive.parts(FileArchive.PART_BYTES + 1L)).isEqualTo(2);
        assertThat(FileArchive.parts(50L * 1024 * 1024)).isEqualTo(100);
    }
}
