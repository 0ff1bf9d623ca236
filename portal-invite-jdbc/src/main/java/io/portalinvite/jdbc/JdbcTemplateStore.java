package io.portalinvite.jdbc;

import io.portalinvite.common.PracticeId;
import io.portalinvite.delivery.TemplateService.TemplateName;
import io.portalinvite.delivery.TemplateStore;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@link TemplateStore} on table {@code pi_template}, one row per practice, template and locale. */
public final class JdbcTemplateStore implements TemplateStore {

    private final Sql sql;

    JdbcTemplateStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<String> find(PracticeId practiceId, TemplateName name, Locale locale) {
        return sql.queryOne(
                "find template",
                "SELECT source FROM pi_template WHERE practice_id = ? AND name = ? " + "AND locale = ?",
                rs -> rs.getString(1),
                practiceId.value(),
                name,
                locale.toLanguageTag());
    }

    @Override
    public Map<TemplateName, String> findAll(PracticeId practiceId, Locale locale) {
        Map<TemplateName, String> out = new EnumMap<>(TemplateName.class);
        sql.query(
                "find templates",
                "SELECT name, source FROM pi_template WHERE practice_id = ? AND locale = ?",
                rs -> out.put(TemplateName.valueOf(rs.getString(1)), rs.getString(2)),
                practiceId.value(),
                locale.toLanguageTag());
        return Map.copyOf(out);
    }

    @Override
    public void save(PracticeId practiceId, TemplateName name, Locale locale, String source) {
        Object[] args = {source, practiceId.value(), name, locale.toLanguageTag()};
        if (sql.update(
                        "update template",
                        "UPDATE pi_template SET source = ? WHERE practice_id = ? AND name = ? " + "AND locale = ?",
                        args)
                == 0) {
            sql.update(
                    "insert template",
                    "INSERT INTO pi_template (source, practice_id, name, locale) " + "VALUES (?, ?, ?, ?)",
                    args);
        }
    }

    @Override
    public boolean delete(PracticeId practiceId, TemplateName name, Locale locale) {
        return sql.update(
                        "delete template",
                        "DELETE FROM pi_template WHERE practice_id = ? AND name = ? " + "AND locale = ?",
                        practiceId.value(),
                        name,
                        locale.toLanguageTag())
                == 1;
    }
}
