package dev.userinfo.adapter.cognito;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the HTTP requests (attempts, retries included) the SDK sends for one operation. */
final class OperationCounter implements ExecutionInterceptor {

    private final String operationName;
    private final AtomicInteger requests = new AtomicInteger();

    OperationCounter(String operationName) {
        this.operationName = operationName;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (operationName.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            requests.incrementAndGet();
        }
    }

    int requests() {
        return requests.get();
    }

    void reset() {
        requests.set(0);
    }
}
