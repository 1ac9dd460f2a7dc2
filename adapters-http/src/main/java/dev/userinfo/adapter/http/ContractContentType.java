package dev.userinfo.adapter.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Keeps the contract's spelling of {@code Content-Type: application/json; charset=utf-8}. Jetty's
 * servlet layer swaps a media type it knows for its own cached spelling (no space before
 * {@code charset}), and does so again whenever the character encoding is touched; the Lambda sends the
 * contract's spelling, so without this the two entry points would differ by one byte.
 */
final class ContractContentType extends Handler.Wrapper {

    static final String CONTRACT = "application/json; charset=utf-8";
    private static final String JETTY_SPELLING = "application/json;charset=utf-8";

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(request, new Response.Wrapper(request, response) {
            private final HttpFields.Mutable headers = new HttpFields.Mutable.Wrapper(response.getHeaders()) {
                @Override
                public HttpField onAddField(HttpField field) {
                    return respell(field);
                }

                @Override
                public HttpField onReplaceField(HttpField old, HttpField field) {
                    return respell(field);
                }
            };

            @Override
            public HttpFields.Mutable getHeaders() {
                return headers;
            }
        }, callback);
    }

    private static HttpField respell(HttpField field) {
        if (field.getHeader() == HttpHeader.CONTENT_TYPE && JETTY_SPELLING.equalsIgnoreCase(field.getValue())) {
            return new HttpField(HttpHeader.CONTENT_TYPE, CONTRACT);
        }
        return field;
    }
}
