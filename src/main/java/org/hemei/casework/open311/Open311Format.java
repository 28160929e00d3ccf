package org.hemei.casework.open311;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two representations GeoReport v2 asks for, chosen by the resource's suffix ({@code .json}, {@code .xml}).
 * Documents are built once as ordered maps and lists; JSON is their plain rendering, XML follows the spec's
 * examples (the "Spark convention" in reverse): a list becomes an element per item, named by the singular of
 * the list's name ({@code services/service}, {@code service_requests/request}, {@code errors/error}, …), and
 * a missing value an empty element. Written with the JDK's StAX writer, so escaping is never hand-made.
 */
enum Open311Format {

    JSON(new MediaType("application", "json", StandardCharsets.UTF_8)),
    XML(new MediaType("text", "xml", StandardCharsets.UTF_8));

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final XMLOutputFactory XML_OUTPUT = XMLOutputFactory.newFactory();

    /** Element names of list items, by the list's name. */
    private static final Map<String, String> ITEM = Map.of("services", "service", "service_requests", "request", "errors", "error",
            "endpoints", "endpoint", "formats", "format", "attributes", "attribute", "values", "value");

    final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    /** {@code …/services.xml} → XML; everything else (the {@code .json} mappings) → JSON. */
    static Open311Format of(String requestUri) {
        return requestUri != null && requestUri.endsWith(".xml") ? XML : JSON;
    }

    /** A document: a list under its root name ({@code services}, {@code service_requests}, {@code errors}) or one object. */
    ResponseEntity<byte[]> render(int status, String root, Object document) {
        return ResponseEntity.status(status).contentType(mediaType).body(write(root, document));
    }

    byte[] write(String root, Object document) {
        if (this == JSON) return MAPPER.writeValueAsBytes(document);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            XMLStreamWriter xml = XML_OUTPUT.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            element(xml, root, document);
            xml.writeEndDocument();
            xml.close();
            return out.toByteArray();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write Open311 XML", e);
        }
    }

    private static void element(XMLStreamWriter xml, String name, Object value) throws XMLStreamException {
        if (value == null || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty()) {
            xml.writeEmptyElement(name);
            return;
        }
        xml.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) element(xml, String.valueOf(e.getKey()), e.getValue());
        } else if (value instanceof List<?> list) {
            String item = ITEM.getOrDefault(name, "item");
            for (Object o : list) element(xml, item, o);
        } else {
            xml.writeCharacters(text(value));
        }
        xml.writeEndElement();
    }

    /** The value as XML 1.0 text: characters XML cannot carry (most control characters) are dropped. */
    private static String text(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF).forEach(out::appendCodePoint);
        return out.toString();
    }
}
