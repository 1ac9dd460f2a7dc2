package dev.userinfo.bootstrap.embedded;

/** Text into HTML: the one escaping every page of the embedded mode uses for any value it shows. */
final class Html {

    private Html() {
    }

    /** Text into HTML text or a double- or single-quoted attribute value. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
