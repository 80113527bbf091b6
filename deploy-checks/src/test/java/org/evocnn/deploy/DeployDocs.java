package org.evocnn.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tables of docs/deploy.md that tests hold the deployment to, read as the reader sees them. */
final class DeployDocs {

    static final Path FILE = Manifests.ROOT.resolve("docs/deploy.md");

    private DeployDocs() {
    }

    /** "Broker roles": per user, its cells by column header (backticks removed). */
    static Map<String, Map<String, String>> brokerRoles() throws IOException {
        return table("Broker roles");
    }

    /** "Network flows": one row per flow, its cells by column header. */
    static List<Map<String, String>> networkFlows() throws IOException {
        return new ArrayList<>(table("Network flows").values());
    }

    /** The first Markdown table after the heading (any level), keyed by its first column's first word. */
    private static Map<String, Map<String, String>> table(String heading) throws IOException {
        List<String> lines = Files.readAllLines(FILE);
        int at = 0;
        while (at < lines.size() && !(lines.get(at).startsWith("#") && lines.get(at).replaceFirst("^#+\\s*", "")
                .equals(heading))) {
            at++;
        }
        if (at == lines.size()) {
            throw new AssertionError(FILE + " has no heading " + heading);
        }
        while (!lines.get(at).startsWith("|")) {
            at++;
        }
        List<String> header = cells(lines.get(at));
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), cells.get(c));
            }
            String key = cells.get(0).split("\\s+")[0];
            rows.put(rows.containsKey(key) ? key + "#" + i : key, row);
        }
        return rows;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        String[] parts = line.substring(1, line.lastIndexOf('|')).split("\\|");
        for (String part : parts) {
            cells.add(part.replace("`", "").strip());
        }
        return cells;
    }
}
