package dev.userinfo.archfixture.bootstrap.config;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks "the Lambda's code maps no JSON to objects": configuration reading with an object mapper. */
public final class ConfigMappingJsonToObjects {

    Object read(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
