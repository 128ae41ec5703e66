#include <cliprocess.h>
#include <databasefiles.h>
#include <sqlitecandlestore.h>

#include <QFile>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using Candlewick::SqliteCandleStore;
using Candlewick::Testing::CliResult;
using Candlewick::Testing::execSql;
using Candlewick::Testing::runCli;

namespace {

// The locale variables of one run; an empty value hides the test's own.
QProcessEnvironment localeEnv(const QString &lang, const QString &language)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("LC_ALL"), QString());
    env.insert(QStringLiteral("LC_MESSAGES"), QString());
    env.insert(QStringLiteral("LANG"), lang);
    env.insert(QStringLiteral("LANGUAGE"), language);
    return env;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression marker(QStringLiteral("%[0-9]+"));
    QStringList found;
    for (const QRegularExpressionMatch &m : marker.globalMatch(text))
        found.append(m.captured());
    found.sort();
    return found;
}

} // namespace

// candlewick-cli's messages in the user's language: the .ts files (its own and the libraries')
// are complete, and the executable picks its translation from LANG / LANGUAGE while the error
// prefix stays fixed.
class TestCliTranslations : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    CliResult cli(const QStringList &args, const QProcessEnvironment &env)
    {
        return runCli(QStringLiteral(CANDLEWICK_CLI_PATH), args, m_dir.path(), 120000, env);
    }

private slots:
    void tsFilesAreComplete_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("de") << QStringLiteral(CANDLEWICK_TRANSLATIONS_DIR "/candlewick-cli_de.ts");
        QTest::newRow("zh_CN") << QStringLiteral(CANDLEWICK_TRANSLATIONS_DIR
                                                 "/candlewick-cli_zh_CN.ts");
        // The libraries' messages (models, providers, the strategies host).
        QTest::newRow("core de") << QStringLiteral(CANDLEWICK_TRANSLATIONS_DIR
                                                   "/candlewick-core_de.ts");
        QTest::newRow("core zh_CN")
            << QStringLiteral(CANDLEWICK_TRANSLATIONS_DIR "/candlewick-core_zh_CN.ts");
    }
    void tsFilesAreComplete()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
        QXmlStreamReader xml(&f);
        int messages = 0;
        QStringList problems;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == u"message") {
                ++messages;
            } else if (xml.name() == u"source") {
                source = xml.readElementText();
            } else if (xml.name() == u"translation") {
                // type="unfinished", "vanished" or "obsolete" all mean: not a current translation.
                const QString type = xml.attributes().value(QStringLiteral("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (!type.isEmpty() || text.trimmed().isEmpty())
                    problems.append(QStringLiteral("untranslated: ") + source);
                else if (placeholders(text) != placeholders(source))
                    problems.append(QStringLiteral("placeholders differ: ") + source);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 50);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral(" | "))));
    }

    void errorInUserLanguage_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("message");
        const QString english = QStringLiteral(
            "--to (2024-03-01T00:00:00Z) must be after --from (2024-03-02T00:00:00Z)");
        QTest::newRow("C") << QStringLiteral("C") << QString() << english;
        QTest::newRow("C.UTF-8, LANGUAGE=de ignored")
            << QStringLiteral("C.UTF-8") << QStringLiteral("de") << english;
        QTest::newRow("en_US") << QStringLiteral("en_US.UTF-8") << QString() << english;
        QTest::newRow("LANGUAGE=en before de_DE")
            << QStringLiteral("de_DE.UTF-8") << QStringLiteral("en") << english;
        QTest::newRow("de_DE") << QStringLiteral("de_DE.UTF-8") << QStringLiteral("de")
                               << QStringLiteral("--to (2024-03-01T00:00:00Z) muss nach --from "
                                                 "(2024-03-02T00:00:00Z) liegen");
        QTest::newRow("LANGUAGE=de over en_US")
            << QStringLiteral("en_US.UTF-8") << QStringLiteral("de")
            << QStringLiteral("--to (2024-03-01T00:00:00Z) muss "
                              "nach --from (2024-03-02T00:00:00Z) liegen");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN.UTF-8") << QString()
                               << QStringLiteral("--to（2024-03-01T00:00:00Z）必须晚于 "
                                                 "--from（2024-03-02T00:00:00Z）");
    }
    void errorInUserLanguage()
    {
        QFETCH(QString, lang);
        QFETCH(QString, language);
        QFETCH(QString, message);
        const CliResult r
            = cli({QStringLiteral("fetch"), QStringLiteral("--symbol"), QStringLiteral("BTCUSDT"),
                   QStringLiteral("--from"), QStringLiteral("2024-03-02"), QStringLiteral("--to"),
                   QStringLiteral("2024-03-01")},
                  localeEnv(lang, language));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        // The prefix is for scripts and stays English; only the message is translated.
        QCOMPARE(QString::fromUtf8(r.err),
                 QStringLiteral("candlewick-cli: error: ") + message + u'\n');
    }

    // A library's error (the SQLite store's) comes out in the user's language too: the CLI
    // installs the libraries' catalogue next to its own.
    void libraryErrorInUserLanguage_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("message");
        QTest::newRow("C") << QStringLiteral("C")
                           << QStringLiteral("Database was made by a newer Candlewick (schema "
                                             "version 99, this one reads up to 4); update "
                                             "Candlewick to use it");
        QTest::newRow("de_DE") << QStringLiteral("de_DE.UTF-8")
                               << QStringLiteral("Die Datenbank wurde von einem neueren Candlewick "
                                                 "angelegt (Schemaversion 99, dieses liest bis 4); "
                                                 "Candlewick aktualisieren, um sie zu verwenden");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN.UTF-8")
                               << QStringLiteral("该数据库由更新版本的 Candlewick 创建（架构版本 "
                                                 "99，本版本最高读取到 4）；请更新 Candlewick "
                                                 "后再使用");
    }
    void libraryErrorInUserLanguage()
    {
        QFETCH(QString, lang);
        QFETCH(QString, message);
        const QString path = m_dir.filePath(QStringLiteral("newer.sqlite"));
        if (!QFile::exists(path)) {
            SqliteCandleStore store;
            QVERIFY2(store.open(path), qPrintable(store.errorString()));
            store.close();
            QVERIFY(execSql(path, "UPDATE schema_version SET version = 99"));
        }
        const CliResult r
            = cli({QStringLiteral("coverage"), QStringLiteral("--db"), path}, localeEnv(lang, {}));
        QCOMPARE(r.exitCode, 1);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.startsWith(QStringLiteral("candlewick-cli: error: ")), r.err.constData());
        QVERIFY2(err.contains(message), r.err.constData());
    }

    void helpInUserLanguage()
    {
        const CliResult r = cli({QStringLiteral("fetch"), QStringLiteral("--help")},
                                localeEnv(QStringLiteral("de_DE.UTF-8"), QStringLiteral("de")));
        QCOMPARE(r.exitCode, 0);
        const QString help = QString::fromUtf8(r.out);
        QVERIFY2(help.startsWith(QStringLiteral("Aufruf: candlewick-cli fetch [Optionen]\n")),
                 r.out.constData());
        QVERIFY2(help.contains(QStringLiteral("Kerzen in die lokale Datenbank herunterladen")),
                 r.out.constData()); // the command's summary
        QVERIFY2(help.contains(QStringLiteral("Ende, ausschließlich, UTC.")),
                 r.out.constData()); // a shared option
    }
};

QTEST_GUILESS_MAIN(TestCliTranslations)
#include "tst_cli_translations.moc"
