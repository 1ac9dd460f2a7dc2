package dev.userinfo.archfixture.domain;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks "domain depends only on the JDK" on purpose. */
public class DomainUsingJackson {
    public String render(Object value) throws Exception {
        return new ObjectMapper().writeValueAsString(value);
    }
}
