package io.portalinvite.account;

import io.portalinvite.common.AccessKind;
import io.portalinvite.common.FieldViolation;
import io.portalinvite.common.ValidationException;
import io.portalinvite.party.Relationship;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the account import file one account at a time, so a file of any size is never held in
 * memory: tab-separated UTF-8 text, a header line
 * {@code email password_hash practice_id patient_id kind relationship date_of_birth}, then one line
 * per grant; consecutive lines with the same email are one account and must carry the same hash.
 * Blank lines and lines starting with {@code #} are skipped. {@code kind} is {@code SELF} or
 * {@code PROXY}; {@code relationship} ({@code PARENT}, {@code GUARDIAN}, {@code CARER},
 * {@code OTHER}) is empty for SELF; {@code date_of_birth} ({@code yyyy-mm-dd}) may be empty.
 */
final class AccountImportFile implements Iterator<AccountImportFile.Entry> {

    /** The header's columns, in order. */
    static final List<String> COLUMNS =
            List.of("email", "password_hash", "practice_id", "patient_id", "kind", "relationship", "date_of_birth");

    /** More grants than this on one account make it invalid, so one account cannot fill the heap. */
    static final int MAX_GRANTS = 1_000;

    private final BufferedReader in;
    private long lineNumber;
    private @Nullable Line pending;
    private boolean done;

    /**
     * One account read from the file, or the reason it could not be read.
     *
     * @param row the line number of the account's first line
     * @param account the account, or null when a line of it was broken
     * @param problem what was broken, or null
     */
    record Entry(
            long row,
            @Nullable AccountImport account,
            @Nullable FieldViolation problem) {}

    private record Line(long number, String[] cells) {}

    AccountImportFile(Reader reader) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 64 * 1024);
        Line header = nextLine();
        if (header == null
                || !COLUMNS.equals(java.util.Arrays.stream(header.cells())
                        .map(c -> c.strip().toLowerCase(Locale.ROOT))
                        .toList())) {
            throw new ValidationException(
                    "file",
                    "import_file.header",
                    "the first line must be the header: " + String.join("<TAB>", COLUMNS));
        }
        pending = nextLine();
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    @Override
    public Entry next() {
        Line first = pending;
        if (first == null) {
            throw new NoSuchElementException();
        }
        String email = first.cells().length > 0 ? first.cells()[0] : "";
        String hash = first.cells().length > 1 ? first.cells()[1] : "";
        List<AccountImport.Grant> grants = new ArrayList<>();
        FieldViolation problem = null;
        Line line = first;
        while (line != null && sameAccount(line, email)) {
            if (problem == null) {
                problem = grant(line, hash, grants);
            }
            line = nextLine();
        }
        pending = line;
        if (problem != null) {
            return new Entry(first.number(), null, problem);
        }
        return new Entry(first.number(), new AccountImport(email, hash, grants), null);
    }

    private static boolean sameAccount(Line line, String email) {
        return line.cells().length > 0 && line.cells()[0].equalsIgnoreCase(email);
    }

    /** Adds the line's grant, or returns what is wrong with the line. */
    private static @Nullable FieldViolation grant(Line line, String hash, List<AccountImport.Grant> grants) {
        String[] c = line.cells();
        String at = "line " + line.number();
        if (c.length != COLUMNS.size()) {
            return new FieldViolation("line", "import_file.columns", at + " has " + c.length + " columns, not 7");
        }
        if (!c[1].equals(hash)) {
            return new FieldViolation(
                    "password_hash", "import_file.hash_differs", at + " repeats the email with another hash");
        }
        if (grants.size() >= MAX_GRANTS) {
            return new FieldViolation("grants", "import.too_many_grants", "more than " + MAX_GRANTS + " grants");
        }
        AccessKind kind;
        try {
            kind = AccessKind.valueOf(c[4].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new FieldViolation("kind", "import_file.kind", at + ": kind is SELF or PROXY");
        }
        Relationship relationship = null;
        if (!c[5].isBlank()) {
            try {
                relationship = Relationship.valueOf(c[5].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return new FieldViolation("relationship", "import_file.relationship", at + ": unknown relationship");
            }
        }
        LocalDate dob = null;
        if (!c[6].isBlank()) {
            try {
                dob = LocalDate.parse(c[6].strip());
            } catch (DateTimeParseException e) {
                return new FieldViolation("date_of_birth", "import_file.date", at + ": date_of_birth is yyyy-mm-dd");
            }
        }
        grants.add(new AccountImport.Grant(c[2], c[3], kind, relationship, dob));
        return null;
    }

    private @Nullable Line nextLine() {
        if (done) {
            return null;
        }
        try {
            for (String text; (text = in.readLine()) != null; ) {
                lineNumber++;
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                return new Line(lineNumber, text.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the account import file", e);
        }
        done = true;
        return null;
    }
}
