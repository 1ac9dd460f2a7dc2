package dev.userinfo.bootstrap.config;

/** A missing or invalid configuration value; the message names the variable and stops start-up. */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String variable, String problem) {
        super(variable + ": " + problem);
    }
}
