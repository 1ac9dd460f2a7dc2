package dev.userinfo.domain;

/**
 * Thrown by a port when the deployment itself is wrong (wrong pool id, missing IAM permission): no
 * client can fix it by retrying, an operator has to.
 */
public final class MisconfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MisconfigurationException(String operatorMessage, Throwable cause) {
        super(operatorMessage, cause);
    }
}
