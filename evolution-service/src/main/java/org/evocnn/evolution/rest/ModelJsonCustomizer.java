package org.evocnn.evolution.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.evocnn.model.json.ModelModule;

/** Genomes and messages in REST answers have the same JSON form as everywhere else (shared-model's module). */
@Singleton
public class ModelJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new ModelModule());
    }
}
