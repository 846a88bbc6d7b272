package io.supportkb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import io.supportkb.api.DocumentController;
import io.supportkb.indexing.internal.IndexingWorker;
import io.supportkb.ingestion.internal.JobReconciler;

class RolesTest {

    @Nested
    @SpringBootTest(properties = {"supportkb.roles=api", "supportkb.data-dir=./target/test-data/${random.uuid}"})
    @DirtiesContext
    class AnApiOnlyProcess {

        @Autowired
        ApplicationContext context;

        @Test
        void servesHttpButClaimsNoJobs() {
            assertThat(context.getBeansOfType(DocumentController.class)).hasSize(1);
            assertThat(context.getBeansOfType(IndexingWorker.class)).isEmpty();
            assertThat(context.getBeansOfType(JobReconciler.class)).isEmpty();
        }
    }

    @Nested
    @SpringBootTest(properties = {"supportkb.roles=worker", "supportkb.data-dir=./target/test-data/${random.uuid}"})
    @DirtiesContext
    class AWorkerOnlyProcess {

        @Autowired
        ApplicationContext context;

        @Test
        void claimsJobsButServesNoApi() {
            assertThat(context.getBeansOfType(DocumentController.class)).isEmpty();
            assertThat(context.getBeansOfType(IndexingWorker.class)).hasSize(1);
            assertThat(context.getBeansOfType(JobReconciler.class)).hasSize(1);
        }
    }
}
